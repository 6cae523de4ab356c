// The tag filter of a place (Questions, Blogs): a field that applies on
// submit and a chip to clear the tag in use.

import { useEffect, useState } from "preact/hooks";
import { tagFilter } from "../lib/places";
import { Icon } from "./icons";
import { t } from "../i18n";

export function TagFilter({ value, label, onApply }: { value: string; label: string; onApply: (tag: string) => void }) {
  const [text, setText] = useState(value);
  useEffect(() => setText(value), [value]);
  return (
    <form
      class="card search-card tag-filter"
      role="search"
      aria-label={label}
      onSubmit={(e) => {
        e.preventDefault();
        onApply(tagFilter(text));
      }}
    >
      <input type="search" placeholder={t("tagFilter.placeholder")} aria-label={t("tagFilter.tag")} value={text} onInput={(e) => setText((e.target as HTMLInputElement).value)} />
      <button type="submit" class="btn btn-secondary btn-small">
        {t("tagFilter.filter")}
      </button>
      {value && (
        <button type="button" class="chip chip-btn on" onClick={() => onApply("")} aria-label={t("tagFilter.clear", { tag: value })}>
          #{value} <Icon name="x" size={14} />
        </button>
      )}
    </form>
  );
}
