// The composer's one audience control: who will see a post, in words a
// colleague understands, each with a one-line explanation. A choice is a
// visibility ("public", "unlisted", "private", "direct") or a community the
// writer is in ("community:<id>").

import type { Community, Visibility } from "./types";

export interface AudienceChoice {
  value: string;
  label: string;
  hint: string;
  /** Listed under "A community you are in". */
  group?: boolean;
}

const PEOPLE: AudienceChoice[] = [
  {
    value: "public",
    label: "Everyone in the organization",
    hint: "Anyone here can see it; it appears in the organization stream and to your followers.",
  },
  {
    value: "unlisted",
    label: "Everyone, without the organization stream",
    hint: "Anyone here can open it and your followers see it, but it is not shown in the organization stream.",
  },
  {
    value: "private",
    label: "Your followers",
    hint: "Only the people who follow you, and anyone you @mention.",
  },
  {
    value: "direct",
    label: "Only the people you mention",
    hint: "A private message to the people you @mention, no one else.",
  },
];

/** The choices, communities (those the writer is in) after the visibilities. */
export function audienceChoices(communities: Community[]): AudienceChoice[] {
  return [
    ...PEOPLE,
    ...communities.map((c) => ({
      value: `community:${c.id}`,
      label: c.name,
      group: true,
      hint:
        c.type === "restricted"
          ? `Only the members of ${c.name} can see it.`
          : `Posted in ${c.name}: its members get it, and anyone here can read it.`,
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
