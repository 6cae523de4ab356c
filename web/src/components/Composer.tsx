// Writing a post, a comment, a quote or an edit: @mention and #tag
// suggestions at the caret, visibility and community, a character counter.

import { useEffect, useRef, useState } from "preact/hooks";
import { api, errorMessage, requestPage } from "../lib/api";
import { mergeTagSuggestions, suggestTags } from "../lib/knownTags";
import { countCharacters, replaceToken, tokenAt, type Token } from "../lib/tokens";
import type { Account, Community, Status, Visibility } from "../lib/types";
import { maxChars, me } from "../state";
import { Avatar, displayName } from "./ui";

interface Props {
  replyTo?: Status;
  quote?: Status;
  editing?: Status;
  /** Posting into this community (its screen). */
  community?: Community;
  autoFocus?: boolean;
  placeholder?: string;
  onPosted?: (s: Status) => void;
}

type Suggestion = { kind: "@"; account: Account } | { kind: "#"; tag: string };

let composerCount = 0;
const wider: Record<Visibility, number> = { public: 3, unlisted: 2, private: 1, direct: 0 };

function newKey() {
  return typeof crypto !== "undefined" && "randomUUID" in crypto ? crypto.randomUUID() : String(Math.random()).slice(2);
}

export function Composer({ replyTo, quote, editing, community, autoFocus, placeholder, onPosted }: Props) {
  const [uid] = useState(() => ++composerCount);
  const initialText = replyTo && replyTo.account.id !== me.value?.id ? `@${replyTo.account.acct} ` : "";
  const [text, setText] = useState(initialText);
  const [visibility, setVisibility] = useState<Visibility>(
    replyTo ? replyTo.visibility : editing ? editing.visibility : "public",
  );
  const [communityId, setCommunityId] = useState<string>(community?.id ?? "");
  const [myCommunities, setMyCommunities] = useState<Community[]>([]);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [token, setToken] = useState<Token | null>(null);
  const [suggestions, setSuggestions] = useState<Suggestion[]>([]);
  const [active, setActive] = useState(0);
  const [idemKey, setIdemKey] = useState(newKey);
  const area = useRef<HTMLTextAreaElement>(null);

  const limit = maxChars.value;
  const used = countCharacters(text);
  const left = limit - used;
  const inCommunity = !!communityId || !!replyTo?.community;
  const showCommunityChoice = !replyTo && !quote && !editing && !community;

  useEffect(() => {
    if (editing) {
      api<{ text: string }>(`/api/v1/statuses/${editing.id}/source`).then(
        (src) => setText(src.text),
        (e) => setError(errorMessage(e)),
      );
    }
  }, [editing?.id]);

  useEffect(() => {
    if (!showCommunityChoice) return;
    api<Community[]>("/api/v1/atrium/communities", { query: { mine: true, limit: 40 } }).then(
      (list) => setMyCommunities(list.filter((c) => c.role && !c.archived)),
      () => setMyCommunities([]),
    );
  }, [showCommunityChoice]);

  useEffect(() => {
    if (autoFocus && area.current) {
      area.current.focus();
      const end = area.current.value.length;
      area.current.setSelectionRange(end, end);
    }
  }, [autoFocus]);

  // Suggestions for the token at the caret.
  useEffect(() => {
    if (!token) {
      setSuggestions([]);
      return;
    }
    if (token.kind === "#") {
      // Tags seen here at once; the organization's tags as the search answers.
      const seen = suggestTags(token.query);
      setSuggestions(seen.map((tag) => ({ kind: "#" as const, tag })));
      setActive(0);
      if (token.query.length === 0) return;
      const ctrl = new AbortController();
      const t = setTimeout(() => {
        requestPage<{ hashtags: { name: string }[] }>("/api/v2/search", {
          query: { q: token.query, type: "hashtags", limit: 6 },
          signal: ctrl.signal,
        }).then(
          (r) => {
            const merged = mergeTagSuggestions(
              r.data.hashtags.map((h) => h.name),
              seen,
              token.query,
            );
            setSuggestions(merged.map((tag) => ({ kind: "#" as const, tag })));
          },
          () => {},
        );
      }, 150);
      return () => {
        clearTimeout(t);
        ctrl.abort();
      };
    }
    if (token.query.length === 0) {
      setSuggestions([]);
      return;
    }
    const ctrl = new AbortController();
    const t = setTimeout(() => {
      requestPage<Account[]>("/api/v1/accounts/search", { query: { q: token.query, limit: 6 }, signal: ctrl.signal }).then(
        (r) => {
          setSuggestions(r.data.map((account) => ({ kind: "@" as const, account })));
          setActive(0);
        },
        () => {},
      );
    }, 150);
    return () => {
      clearTimeout(t);
      ctrl.abort();
    };
  }, [token?.kind, token?.query, token?.start]);

  function updateToken() {
    const el = area.current;
    if (!el) return;
    const caret = el.selectionStart ?? el.value.length;
    setToken(el.selectionStart === el.selectionEnd ? tokenAt(el.value, caret) : null);
  }

  function choose(s: Suggestion) {
    if (!token) return;
    const value = s.kind === "@" ? s.account.acct : s.tag;
    const el = area.current;
    const r = replaceToken(el?.value ?? text, token, value);
    // Set the field at once, so the caret is right before the next key arrives.
    if (el) {
      el.value = r.text;
      el.focus();
      el.setSelectionRange(r.caret, r.caret);
    }
    setText(r.text);
    setToken(null);
    setSuggestions([]);
  }

  function onKeyDown(e: KeyboardEvent) {
    const open = suggestions.length > 0 && token;
    if (open) {
      if (e.key === "ArrowDown") {
        e.preventDefault();
        setActive((active + 1) % suggestions.length);
        return;
      }
      if (e.key === "ArrowUp") {
        e.preventDefault();
        setActive((active - 1 + suggestions.length) % suggestions.length);
        return;
      }
      if (e.key === "Enter" || e.key === "Tab") {
        e.preventDefault();
        choose(suggestions[active]);
        return;
      }
      if (e.key === "Escape") {
        e.preventDefault();
        e.stopPropagation();
        setToken(null);
        setSuggestions([]);
        return;
      }
    }
    if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) {
      e.preventDefault();
      submit();
    }
  }

  async function submit(e?: Event) {
    e?.preventDefault();
    if (busy) return;
    // What the field holds now, even if a render is still on its way.
    const text = area.current?.value ?? "";
    const left = limit - countCharacters(text);
    if (!text.trim()) {
      setError("Write something first.");
      area.current?.focus();
      return;
    }
    if (left < 0) {
      setError(`That is ${-left} characters over the limit of ${limit}.`);
      return;
    }
    setBusy(true);
    setError(null);
    try {
      let s: Status;
      if (editing) {
        s = await api<Status>(`/api/v1/statuses/${editing.id}`, { method: "PUT", body: { status: text, spoiler_text: editing.spoiler_text } });
      } else {
        const body: Record<string, unknown> = { status: text };
        if (replyTo) body.in_reply_to_id = replyTo.id;
        if (quote) body.quoted_status_id = quote.id;
        if (communityId) body.community_id = communityId;
        else body.visibility = visibility;
        s = await api<Status>("/api/v1/statuses", { method: "POST", body, headers: { "Idempotency-Key": idemKey } });
        setText("");
        setIdemKey(newKey());
      }
      onPosted?.(s);
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  }

  const listId = `composer-${uid}-suggestions`;
  const counterId = `composer-${uid}-counter`;
  const label = editing ? "Edit your post" : replyTo ? "Write a comment" : quote ? "Add your thoughts" : "Share an update";
  const open = suggestions.length > 0 && !!token;
  const visibilityChoices = (Object.keys(wider) as Visibility[]).filter((v) => !replyTo || wider[v] <= wider[replyTo.visibility]);

  return (
    <form class={`composer ${replyTo ? "composer-reply" : ""}`} onSubmit={submit} aria-label={label}>
      <div class="composer-main">
        {me.value && !editing && <Avatar account={me.value} size={40} />}
        <div class="composer-field">
          <label class="sr-only" for={`composer-${uid}`}>
            {label}
          </label>
          <textarea
            id={`composer-${uid}`}
            ref={area}
            value={text}
            rows={replyTo ? 2 : 3}
            placeholder={placeholder ?? (replyTo ? "Write a comment…" : community ? `Share with ${community.name}…` : "What are you working on?")}
            role="combobox"
            aria-autocomplete="list"
            aria-expanded={open}
            aria-controls={listId}
            aria-activedescendant={open ? `${listId}-${active}` : undefined}
            aria-describedby={counterId}
            onInput={(e) => {
              setText((e.target as HTMLTextAreaElement).value);
              setError(null);
              updateToken();
            }}
            onKeyDown={onKeyDown}
            onKeyUp={(e) => {
              if (["ArrowLeft", "ArrowRight", "Home", "End"].includes(e.key)) updateToken();
            }}
            onClick={updateToken}
            onBlur={() => setTimeout(() => setSuggestions([]), 150)}
          />
          <ul id={listId} role="listbox" class="suggestions" hidden={!open} aria-label={token?.kind === "#" ? "Tags" : "People"}>
            {open &&
              suggestions.map((s, i) => (
                <li
                  key={i}
                  id={`${listId}-${i}`}
                  role="option"
                  aria-selected={i === active}
                  class={i === active ? "active" : ""}
                  onMouseDown={(e) => {
                    e.preventDefault();
                    choose(s);
                  }}
                >
                  {s.kind === "@" ? (
                    <>
                      <Avatar account={s.account} size={28} />
                      <span>
                        <strong>{displayName(s.account)}</strong> <span class="muted">@{s.account.acct}</span>
                      </span>
                    </>
                  ) : (
                    <span>#{s.tag}</span>
                  )}
                </li>
              ))}
          </ul>
        </div>
      </div>
      {quote && (
        <div class="composer-quote">
          <span class="muted">Quoting</span> <strong>{displayName(quote.account)}</strong>:{" "}
          <span class="muted">{quote.content.replace(/<[^>]+>/g, " ").slice(0, 120)}</span>
        </div>
      )}
      {error && (
        <p class="form-error" role="alert">
          {error}
        </p>
      )}
      <div class="composer-bar">
        {showCommunityChoice && myCommunities.length > 0 && (
          <label class="select-label">
            <span class="sr-only">Post in</span>
            <select value={communityId} onChange={(e) => setCommunityId((e.target as HTMLSelectElement).value)} aria-label="Post in">
              <option value="">My network</option>
              {myCommunities.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.name}
                </option>
              ))}
            </select>
          </label>
        )}
        {!editing && !inCommunity && (
          <label class="select-label">
            <span class="sr-only">Who can see it</span>
            <select value={visibility} aria-label="Who can see it" onChange={(e) => setVisibility((e.target as HTMLSelectElement).value as Visibility)}>
              {visibilityChoices.map((v) => (
                <option key={v} value={v}>
                  {v === "public" ? "Everyone" : v === "unlisted" ? "Everyone, quietly" : v === "private" ? "Followers" : "Mentioned only"}
                </option>
              ))}
            </select>
          </label>
        )}
        <span class="spacer" />
        <span id={counterId} class={`counter ${left < 0 ? "over" : left < 50 ? "near" : ""}`} aria-live={left < 50 ? "polite" : "off"}>
          <span class="sr-only">Characters left: </span>
          {left}
        </span>
        <button type="submit" class="btn btn-primary" disabled={busy || left < 0}>
          {busy ? "Posting…" : editing ? "Save" : replyTo ? "Comment" : "Post"}
        </button>
      </div>
    </form>
  );
}
