import { describe, expect, it } from "vitest";
import { feedUrl, rememberFeedToken, rememberedFeedToken } from "./feeds";

// sessionStorage as a map (the tests run without a browser).
function memoryStorage() {
  const m = new Map<string, string>();
  return {
    getItem: (k: string) => m.get(k) ?? null,
    setItem: (k: string, v: string) => void m.set(k, v),
    removeItem: (k: string) => void m.delete(k),
  };
}

describe("feeds", () => {

  it("builds a feed URL with the token and the subject", () => {
    expect(feedUrl("https://atrium.example", "abc-_1", "accounts", "42")).toBe("https://atrium.example/api/v1/atrium/feeds/abc-_1/accounts/42");
    expect(feedUrl("https://atrium.example", "t", "communities", "7")).toBe("https://atrium.example/api/v1/atrium/feeds/t/communities/7");
  });

  it("remembers the token for this tab until it is forgotten", () => {
    const storage = memoryStorage();
    expect(rememberedFeedToken(storage)).toBeNull();
    rememberFeedToken("secret", storage);
    expect(rememberedFeedToken(storage)).toBe("secret");
    rememberFeedToken(null, storage);
    expect(rememberedFeedToken(storage)).toBeNull();
  });

  it("gives no token where there is no storage", () => {
    expect(rememberedFeedToken()).toBeNull();
  });
});
