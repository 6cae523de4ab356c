// Dates, times, numbers and relative times in the client's language, through
// Intl. Components format with these, never with a fixed locale.

import { language, t } from "./index";

const cache = new Map<string, Intl.DateTimeFormat | Intl.NumberFormat | Intl.RelativeTimeFormat>();

function cached<T extends Intl.DateTimeFormat | Intl.NumberFormat | Intl.RelativeTimeFormat>(
  kind: string,
  opts: object,
  make: (lng: string) => T,
): T {
  const lng = language.value;
  const key = `${kind}|${lng}|${JSON.stringify(opts)}`;
  let f = cache.get(key);
  if (!f) cache.set(key, (f = make(lng)));
  return f as T;
}

/** A date and time, by default "medium" date and "short" time. */
export function formatDateTime(
  when: string | number | Date,
  opts: Intl.DateTimeFormatOptions = { dateStyle: "medium", timeStyle: "short" },
): string {
  return cached("dt", opts, (lng) => new Intl.DateTimeFormat(lng, opts)).format(new Date(when));
}

/** A date without the time. */
export function formatDate(when: string | number | Date, opts: Intl.DateTimeFormatOptions = { dateStyle: "medium" }): string {
  return formatDateTime(when, opts);
}

/** A number with the language's grouping. */
export function formatNumber(n: number, opts: Intl.NumberFormatOptions = {}): string {
  return cached("n", opts, (lng) => new Intl.NumberFormat(lng, opts)).format(n);
}

/** "3 min. ago", "yesterday": short relative time up to a week, then the date. */
export function relativeTime(iso: string, now = Date.now()): string {
  const t0 = Date.parse(iso);
  if (Number.isNaN(t0)) return "";
  const s = Math.round((t0 - now) / 1000);
  const rtf = cached("rt", { numeric: "auto", style: "short" }, (lng) => new Intl.RelativeTimeFormat(lng, { numeric: "auto", style: "short" }));
  const abs = Math.abs(s);
  if (abs < 45) return t("common.justNow");
  if (abs < 3600) return rtf.format(Math.round(s / 60), "minute");
  if (abs < 86400) return rtf.format(Math.round(s / 3600), "hour");
  if (abs < 7 * 86400) return rtf.format(Math.round(s / 86400), "day");
  return formatDate(t0, { day: "numeric", month: "short", year: "numeric" });
}
