// The composer's audience and advice, as the server sends them, and the
// @mentions of a draft (asked about for the audience line).

import { t } from "../i18n";

export interface Audience {
  count: number;
  /** The sentence in English (for clients without languages). */
  description: string;
  kind?: "organization" | "organization_community" | "restricted_community" | "followers" | "mentioned" | string;
  organization?: string;
  community_name?: string;
  writer_is_member?: boolean;
  followers?: number;
  mentioned?: number;
}

/** Who will see the post, in the reader's language (the server's English for a kind it does not know). */
export function audienceSentence(a: Audience): string {
  switch (a.kind) {
    case "organization":
      return t("composeGuidance.who.organization", { organization: a.organization, count: a.count });
    case "organization_community":
      return t("composeGuidance.who.organizationCommunity", { organization: a.organization, count: a.count, community: a.community_name });
    case "followers":
      return a.mentioned
        ? t("composeGuidance.who.followersAndMentioned", { followers: a.followers ?? 0, mentioned: a.mentioned })
        : t("composeGuidance.who.followers", { followers: a.followers ?? 0 });
    case "mentioned":
      return a.count === 0 ? t("composeGuidance.who.onlyYou") : t("composeGuidance.who.mentioned", { count: a.count });
    case "restricted_community":
      return a.writer_is_member
        ? t("composeGuidance.who.restrictedOthers", { count: a.count, community: a.community_name })
        : t("composeGuidance.who.restricted", { count: a.count, community: a.community_name });
    default:
      return a.description;
  }
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
