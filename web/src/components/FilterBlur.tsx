// What one of the reader's `blur` filters matched in a post (its pictures
// and videos, or the text of a post without them): blurred behind a cover
// naming the filter, out of reach of the keyboard and screen readers until
// the reader shows it.

import type { ComponentChildren } from "preact";
import { t } from "../i18n";

export function FilterBlur({ titles, onShow, children }: { titles: string[]; onShow: () => void; children: ComponentChildren }) {
  return (
    <div class="filter-blur">
      <div class="filter-blur-content" aria-hidden="true" inert>
        {children}
      </div>
      <div class="filter-blur-cover">
        <span>{t("filterBlur.hidden", { titles: titles.join(", ") })}</span>
        <button type="button" class="btn btn-small btn-secondary" onClick={onShow}>
          {t("filterBlur.show")}
        </button>
      </div>
    </div>
  );
}
