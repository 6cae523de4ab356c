// The profile settings form's values and what saving them sends to
// PATCH /api/v1/accounts/update_credentials.

import type { FollowApproval } from "./types";

export interface FieldRow {
  name: string;
  value: string;
}

export interface ProfileFormValues {
  display_name: string;
  note: string;
  pronouns: string;
  follow_approval: FollowApproval;
  expertise: string; // tags separated by spaces or commas, '#' optional
  fields: FieldRow[];
}

// The body of the update. `nameFromDirectory`: the person came from the
// organization's directory, whose name they keep (the server refuses a
// change), so the name is not sent at all.
export function profileUpdateBody(form: ProfileFormValues, nameFromDirectory: boolean): Record<string, unknown> {
  const fields = form.fields.filter((x) => x.name.trim() || x.value.trim());
  const body: Record<string, unknown> = {
    note: form.note,
    pronouns: form.pronouns,
    follow_approval: form.follow_approval,
    expertise: form.expertise
      .split(/[\s,]+/)
      .map((t) => t.replace(/^#/, ""))
      .filter(Boolean),
    fields_attributes: fields.length ? Object.fromEntries(fields.map((x, i) => [String(i), x])) : { "0": { name: "", value: "" } },
  };
  if (!nameFromDirectory) body.display_name = form.display_name;
  return body;
}
