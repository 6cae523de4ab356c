// The theme switch in Settings: the choice applies at once to <html>, is
// kept in local storage, and "follow the system" tracks the system's
// preference, also when it changes.
import { afterEach, beforeEach, expect, test, vi } from "vitest";
import { cleanup, fireEvent, render, screen } from "@testing-library/preact";
import { ThemeSettings } from "./ThemeSettings";
import { THEME_KEY, startTheme } from "../lib/theme";

let systemDark = false;
let listeners: (() => void)[] = [];
let stop: (() => void) | undefined;

beforeEach(() => {
  systemDark = false;
  listeners = [];
  localStorage.clear();
  vi.stubGlobal("matchMedia", (query: string) => ({
    media: query,
    get matches() {
      return query === "(prefers-color-scheme: dark)" && systemDark;
    },
    addEventListener: (_: string, f: () => void) => listeners.push(f),
    removeEventListener: (_: string, f: () => void) => (listeners = listeners.filter((x) => x !== f)),
  }));
});

afterEach(() => {
  stop?.();
  cleanup();
  vi.unstubAllGlobals();
});

test("follows the system by default, and the system's changes", () => {
  stop = startTheme();
  render(<ThemeSettings />);
  expect((screen.getByLabelText(/Follow the system/) as HTMLInputElement).checked).toBe(true);
  expect(document.documentElement.dataset.theme).toBe("light");
  systemDark = true;
  listeners.forEach((f) => f());
  expect(document.documentElement.dataset.theme).toBe("dark");
});

test("choosing dark or light applies it and keeps it; the system no longer decides", () => {
  stop = startTheme();
  render(<ThemeSettings />);
  fireEvent.click(screen.getByLabelText(/^Dark/));
  expect(document.documentElement.dataset.theme).toBe("dark");
  expect(localStorage.getItem(THEME_KEY)).toBe("dark");
  expect((screen.getByLabelText(/^Dark/) as HTMLInputElement).checked).toBe(true);

  fireEvent.click(screen.getByLabelText(/^Light/));
  systemDark = true;
  expect(listeners.length).toBe(1);
  listeners.forEach((f) => f());
  expect(document.documentElement.dataset.theme).toBe("light");
  expect(localStorage.getItem(THEME_KEY)).toBe("light");

  fireEvent.click(screen.getByLabelText(/Follow the system/));
  expect(localStorage.getItem(THEME_KEY)).toBeNull();
  expect(document.documentElement.dataset.theme).toBe("dark");
});

test("a stored choice is applied when the client starts", () => {
  localStorage.setItem(THEME_KEY, "dark");
  stop = startTheme();
  expect(document.documentElement.dataset.theme).toBe("dark");
  render(<ThemeSettings />);
  expect((screen.getByLabelText(/^Dark/) as HTMLInputElement).checked).toBe(true);
});
