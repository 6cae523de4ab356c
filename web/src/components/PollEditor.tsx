// The composer's poll: two to four options, how long it runs, and whether
// several options may be chosen.

import { t } from "../i18n";

export interface PollDraft {
  options: string[];
  expiresIn: number;
  multiple: boolean;
}

export const POLL_MAX_OPTIONS = 4;

// Each length with its words: a number of minutes, hours or days.
const DURATIONS: [number, () => string][] = [
  [5 * 60, () => t("pollEditor.minutes", { count: 5 })],
  [60 * 60, () => t("pollEditor.hours", { count: 1 })],
  [24 * 60 * 60, () => t("pollEditor.days", { count: 1 })],
  [3 * 24 * 60 * 60, () => t("pollEditor.days", { count: 3 })],
  [7 * 24 * 60 * 60, () => t("pollEditor.days", { count: 7 })],
];

export function newPollDraft(): PollDraft {
  return { options: ["", ""], expiresIn: 24 * 60 * 60, multiple: false };
}

interface Props {
  draft: PollDraft;
  onChange: (draft: PollDraft) => void;
  onRemove: () => void;
}

export function PollEditor({ draft, onChange, onRemove }: Props) {
  const setOption = (i: number, value: string) => onChange({ ...draft, options: draft.options.map((o, j) => (j === i ? value : o)) });
  return (
    <fieldset class="poll-editor">
      <legend>{t("pollEditor.poll")}</legend>
      {draft.options.map((o, i) => (
        <div key={i} class="poll-editor-option">
          <input
            type="text"
            maxLength={50}
            value={o}
            aria-label={t("pollEditor.option", { n: i + 1 })}
            placeholder={t("pollEditor.option", { n: i + 1 })}
            onInput={(e) => setOption(i, (e.target as HTMLInputElement).value)}
          />
          {draft.options.length > 2 && (
            <button type="button" class="btn btn-small" aria-label={t("pollEditor.removeOption", { n: i + 1 })} onClick={() => onChange({ ...draft, options: draft.options.filter((_, j) => j !== i) })}>
              {t("pollEditor.remove")}
            </button>
          )}
        </div>
      ))}
      <div class="poll-editor-bar">
        {draft.options.length < POLL_MAX_OPTIONS && (
          <button type="button" class="btn btn-small" onClick={() => onChange({ ...draft, options: [...draft.options, ""] })}>
            {t("pollEditor.addOption")}
          </button>
        )}
        <label>
          {t("pollEditor.runsFor")}{" "}
          <select value={String(draft.expiresIn)} aria-label={t("pollEditor.length")} onChange={(e) => onChange({ ...draft, expiresIn: Number((e.target as HTMLSelectElement).value) })}>
            {DURATIONS.map(([s, label]) => (
              <option key={s} value={String(s)}>
                {label()}
              </option>
            ))}
          </select>
        </label>
        <label>
          <input type="checkbox" checked={draft.multiple} onChange={(e) => onChange({ ...draft, multiple: (e.target as HTMLInputElement).checked })} /> {t("pollEditor.multiple")}
        </label>
        <button type="button" class="btn btn-small" onClick={onRemove}>
          {t("pollEditor.removePoll")}
        </button>
      </div>
    </fieldset>
  );
}
