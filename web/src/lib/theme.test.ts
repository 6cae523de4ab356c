import { describe, expect, it } from "vitest";
import { THEME_KEY, loadThemeChoice, resolveTheme, saveThemeChoice } from "./theme";

function memoryStorage(initial: Record<string, string> = {}) {
  const m = new Map(Object.entries(initial));
  return {
    map: m,
    getItem: (k: string) => m.get(k) ?? null,
    setItem: (k: string, v: string) => void m.set(k, v),
    removeItem: (k: string) => void m.delete(k),
  };
}

describe("theme choice", () => {
  it("follows the system when nothing or something unknown is stored", () => {
    expect(loadThemeChoice(memoryStorage())).toBe("system");
    expect(loadThemeChoice(memoryStorage({ [THEME_KEY]: "sepia" }))).toBe("system");
    expect(loadThemeChoice(null)).toBe("system");
    const throwing = { getItem: () => { throw new Error("denied"); } };
    expect(loadThemeChoice(throwing)).toBe("system");
  });

  it("reads back what was chosen", () => {
    const s = memoryStorage();
    saveThemeChoice(s, "dark");
    expect(s.map.get(THEME_KEY)).toBe("dark");
    expect(loadThemeChoice(s)).toBe("dark");
    saveThemeChoice(s, "light");
    expect(loadThemeChoice(s)).toBe("light");
  });

  it("forgets the stored value when the choice is to follow the system", () => {
    const s = memoryStorage({ [THEME_KEY]: "dark" });
    saveThemeChoice(s, "system");
    expect(s.map.has(THEME_KEY)).toBe(false);
  });

  it("resolves the system choice by the system's preference, and the others as they are", () => {
    expect(resolveTheme("system", true)).toBe("dark");
    expect(resolveTheme("system", false)).toBe("light");
    expect(resolveTheme("light", true)).toBe("light");
    expect(resolveTheme("dark", false)).toBe("dark");
  });
});
