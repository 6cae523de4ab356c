// The composer's poll: two to four options, how long it runs, and whether
// several options may be chosen.

export interface PollDraft {
  options: string[];
  expiresIn: number;
  multiple: boolean;
}

export const POLL_MAX_OPTIONS = 4;

const DURATIONS: [number, string][] = [
  [5 * 60, "5 minutes"],
  [60 * 60, "1 hour"],
  [24 * 60 * 60, "1 day"],
  [3 * 24 * 60 * 60, "3 days"],
  [7 * 24 * 60 * 60, "7 days"],
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
      <legend>Poll</legend>
      {draft.options.map((o, i) => (
        <div key={i} class="poll-editor-option">
          <input
            type="text"
            maxLength={50}
            value={o}
            aria-label={`Option ${i + 1}`}
            placeholder={`Option ${i + 1}`}
            onInput={(e) => setOption(i, (e.target as HTMLInputElement).value)}
          />
          {draft.options.length > 2 && (
            <button type="button" class="btn btn-small" aria-label={`Remove option ${i + 1}`} onClick={() => onChange({ ...draft, options: draft.options.filter((_, j) => j !== i) })}>
              Remove
            </button>
          )}
        </div>
      ))}
      <div class="poll-editor-bar">
        {draft.options.length < POLL_MAX_OPTIONS && (
          <button type="button" class="btn btn-small" onClick={() => onChange({ ...draft, options: [...draft.options, ""] })}>
            Add an option
          </button>
        )}
        <label>
          Runs for{" "}
          <select value={String(draft.expiresIn)} aria-label="Poll length" onChange={(e) => onChange({ ...draft, expiresIn: Number((e.target as HTMLSelectElement).value) })}>
            {DURATIONS.map(([s, label]) => (
              <option key={s} value={String(s)}>
                {label}
              </option>
            ))}
          </select>
        </label>
        <label>
          <input type="checkbox" checked={draft.multiple} onChange={(e) => onChange({ ...draft, multiple: (e.target as HTMLInputElement).checked })} /> Several choices
        </label>
        <button type="button" class="btn btn-small" onClick={onRemove}>
          Remove poll
        </button>
      </div>
    </fieldset>
  );
}
