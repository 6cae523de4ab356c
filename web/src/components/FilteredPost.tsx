// A post one of the reader's `warn` filters matched, collapsed: the filter's
// name and a button to show the post anyway.

import { t } from "../i18n";

export function FilteredPost({ titles, statusId, onShow }: { titles: string[]; statusId: string; onShow: () => void }) {
  return (
    <article class="status card status-filtered" data-status-id={statusId} aria-label={t("filteredPost.label")}>
      <p>
        <span>{t("filteredPost.filtered", { titles: titles.join(", ") })}</span>
        {" — "}
        <button type="button" class="btn-link" onClick={onShow}>
          {t("filteredPost.show")}
        </button>
      </p>
    </article>
  );
}
