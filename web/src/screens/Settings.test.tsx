// The language choice in Settings: it offers the browser's language and each
// language in its own name; choosing one switches the client at once, keeps
// it in this browser and stores it on the account
// (PATCH /api/v1/atrium/preferences/interface); a refusal is shown as an
// error and brings back the language that was saved.
import { afterEach, beforeEach, expect, test, vi } from "vitest";
import { cleanup, fireEvent, render, screen, waitFor } from "@testing-library/preact";
import { LanguageSettings } from "./Settings";
import { LANGUAGES, language, setLanguage, storedLanguage } from "../i18n";
import { toasts } from "../state";
import de from "../i18n/locales/de/screens.json";
import en from "../i18n/locales/en/screens.json";

const PATH = "/api/v1/atrium/preferences/interface";

let saved: string | null;
let refuse: boolean;
let patches: unknown[];

function json(body: unknown, status = 200) {
  return new Response(JSON.stringify(body), { status, headers: { "Content-Type": "application/json" } });
}

beforeEach(() => {
  saved = null;
  refuse = false;
  patches = [];
  localStorage.clear();
  toasts.value = [];
  vi.stubGlobal(
    "fetch",
    vi.fn(async (url: RequestInfo | URL, init?: RequestInit) => {
      if (String(url) !== PATH) return json({ error: "Not found" }, 404);
      if ((init?.method ?? "GET") === "PATCH") {
        const body = JSON.parse(String(init?.body));
        patches.push(body);
        if (refuse) return json({ error: "That language is not available" }, 422);
        saved = body.language || null;
      }
      return json({ language: saved });
    }),
  );
});

afterEach(async () => {
  cleanup();
  vi.unstubAllGlobals();
  await setLanguage("en");
  localStorage.clear();
});

const chooser = () => screen.findByRole("combobox") as Promise<HTMLSelectElement>;

test("offers the browser's language and every language in its own name", async () => {
  render(<LanguageSettings />);
  const select = await chooser();
  const options = [...select.options].map((o) => [o.value, o.textContent]);
  expect(options[0]).toEqual(["", en.settings.languageBrowser.replace("{current}", "English")]);
  expect(options.slice(1)).toEqual(LANGUAGES.map((l) => [l.tag, l.name]));
  expect(select.value).toBe("");
});

test("choosing a language switches the client, remembers it and stores it on the account", async () => {
  render(<LanguageSettings />);
  fireEvent.change(await chooser(), { target: { value: "de" } });
  await waitFor(() => expect(patches).toEqual([{ language: "de" }]));
  await waitFor(() => expect(screen.getByRole("heading").textContent).toBe(de.settings.language));
  expect(language.value).toBe("de");
  expect(document.documentElement.lang).toBe("de");
  expect(storedLanguage()).toBe("de");
  expect(saved).toBe("de");
  await waitFor(() => expect((screen.getByRole("combobox") as HTMLSelectElement).disabled).toBe(false));
  expect((screen.getByRole("combobox") as HTMLSelectElement).value).toBe("de");

  // Back to the browser's language: "" on the account, nothing kept here.
  fireEvent.change(screen.getByRole("combobox"), { target: { value: "" } });
  await waitFor(() => expect(patches).toEqual([{ language: "de" }, { language: "" }]));
  await waitFor(() => expect(language.value).toBe("en"));
  expect(screen.getByRole("heading").textContent).toBe(en.settings.language);
  expect(storedLanguage()).toBe("");
  expect(saved).toBeNull();
});

test("the saved choice is shown; a refusal is an error and brings it back", async () => {
  saved = "ja";
  render(<LanguageSettings />);
  const select = await chooser();
  expect(select.value).toBe("ja");
  refuse = true;
  fireEvent.change(select, { target: { value: "de" } });
  await waitFor(() => expect(toasts.value.some((t) => t.kind === "error" && t.text === "That language is not available")).toBe(true));
  expect(patches).toEqual([{ language: "de" }]);
  await waitFor(() => expect((screen.getByRole("combobox") as HTMLSelectElement).value).toBe("ja"));
  expect(language.value).toBe("ja");
  expect(storedLanguage()).toBe("ja");
  expect(document.documentElement.lang).toBe("ja");
});

test("a server that cannot read the choice says so, with a way to try again", async () => {
  vi.stubGlobal("fetch", vi.fn(async () => json({ error: "Service unavailable" }, 503)));
  render(<LanguageSettings />);
  expect(await screen.findByText(/Service unavailable/)).toBeTruthy();
  expect(screen.queryByRole("combobox")).toBeNull();
});
