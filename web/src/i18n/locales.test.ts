// The locale checks CI runs: every language has every English message with
// the same placeholders, every message parses as ICU MessageFormat, every key
// the code asks for exists, and no text a person reads is written into a
// component instead of going through t().

import { describe, expect, it } from "vitest";
import ts from "typescript";
import { IntlMessageFormat } from "intl-messageformat";
import { LANGUAGES, english, loadMessages } from "./index";

type Messages = { [key: string]: string | Messages };

function flatten(m: Messages, prefix = "", out = new Map<string, string>()): Map<string, string> {
  for (const [k, v] of Object.entries(m)) {
    const key = prefix ? `${prefix}.${k}` : k;
    if (typeof v === "string") out.set(key, v);
    else flatten(v, key, out);
  }
  return out;
}

// The names of a message's arguments ({name}, {count, plural, …}), nested too.
function argumentsOf(message: string, lng: string): string[] {
  const names = new Set<string>();
  const walk = (nodes: unknown[]) => {
    for (const n of nodes as { type: number; value?: string; options?: Record<string, { value: unknown[] }>; children?: unknown[] }[]) {
      if (n.type !== 0 && n.type !== 7 && typeof n.value === "string") names.add(n.value);
      if (n.options) for (const o of Object.values(n.options)) walk(o.value);
      if (n.children) walk(n.children);
    }
  };
  walk(new IntlMessageFormat(message, lng).getAst() as unknown[]);
  return [...names].sort();
}

const en = flatten(english);
// The client's sources (tests and this directory left out), by path under src/.
const sources: [string, string][] = Object.entries(
  import.meta.glob<string>(["../**/*.ts", "../**/*.tsx", "!../**/*.test.ts", "!../**/*.test.tsx", "!../i18n/**"], {
    query: "?raw",
    import: "default",
    eager: true,
  }),
).map(([path, text]) => [path.replace(/^\.\.\//, ""), text]);

describe("locales", () => {
  it("English has messages", () => {
    expect(en.size).toBeGreaterThan(0);
  });

  for (const { tag } of LANGUAGES.filter((l) => l.tag !== "en")) {
    it(`${tag} has exactly the English keys, each translated, with the same arguments`, async () => {
      const other = flatten(await loadMessages(tag));
      const missing = [...en.keys()].filter((k) => !other.has(k));
      const extra = [...other.keys()].filter((k) => !en.has(k));
      expect(missing, `keys missing in ${tag}`).toEqual([]);
      expect(extra, `keys in ${tag} that English does not have`).toEqual([]);
      const problems: string[] = [];
      for (const [key, message] of other) {
        if (!message.trim()) problems.push(`${key}: empty`);
        try {
          const a = argumentsOf(message, tag);
          const b = argumentsOf(en.get(key)!, "en");
          if (a.join() !== b.join()) problems.push(`${key}: arguments ${a.join()} but English has ${b.join()}`);
        } catch (e) {
          problems.push(`${key}: ${(e as Error).message}`);
        }
      }
      expect(problems).toEqual([]);
    });
  }

  it("every English message is valid ICU MessageFormat", () => {
    const bad: string[] = [];
    for (const [key, message] of en)
      try {
        argumentsOf(message, "en");
      } catch (e) {
        bad.push(`${key}: ${(e as Error).message}`);
      }
    expect(bad).toEqual([]);
  });

  it("every key the code asks for exists in English", () => {
    const unknown: string[] = [];
    for (const [file, text] of sources) {
      for (const m of text.matchAll(/\bt\(\s*"([A-Za-z0-9_.]+)"/g))
        if (!en.has(m[1])) unknown.push(`${file}: ${m[1]}`);
    }
    expect(unknown).toEqual([]);
  });

  it("no component writes text a person reads without t()", () => {
    const ATTRIBUTES = new Set(["placeholder", "title", "aria-label", "alt", "label", "aria-description", "aria-roledescription"]);
    const CALLS = new Set(["toast", "confirm", "alert", "setError", "setNotice", "setMessage", "prompt"]);
    const readable = (s: string) => /\p{L}{2,}/u.test(s);
    const found: string[] = [];
    for (const [file, text] of sources) {
      const sf = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, file.endsWith("x") ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
      const at = (n: ts.Node) => `${file}:${sf.getLineAndCharacterOfPosition(n.getStart()).line + 1}`;
      const literalText = (e: ts.Expression | undefined): string | null => {
        if (!e) return null;
        if (ts.isStringLiteral(e) || ts.isNoSubstitutionTemplateLiteral(e)) return e.text;
        if (ts.isTemplateExpression(e)) return e.head.text + e.templateSpans.map((s) => s.literal.text).join(" ");
        return null;
      };
      const visit = (n: ts.Node) => {
        if (ts.isJsxText(n) && readable(n.text)) found.push(`${at(n)} text "${n.text.trim()}"`);
        if (ts.isJsxAttribute(n) && ATTRIBUTES.has(n.name.getText())) {
          const init = n.initializer;
          const s = init && (ts.isStringLiteral(init) ? init.text : ts.isJsxExpression(init) ? literalText(init.expression) : null);
          if (s && readable(s)) found.push(`${at(n)} ${n.name.getText()}="${s}"`);
        }
        if (ts.isCallExpression(n) && ts.isIdentifier(n.expression) && CALLS.has(n.expression.text)) {
          const s = literalText(n.arguments[0]);
          if (s && readable(s)) found.push(`${at(n)} ${n.expression.text}("${s}")`);
        }
        ts.forEachChild(n, visit);
      };
      visit(sf);
    }
    expect(found).toEqual([]);
  });
});
