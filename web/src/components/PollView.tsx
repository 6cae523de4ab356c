// A post's poll: the options to choose from while it runs and the viewer
// has not voted, the results otherwise (hidden totals: none until it ends).

import { useEffect, useState } from "preact/hooks";
import { api, errorMessage } from "../lib/api";
import { pollResults } from "../lib/poll";
import type { Poll } from "../lib/types";
import { t } from "../i18n";
import { formatDateTime, formatNumber, relativeTime } from "../i18n/format";

interface Props {
  poll: Poll;
  onChange?: (poll: Poll) => void;
}

export function PollView({ poll: given, onChange }: Props) {
  // The poll as last answered by a vote here, until the post is given anew.
  const [voted, setVoted] = useState<Poll | null>(null);
  useEffect(() => setVoted(null), [given]);
  const poll = voted ?? given;
  const [chosen, setChosen] = useState<number[]>([]);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const canVote = !poll.expired && !poll.voted;

  function toggle(i: number) {
    if (poll.multiple) setChosen((c) => (c.includes(i) ? c.filter((x) => x !== i) : [...c, i]));
    else setChosen([i]);
  }

  async function vote(e: Event) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const updated = await api<Poll>(`/api/v1/polls/${poll.id}/votes`, { method: "POST", body: { choices: chosen } });
      setVoted(updated);
      onChange?.(updated);
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form class="poll" onSubmit={vote} aria-label={t("pollView.poll")}>
      {canVote ? (
        <fieldset class="poll-choices">
          <legend class="sr-only">{poll.multiple ? t("pollView.chooseSeveral") : t("pollView.chooseOne")}</legend>
          {poll.options.map((o, i) => (
            <label key={i} class="poll-choice">
              <input
                type={poll.multiple ? "checkbox" : "radio"}
                name={`poll-${poll.id}`}
                checked={chosen.includes(i)}
                onChange={() => toggle(i)}
              />{" "}
              {o.title}
            </label>
          ))}
        </fieldset>
      ) : (
        <ul class="poll-results">
          {pollResults(poll).map((r, i) => (
            <li key={i} class={`poll-result ${r.mine ? "poll-mine" : ""}`}>
              <span class="poll-bar" style={{ width: `${r.share ?? 0}%` }} aria-hidden="true" />
              <span class="poll-label">
                {r.share !== null && <strong>{formatNumber(r.share / 100, { style: "percent" })} </strong>}
                {r.title}
                {r.mine && <span class="sr-only"> {t("pollView.yourVote")}</span>}
              </span>
            </li>
          ))}
        </ul>
      )}
      {error && (
        <p class="form-error" role="alert">
          {error}
        </p>
      )}
      <p class="poll-footer muted">
        {canVote && (
          <button type="submit" class="btn btn-small" disabled={busy || chosen.length === 0}>
            {t("pollView.vote")}
          </button>
        )}{" "}
        {t("pollView.voters", { count: poll.voters_count ?? poll.votes_count })} ·{" "}
        {poll.expired ? (
          t("pollView.closed")
        ) : poll.expires_at ? (
          <time dateTime={poll.expires_at} title={formatDateTime(poll.expires_at)}>
            {t("pollView.ends", { when: relativeTime(poll.expires_at) })}
          </time>
        ) : null}
        {!poll.expired && poll.options.some((o) => o.votes_count === null) && ` · ${t("pollView.resultsLater")}`}
      </p>
    </form>
  );
}
