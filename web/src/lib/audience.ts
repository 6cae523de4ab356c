// The composer's one audience control: who will see a post, in words a
// colleague understands, each with a one-line explanation. A choice is a
// visibility ("public", "unlisted", "private", "direct") or a community the
// writer is in ("community:<id>").

import type { Community, Visibility } from "./types";
import { t } from "../i18n";

export interface AudienceChoice {
  value: string;
  label: string;
  hint: string;
  /** Listed under "A community you are in". */
  group?: boolean;
}

const PEOPLE: AudienceChoice[] = (["public", "unlisted", "private", "direct"] as const).map((value) => ({
  value,
  get label() {
    return t(`audience.${value}`);
  },
  get hint() {
    return t(`audience.${value}Hint`);
  },
}));

/** The choices, communities (those the writer is in) after the visibilities. */
export function audienceChoices(communities: Community[]): AudienceChoice[] {
  return [
    ...PEOPLE,
    ...communities.map((c) => ({
      value: `community:${c.id}`,
      label: c.name,
      group: true,
      hint: c.type === "restricted" ? t("audience.restrictedCommunityHint", { name: c.name }) : t("audience.communityHint", { name: c.name }),
    })),
  ];
}

/** The control's value for a visibility and a community (empty: none). */
export function audienceValue(visibility: Visibility, communityId: string): string {
  return communityId ? `community:${communityId}` : visibility;
}

/** A value of the control as a community (empty: none) or a visibility. */
export function parseAudience(value: string): { communityId: string; visibility?: Visibility } {
  if (value.startsWith("community:")) return { communityId: value.slice("community:".length) };
  return { communityId: "", visibility: value as Visibility };
}
