// The posts the reader liked, newest like first. Only they see this list.

import { PageHeader } from "../components/PageHeader";
import { Timeline } from "../components/Timeline";
import { useTitle } from "../components/ui";
import { t } from "../i18n";

export function FavouritesScreen() {
  useTitle(t("favourites.title"));
  return (
    <div class="page">
      <PageHeader title={t("favourites.title")} subtitle={t("favourites.subtitle")} />
      <Timeline
        label={t("favourites.title")}
        path="/api/v1/favourites"
        emptyIcon="heart"
        emptyTitle={t("favourites.emptyTitle")}
        emptyHint={t("favourites.emptyHint")}
      />
    </div>
  );
}
