// The search box, always in the rail: "/" focuses it from anywhere but a
// field; as you type, a list of people, communities and tags whose names
// hold the text (the typeahead), "Who knows …" and a plain search. Arrow
// keys move through the list (an ARIA combobox: the list is a listbox, the
// active entry its aria-activedescendant), Enter opens the entry chosen or
// the results page, Escape closes the list.

import { useEffect, useLayoutEffect, useRef, useState } from "preact/hooks";
import { Icon } from "./icons";
import { Avatar, displayName } from "./ui";
import { api } from "../lib/api";
import { navigate, useLocation } from "../lib/router";
import { focusesSearch, typeaheadItems, type TypeaheadAnswer, type TypeaheadItem } from "../lib/search";
import { t } from "../i18n";

const DELAY_MS = 120;

export function SearchBox() {
  const { path, query } = useLocation();
  const [q, setQ] = useState(path === "/search" ? (query.get("q") ?? "") : "");
  const [answer, setAnswer] = useState<TypeaheadAnswer | null>(null);
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const input = useRef<HTMLInputElement>(null);
  const asked = useRef(0);

  // A layout effect: the shortcut works from the moment the box is on screen.
  useLayoutEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (!focusesSearch(e)) return;
      e.preventDefault();
      input.current?.focus();
      input.current?.select();
    };
    document.addEventListener("keydown", onKey);
    return () => document.removeEventListener("keydown", onKey);
  }, []);

  // Ask the typeahead a moment after the last key; only the latest answer counts.
  useEffect(() => {
    const text = q.trim();
    if (!text || !open) return;
    const n = ++asked.current;
    const timer = setTimeout(async () => {
      try {
        const a = await api<TypeaheadAnswer>("/api/v1/atrium/search/typeahead", { query: { q: text.slice(0, 100), limit: 5 } });
        if (n === asked.current) setAnswer(a);
      } catch {
        if (n === asked.current) setAnswer(null);
      }
    }, DELAY_MS);
    return () => clearTimeout(timer);
  }, [q, open]);

  const items = open ? typeaheadItems(q, answer) : [];

  function go(item: TypeaheadItem) {
    setOpen(false);
    setActive(-1);
    navigate(item.href);
  }

  function submit(e: Event) {
    e.preventDefault();
    if (active >= 0 && active < items.length) return go(items[active]);
    const text = q.trim();
    setOpen(false);
    if (text) navigate(`/search?q=${encodeURIComponent(text)}`);
  }

  function onKeyDown(e: KeyboardEvent) {
    if (e.key === "ArrowDown" || e.key === "ArrowUp") {
      if (!items.length) return;
      e.preventDefault();
      const step = e.key === "ArrowDown" ? 1 : -1;
      // -1 is the box itself: moving past either end comes back to it.
      setActive((i) => {
        const next = i + step;
        return next >= items.length ? -1 : next < -1 ? items.length - 1 : next;
      });
    } else if (e.key === "Escape") {
      setOpen(false);
      setActive(-1);
    }
  }

  const optionId = (i: number) => `search-option-${i}`;
  return (
    <form class="search-box" role="search" onSubmit={submit}>
      <Icon name="search" size={18} />
      <input
        ref={input}
        type="search"
        name="q"
        value={q}
        onInput={(e) => {
          setQ((e.target as HTMLInputElement).value);
          setOpen(true);
          setActive(-1);
        }}
        onKeyDown={onKeyDown}
        onBlur={() => setTimeout(() => setOpen(false), 150)}
        placeholder={t("searchBox.placeholder")}
        aria-label={t("searchBox.label")}
        aria-keyshortcuts="/"
        role="combobox"
        aria-autocomplete="list"
        aria-expanded={items.length > 0}
        aria-controls="search-typeahead"
        aria-activedescendant={active >= 0 && active < items.length ? optionId(active) : undefined}
        autocomplete="off"
        data-testid="search-box"
      />
      {items.length > 0 && (
        <ul id="search-typeahead" class="typeahead" role="listbox" aria-label={t("searchBox.suggestions")} data-testid="search-typeahead">
          {items.map((item, i) => (
            <li
              key={`${item.kind}-${item.href}`}
              id={optionId(i)}
              role="option"
              aria-selected={i === active}
              class={i === active ? "typeahead-item active" : "typeahead-item"}
              onMouseDown={(e) => {
                e.preventDefault();
                go(item);
              }}
            >
              <TypeaheadLabel item={item} />
            </li>
          ))}
        </ul>
      )}
    </form>
  );
}

function TypeaheadLabel({ item }: { item: TypeaheadItem }) {
  switch (item.kind) {
    case "account":
      return (
        <>
          <Avatar account={item.account} size={20} /> {displayName(item.account)} <span class="muted">@{item.account.acct}</span>
        </>
      );
    case "community":
      return (
        <>
          <Icon name="community" size={16} /> {item.community.name} <span class="muted">{item.community.handle}</span>
        </>
      );
    case "hashtag":
      return <>#{item.tag}</>;
    case "experts":
      return <>{t("searchBox.experts", { q: item.q })}</>;
    case "search":
      return <>{t("searchBox.searchFor", { q: item.q })}</>;
  }
}
