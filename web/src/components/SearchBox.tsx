// The search box, always in the rail: "/" focuses it from anywhere but a
// field; Enter opens the results page.

import { useEffect, useRef, useState } from "preact/hooks";
import { Icon } from "./icons";
import { navigate, useLocation } from "../lib/router";
import { focusesSearch } from "../lib/search";

export function SearchBox() {
  const { path, query } = useLocation();
  const [q, setQ] = useState(path === "/search" ? (query.get("q") ?? "") : "");
  const input = useRef<HTMLInputElement>(null);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (!focusesSearch(e)) return;
      e.preventDefault();
      input.current?.focus();
      input.current?.select();
    };
    document.addEventListener("keydown", onKey);
    return () => document.removeEventListener("keydown", onKey);
  }, []);

  function submit(e: Event) {
    e.preventDefault();
    const text = q.trim();
    if (text) navigate(`/search?q=${encodeURIComponent(text)}`);
  }

  return (
    <form class="search-box" role="search" onSubmit={submit}>
      <Icon name="search" size={18} />
      <input
        ref={input}
        type="search"
        name="q"
        value={q}
        onInput={(e) => setQ((e.target as HTMLInputElement).value)}
        placeholder="Search (press /)"
        aria-label="Search posts, people and tags"
        aria-keyshortcuts="/"
        data-testid="search-box"
      />
    </form>
  );
}
