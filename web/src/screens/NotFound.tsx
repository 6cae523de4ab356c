import { Empty, useTitle } from "../components/ui";
import { PageHeader } from "../components/PageHeader";
import { t } from "../i18n";

export type NotFoundWhat = "page" | "post" | "blog entry" | "question" | "person" | "community";

export function NotFound({ what = "page" }: { what?: NotFoundWhat }) {
  useTitle(t("notFound.title"));
  return (
    <>
      <PageHeader title={t("notFound.title")} />
      <Empty icon="search" title={t("notFound.what", { what: what.replace(" ", "_") })} hint={t("notFound.hint")}>
        <a class="btn btn-secondary" href="/">
          {t("notFound.goHome")}
        </a>
      </Empty>
    </>
  );
}
