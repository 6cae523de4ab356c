// A community's page in German and Japanese: the head's member count as the
// language's plural, the role said in the language, and the moderation log's
// sentence with the person's bold name where the language puts it.
import { afterEach, expect, test, vi } from "vitest";
import { cleanup, render, screen } from "@testing-library/preact";
import { setLanguage } from "../i18n";
import type { Community } from "../lib/types";
import { CommunityScreen } from "./Communities";
import { ModerationLog } from "./CommunityModeration";

afterEach(async () => {
  cleanup();
  vi.unstubAllGlobals();
  await setLanguage("en");
});

const community = {
  id: "5",
  handle: "ops",
  name: "Operations",
  description: "",
  description_html: "",
  tags: [],
  type: "restricted",
  listed: true,
  archived: false,
  avatar: null,
  banner: null,
  members_count: 1,
  role: null,
} as unknown as Community;

const entry = {
  id: "1",
  action: "remove_status",
  account: { id: "9", username: "ana", acct: "ana", display_name: "Ana", avatar: "" },
  status_id: "3",
  target_account_id: "7",
  reason: "",
  created_at: "2026-12-01T10:00:00.000Z",
};

function serve(routes: Record<string, unknown>) {
  vi.stubGlobal(
    "fetch",
    vi.fn(async (input: RequestInfo | URL) => {
      const path = new URL(String(input), "http://localhost").pathname;
      if (!(path in routes)) return new Response(JSON.stringify({ error: "Record not found" }), { status: 404 });
      return new Response(JSON.stringify(routes[path]), { status: 200, headers: { "Content-Type": "application/json" } });
    }),
  );
}

test("the moderation log says who did what in German, the name in bold first", async () => {
  await setLanguage("de");
  serve({ "/api/v1/atrium/communities/5/moderation_log": [entry] });
  render(<ModerationLog community={community} />);
  const line = await screen.findByText((_, el) => el?.tagName === "P" && el.textContent?.startsWith("Ana hat einen Beitrag entfernt") === true);
  expect(line.querySelector("strong")?.textContent).toBe("Ana");
  expect(screen.getByRole("link", { name: "Profil der Autorin oder des Autors" })).toBeTruthy();
  expect(screen.getByText("Kein Grund angegeben.")).toBeTruthy();
});

test("the moderation log in Japanese puts the particle after the bold name", async () => {
  await setLanguage("ja");
  serve({ "/api/v1/atrium/communities/5/moderation_log": [entry] });
  render(<ModerationLog community={community} />);
  const line = await screen.findByText((_, el) => el?.tagName === "P" && el.textContent?.startsWith("Anaさんが投稿を削除しました") === true);
  expect(line.querySelector("strong")?.textContent).toBe("Ana");
});

test("a restricted community's head and locked members in German, with the singular member count", async () => {
  await setLanguage("de");
  serve({ "/api/v1/atrium/communities/5": community });
  render(<CommunityScreen id="5" tab="members" />);
  expect(await screen.findByText("Nur Mitglieder sehen, wer zu dieser Community gehört")).toBeTruthy();
  expect(screen.getByText(/· 1 Mitglied$/)).toBeTruthy();
  expect(screen.getByRole("button", { name: "Beitritt anfragen" })).toBeTruthy();
  expect(screen.getByText("Eingeschränkt")).toBeTruthy();
});

test("the same head in Japanese counts members without an English plural", async () => {
  await setLanguage("ja");
  serve({ "/api/v1/atrium/communities/5": { ...community, members_count: 3 } });
  render(<CommunityScreen id="5" tab="members" />);
  expect(await screen.findByText("このコミュニティのメンバー一覧はメンバーだけが見られます")).toBeTruthy();
  expect(screen.getByText(/メンバー 3人/)).toBeTruthy();
  expect(screen.queryByText(/members?\b/)).toBeNull();
});
