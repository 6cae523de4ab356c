// The composer's audience and advice, as the server sends them, and the
// @mentions of a draft (asked about for the audience line).

export interface Audience {
  count: number;
  description: string;
}

export interface AdviceItem {
  rule: string;
  message: string;
  severity: "info" | "warn" | "confirm";
  spans: { start: number; end: number }[];
  url?: string;
  status_id?: string;
}

const MENTION = /(^|[^\w@/])@([A-Za-z0-9_](?:[A-Za-z0-9_.-]*[A-Za-z0-9_])?)(?![\w@])/g;

/** The usernames @mentioned in `text`, each once, in order (not user@host). */
export function mentionedUsernames(text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(MENTION)) {
    const name = m[2];
    if (!out.includes(name)) out.push(name);
  }
  return out;
}

/** The advice items that ask for one more click before posting. */
export function needsConfirmation(items: AdviceItem[]): AdviceItem[] {
  return items.filter((a) => a.severity === "confirm");
}
