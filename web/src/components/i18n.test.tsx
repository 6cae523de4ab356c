// The shared components in another language: relative times and dates from
// Intl in the client's language, and plurals from the messages (German has
// one/other, Japanese only other).

import { afterEach, expect, test } from "vitest";
import { render, screen } from "@testing-library/preact";
import { setLanguage } from "../i18n";
import { conversationTitle } from "../lib/messages";
import type { Poll } from "../lib/types";
import { PollView } from "./PollView";
import { relativeTime } from "./ui";

afterEach(() => setLanguage("en"));

const now = Date.parse("2026-03-10T12:00:00Z");
const poll = (voters: number): Poll =>
  ({
    id: "1",
    expires_at: null,
    expired: true,
    multiple: false,
    votes_count: voters,
    voters_count: voters,
    options: [
      { title: "Yes", votes_count: voters },
      { title: "No", votes_count: 0 },
    ],
    voted: true,
    own_votes: [0],
    emojis: [],
  }) as unknown as Poll;

test("relative times follow the language", async () => {
  expect(relativeTime("2026-03-10T11:57:00Z", now)).toBe("3 min. ago");
  await setLanguage("de");
  expect(relativeTime("2026-03-10T11:57:00Z", now)).toBe("vor 3 Min.");
  expect(relativeTime("2026-03-09T12:00:00Z", now)).toBe("gestern");
  await setLanguage("ja");
  expect(relativeTime("2026-03-10T09:00:00Z", now)).toBe("3 時間前");
});

test("counts are plurals of the language", async () => {
  await setLanguage("de");
  const { unmount } = render(<PollView poll={poll(1)} />);
  expect(screen.getByText(/1 Person hat abgestimmt/)).toBeTruthy();
  expect(screen.getByText(/Beendet/)).toBeTruthy();
  unmount();
  render(<PollView poll={poll(4)} />);
  expect(screen.getByText(/4 Personen haben abgestimmt/)).toBeTruthy();
  expect(conversationTitle([{ display_name: "Ana", username: "ana" }, { display_name: "Ben", username: "ben" }, { display_name: "", username: "cat" }, { display_name: "Dan", username: "dan" }])).toBe(
    "Ana, Ben und 2 weitere",
  );
  await setLanguage("ja");
  expect(conversationTitle([{ display_name: "Ana", username: "ana" }, { display_name: "Ben", username: "ben" }, { display_name: "", username: "cat" }, { display_name: "Dan", username: "dan" }])).toBe(
    "Ana、Ben、ほか2人",
  );
});
