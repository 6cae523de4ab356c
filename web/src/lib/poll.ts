// What the web client shows of a poll and checks of a poll being written.

import type { Poll } from "./types";
import { t } from "../i18n";

export interface PollResult {
  title: string;
  /** Percent of the votes (of the voters, on a multiple-choice poll), or null while hidden. */
  share: number | null;
  mine: boolean;
}

export function pollResults(poll: Poll): PollResult[] {
  const total = poll.multiple ? (poll.voters_count ?? poll.votes_count) : poll.votes_count;
  return poll.options.map((o, i) => ({
    title: o.title,
    share: o.votes_count === null ? null : total === 0 ? 0 : Math.round((100 * o.votes_count) / total),
    mine: poll.own_votes?.includes(i) ?? false,
  }));
}

/** Why the server would refuse these options, or null (2 to 4, none blank, all different). */
export function pollOptionsProblem(options: string[]): string | null {
  const trimmed = options.map((o) => o.trim());
  if (trimmed.length < 2) return t("poll.tooFew");
  if (trimmed.length > 4) return t("poll.tooMany");
  if (trimmed.some((o) => o === "")) return t("poll.emptyOption");
  if (new Set(trimmed).size !== trimmed.length) return t("poll.sameOptions");
  return null;
}
