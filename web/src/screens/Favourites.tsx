// The posts the reader liked, newest like first. Only they see this list.

import { PageHeader } from "../components/PageHeader";
import { Timeline } from "../components/Timeline";
import { useTitle } from "../components/ui";

export function FavouritesScreen() {
  useTitle("Liked posts");
  return (
    <div class="page">
      <PageHeader title="Liked posts" subtitle="Posts you liked. Only you see this list." />
      <Timeline
        label="Liked posts"
        path="/api/v1/favourites"
        emptyIcon="heart"
        emptyTitle="No liked posts yet"
        emptyHint="Use the heart on a post to like it; it is kept here."
      />
    </div>
  );
}
