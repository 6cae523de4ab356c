import { Empty, useTitle } from "../components/ui";
import { PageHeader } from "../components/PageHeader";

export function NotFound({ what = "page" }: { what?: string }) {
  useTitle("Not found");
  return (
    <>
      <PageHeader title="Not found" />
      <Empty icon="search" title={`This ${what} does not exist, or you cannot see it.`} hint="Check the address, or go back to your home stream.">
        <a class="btn btn-secondary" href="/">
          Go to Home
        </a>
      </Empty>
    </>
  );
}
