// Times for scheduling a post: the server takes ISO 8601 in UTC, the
// browser's date-and-time picker shows and returns local time without a zone.

import { t } from "../i18n";

/** The server refuses a post scheduled less than this far ahead (as Mastodon). */
export const MIN_LEAD_MS = 5 * 60 * 1000;

const pad = (n: number) => String(n).padStart(2, "0");

/** `ms` as the value of an <input type="datetime-local"> (local time, to the minute). */
export function toLocalInput(ms: number): string {
  const d = new Date(ms);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** The value of a datetime-local input as ISO 8601 in UTC, or null if it is not a time. */
export function fromLocalInput(value: string): string | null {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$/.test(value)) return null;
  const d = new Date(value); // a zone-less date-time is local time
  return Number.isNaN(d.getTime()) ? null : d.toISOString();
}

/** The earliest time worth offering: the lead plus a minute, to the next minute. */
export function earliestSchedule(now: number): number {
  const t = now + MIN_LEAD_MS + 60 * 1000;
  return t - (t % 60000) + 60000;
}

/** Why `iso` cannot be chosen now, or null if it can. */
export function scheduleProblem(iso: string | null, now: number): string | null {
  if (!iso) return t("schedule.chooseTime");
  if (new Date(iso).getTime() < now + MIN_LEAD_MS) return t("schedule.tooSoon", { minutes: MIN_LEAD_MS / 60000 });
  return null;
}
