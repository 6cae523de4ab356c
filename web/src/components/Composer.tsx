// Writing a post, a comment, a quote or an edit: @mention and #tag
// suggestions at the caret, visibility and community, a character counter,
// and pictures: attached by the button, by dropping files on the form or by
// pasting them, each with its description (alt text), asked for and nudged.
// A new post may be scheduled for later instead of posted now.
// One audience control says who will see it, in words, with a line of
// explanation; a comment has its thread's audience. What is written is kept
// as a draft per place (lib/drafts.ts) until it is posted. On a phone the
// home composer starts as a compact "Write…" field that opens it.

import { useEffect, useRef, useState } from "preact/hooks";
import { audienceChoices, audienceValue, parseAudience } from "../lib/audience";
import { clearDraft, loadDraft, saveDraft, useUnsavedText } from "../lib/drafts";
import { api, errorMessage, requestPage } from "../lib/api";
import { mergeTagSuggestions, suggestTags } from "../lib/knownTags";
import { pollOptionsProblem } from "../lib/poll";
import { earliestSchedule, fromLocalInput, scheduleProblem, toLocalInput } from "../lib/schedule";
import { needsConfirmation, type AdviceItem } from "../lib/compose";
import { countCharacters, replaceToken, tokenAt, type Token } from "../lib/tokens";
import type { Account, Community, MediaAttachment, ScheduledStatus, Status, Visibility } from "../lib/types";
import { maxChars, me } from "../state";
import { ComposeGuidance } from "./ComposeGuidance";
import { PollEditor, newPollDraft, type PollDraft } from "./PollEditor";
import { EmojiPicker } from "./EmojiPicker";
import { Avatar, displayName, tParts } from "./ui";
import { t } from "../i18n";
import { formatDateTime, formatNumber } from "../i18n/format";

interface Props {
  replyTo?: Status;
  quote?: Status;
  editing?: Status;
  /** Posting into this community (its screen). */
  community?: Community;
  autoFocus?: boolean;
  placeholder?: string;
  onPosted?: (s: Status) => void;
  /** Offers "Schedule" (new top-level posts only); called once a post is scheduled. */
  onScheduled?: (s: ScheduledStatus) => void;
  /** Told when the writer picks a community (null: their own network), so that other forms can follow. */
  onCommunityChange?: (c: Community | null) => void;
  /** On a phone, start as a compact "Write…" field that opens the composer. */
  collapsible?: boolean;
  /** Told whether the composer holds text not yet posted (or, editing, not yet saved): a dialog asks before closing. */
  onUnsavedChange?: (unsaved: boolean) => void;
}

/** What is kept of an unposted composer. */
export interface ComposerDraft {
  text: string;
  visibility: Visibility;
  communityId: string;
}

/** The draft place of a composer: the post it answers or quotes, the community, or home; none when editing. */
export function composerPlace({ replyTo, quote, editing, community }: Pick<Props, "replyTo" | "quote" | "editing" | "community">): string | null {
  if (editing) return null;
  if (replyTo) return `reply:${replyTo.id}`;
  if (quote) return `quote:${quote.id}`;
  if (community) return `community:${community.id}`;
  return "home";
}

const PHONE_QUERY = "(max-width: 640px)";

function onPhone(): boolean {
  return typeof window !== "undefined" && typeof window.matchMedia === "function" && window.matchMedia(PHONE_QUERY).matches;
}

type Suggestion = { kind: "@"; account: Account } | { kind: "#"; tag: string };

/** An attached file, the description being written for it and, for a picture, its focus point. */
interface Attached {
  media: MediaAttachment;
  alt: string;
  /** Mastodon's focus: x right, y up, each -1..1; null: as uploaded. */
  focus?: { x: number; y: number } | null;
}

/** The focus point of a click on a picture, rounded to hundredths. */
function focusOfClick(e: MouseEvent): { x: number; y: number } {
  const picture = (e.currentTarget as HTMLElement).querySelector("img") ?? (e.currentTarget as HTMLElement);
  const box = picture.getBoundingClientRect();
  const round = (v: number) => Math.round(Math.max(-1, Math.min(1, v)) * 100) / 100;
  return {
    x: round(((e.clientX - box.left) / box.width) * 2 - 1),
    y: round(1 - ((e.clientY - box.top) / box.height) * 2),
  };
}

const MAX_ATTACHMENTS = 4;

let composerCount = 0;

function newKey() {
  return typeof crypto !== "undefined" && "randomUUID" in crypto ? crypto.randomUUID() : String(Math.random()).slice(2);
}

export function Composer({ replyTo, quote, editing, community, autoFocus, placeholder, onPosted, onScheduled, onCommunityChange, collapsible, onUnsavedChange }: Props) {
  const [uid] = useState(() => ++composerCount);
  const place = composerPlace({ replyTo, quote, editing, community });
  const [saved] = useState(() => (place ? loadDraft<ComposerDraft>(place) : null));
  const initialText = replyTo && replyTo.account.id !== me.value?.id ? `@${replyTo.account.acct} ` : "";
  const [text, setText] = useState(saved?.text ?? initialText);
  // A comment has its thread's audience; an edit keeps the post's.
  const [visibility, setVisibility] = useState<Visibility>(
    replyTo ? replyTo.visibility : editing ? editing.visibility : (saved?.visibility ?? "public"),
  );
  const [communityId, setCommunityId] = useState<string>(community?.id ?? saved?.communityId ?? "");
  const [expanded, setExpanded] = useState(() => !collapsible || !onPhone() || !!saved?.text);
  const owner = useRef({});
  // Editing: the post's text as loaded, to tell a change.
  const [source, setSource] = useState<string | null>(null);
  const unposted = !!place && text.trim() !== "" && text !== initialText;
  const unsaved = unposted || (!!editing && source !== null && text !== source);
  useUnsavedText(owner.current, unsaved);
  useEffect(() => onUnsavedChange?.(unsaved), [unsaved]);
  useEffect(() => () => onUnsavedChange?.(false), []);
  const [myCommunities, setMyCommunities] = useState<Community[]>([]);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [token, setToken] = useState<Token | null>(null);
  const [suggestions, setSuggestions] = useState<Suggestion[]>([]);
  const [active, setActive] = useState(0);
  const [idemKey, setIdemKey] = useState(newKey);
  // The picker's value while scheduling (null: post now).
  const [scheduleAt, setScheduleAt] = useState<string | null>(null);
  const [poll, setPoll] = useState<PollDraft | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const canSchedule = !!onScheduled && !editing && !replyTo;
  const area = useRef<HTMLTextAreaElement>(null);
  const fileInput = useRef<HTMLInputElement>(null);
  const [attached, setAttached] = useState<Attached[]>(() =>
    (editing?.media_attachments ?? []).map((media) => ({ media, alt: media.description ?? "" })),
  );
  const [uploading, setUploading] = useState(0);
  // Advice that asks for one more click: shown, and the next Post posts.
  const [confirming, setConfirming] = useState<AdviceItem[] | null>(null);

  const limit = maxChars.value;
  const used = countCharacters(text);
  const left = limit - used;
  const showCommunityChoice = !replyTo && !quote && !editing && !community;
  const answering = replyTo?.atrium?.kind === "question";

  // The draft follows every change; an empty one (or only the @mention a
  // comment starts with) is no draft.
  useEffect(() => {
    if (!place) return;
    if (unposted) saveDraft<ComposerDraft>(place, { text, visibility, communityId });
    else clearDraft(place);
  }, [place, text, visibility, communityId, unposted]);

  useEffect(() => {
    if (!onCommunityChange) return;
    onCommunityChange(myCommunities.find((c) => c.id === communityId) ?? null);
  }, [communityId, myCommunities]);

  useEffect(() => {
    if (editing) {
      api<{ text: string }>(`/api/v1/statuses/${editing.id}/source`).then(
        (src) => {
          setText(src.text);
          setSource(src.text);
        },
        (e) => setError(errorMessage(e)),
      );
    }
  }, [editing?.id]);

  useEffect(() => {
    if (!showCommunityChoice) return;
    api<Community[]>("/api/v1/atrium/communities", { query: { mine: true, limit: 40 } }).then(
      (list) => {
        const open = list.filter((c) => c.role && !c.archived);
        setMyCommunities(open);
        // A draft's community the writer has left since: back to their network.
        setCommunityId((id) => (id && !open.some((c) => c.id === id) ? "" : id));
      },
      () => setMyCommunities([]),
    );
  }, [showCommunityChoice]);

  // Opened from the compact field: straight into writing.
  const [openedByTap, setOpenedByTap] = useState(false);
  useEffect(() => {
    if (openedByTap) area.current?.focus();
  }, [openedByTap]);

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

  async function addFiles(files: File[]) {
    // The server decides the kind by the content; anything may be tried.
    const images = files;
    if (images.length === 0) return;
    const room = MAX_ATTACHMENTS - attached.length - uploading;
    if (images.length > room) setError(t("composer.tooManyAttachments", { count: MAX_ATTACHMENTS }));
    const taken = images.slice(0, Math.max(0, room));
    setUploading((n) => n + taken.length);
    for (const file of taken) {
      const form = new FormData();
      form.append("file", file, file.name);
      try {
        const media = await api<MediaAttachment>("/api/v2/media", { method: "POST", body: form });
        setAttached((list) => [...list, { media, alt: "" }]);
      } catch (err) {
        setError(`${file.name}: ${errorMessage(err)}`);
      } finally {
        setUploading((n) => n - 1);
      }
    }
  }

  function removeAttached(id: string) {
    setAttached((list) => list.filter((a) => a.media.id !== id));
    // Not yet posted: the upload is deleted (an attached one stays with its post until saved).
    if (!editing?.media_attachments?.some((m) => m.id === id)) api(`/api/v1/media/${id}`, { method: "DELETE" }).catch(() => {});
  }

  function setAlt(id: string, alt: string) {
    setAttached((list) => list.map((a) => (a.media.id === id ? { ...a, alt } : a)));
  }

  function updateToken() {
    const el = area.current;
    if (!el) return;
    const caret = el.selectionStart ?? el.value.length;
    setToken(el.selectionStart === el.selectionEnd ? tokenAt(el.value, caret) : null);
  }

  // ":shortcode:" at the caret, apart from the words around it.
  function insertEmoji(shortcode: string) {
    const el = area.current;
    const value = el?.value ?? text;
    const start = el?.selectionStart ?? value.length;
    const end = el?.selectionEnd ?? value.length;
    const before = value.slice(0, start);
    const after = value.slice(end);
    const insert = `${before && !/\s$/.test(before) ? " " : ""}:${shortcode}:${after && /^\s/.test(after) ? "" : " "}`;
    const next = before + insert + after;
    const caret = before.length + insert.length;
    if (el) {
      el.value = next;
      el.focus();
      el.setSelectionRange(caret, caret);
    }
    setText(next);
    setError(null);
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
      setError(t("composer.empty"));
      area.current?.focus();
      return;
    }
    if (left < 0) {
      setError(t("composer.overLimit", { count: -left, limit }));
      return;
    }
    if (uploading > 0) {
      setError(t("composer.waitForUploads"));
      return;
    }
    const scheduledIso = scheduleAt === null ? null : fromLocalInput(scheduleAt);
    if (scheduleAt !== null) {
      const problem = scheduleProblem(scheduledIso, Date.now());
      if (problem) {
        setError(problem);
        return;
      }
    }
    setBusy(true);
    setNotice(null);
    setError(null);
    if (!editing && confirming === null) {
      // The advice on exactly this text, even if the writer did not pause:
      // a "confirm" item asks for one more click. Advice never blocks, so
      // when it cannot be had the post goes on.
      const draft: Record<string, string> = { status: text };
      if (communityId) draft.community_id = communityId;
      else draft.visibility = visibility;
      if (replyTo) draft.in_reply_to_id = replyTo.id;
      const items = await api<AdviceItem[]>("/api/v1/atrium/compose/advice", { method: "POST", body: draft }).catch(() => []);
      const ask = needsConfirmation(items);
      if (ask.length > 0) {
        setConfirming(ask);
        setBusy(false);
        return;
      }
    }
    try {
      // Descriptions and focus points set since the upload go with the pictures first.
      for (const a of attached) {
        if (editing?.media_attachments?.some((m) => m.id === a.media.id)) continue;
        const body: Record<string, string> = {};
        if (a.alt.trim() !== (a.media.description ?? "")) body.description = a.alt.trim();
        if (a.focus) body.focus = `${a.focus.x},${a.focus.y}`;
        if (Object.keys(body).length > 0) await api(`/api/v1/media/${a.media.id}`, { method: "PUT", body });
      }
      const media_ids = attached.map((a) => a.media.id);
      let s: Status;
      if (editing) {
        s = await api<Status>(`/api/v1/statuses/${editing.id}`, {
          method: "PUT",
          body: { status: text, spoiler_text: editing.spoiler_text, media_ids },
        });
        setSource(text);
      } else {
        const body: Record<string, unknown> = { status: text };
        if (media_ids.length > 0) body.media_ids = media_ids;
        if (poll) {
          const problem = pollOptionsProblem(poll.options);
          if (problem) {
            setError(problem);
            return;
          }
        }
        if (poll) body.poll = { options: poll.options.map((o) => o.trim()), expires_in: poll.expiresIn, multiple: poll.multiple };
        if (replyTo) body.in_reply_to_id = replyTo.id;
        if (quote) body.quoted_status_id = quote.id;
        if (communityId) body.community_id = communityId;
        else body.visibility = visibility;
        if (scheduledIso) {
          body.scheduled_at = scheduledIso;
          const later = await api<ScheduledStatus>("/api/v1/statuses", { method: "POST", body, headers: { "Idempotency-Key": idemKey } });
          setText("");
          if (place) clearDraft(place);
          setAttached([]);
          setIdemKey(newKey());
          setScheduleAt(null);
          setPoll(null);
          setNotice(t("composer.scheduledFor", { when: formatDateTime(later.scheduled_at) }));
          onScheduled?.(later);
          return;
        }
        s = await api<Status>("/api/v1/statuses", { method: "POST", body, headers: { "Idempotency-Key": idemKey } });
        setText("");
        if (place) clearDraft(place);
        setConfirming(null);
        setAttached([]);
        setPoll(null);
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
  const label = t(editing ? "composer.labelEdit" : answering ? "composer.labelAnswer" : replyTo ? "composer.labelComment" : quote ? "composer.labelQuote" : "composer.labelPost");
  const open = suggestions.length > 0 && !!token;
  const audienceId = `composer-${uid}-audience`;
  const choices = audienceChoices(showCommunityChoice ? myCommunities : []);
  const chosen = audienceValue(visibility, communityId);
  const chosenHint = choices.find((c) => c.value === chosen)?.hint ?? "";
  const verb = answering ? "answer" : replyTo ? "comment" : "post";

  if (!expanded)
    return (
      <div class="composer composer-compact">
        {me.value && <Avatar account={me.value} size={32} />}
        <button
          type="button"
          class="composer-compact-field"
          aria-label={t("composer.writePost")}
          onClick={() => {
            setExpanded(true);
            setOpenedByTap(true);
          }}
        >
          {t("composer.write")}
        </button>
      </div>
    );

  return (
    <form
      class={`composer ${replyTo ? "composer-reply" : ""}`}
      onSubmit={submit}
      aria-label={label}
      onDragOver={(e) => {
        if (e.dataTransfer?.types.includes("Files")) e.preventDefault();
      }}
      onDrop={(e) => {
        const files = Array.from(e.dataTransfer?.files ?? []);
        if (files.length === 0) return;
        e.preventDefault();
        addFiles(files);
      }}
    >
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
            placeholder={placeholder ?? (answering ? t("composer.placeholderAnswer") : replyTo ? t("composer.placeholderComment") : community ? t("composer.placeholderCommunity", { name: community.name }) : t("composer.placeholder"))}
            role="combobox"
            aria-autocomplete="list"
            aria-expanded={open}
            aria-controls={listId}
            aria-activedescendant={open ? `${listId}-${active}` : undefined}
            aria-describedby={counterId}
            onInput={(e) => {
              setText((e.target as HTMLTextAreaElement).value);
              setError(null);
              setConfirming(null);
              updateToken();
            }}
            onKeyDown={onKeyDown}
            onKeyUp={(e) => {
              if (["ArrowLeft", "ArrowRight", "Home", "End"].includes(e.key)) updateToken();
            }}
            onClick={updateToken}
            onPaste={(e) => {
              const files = Array.from(e.clipboardData?.files ?? []);
              if (files.length === 0) return;
              e.preventDefault();
              addFiles(files);
            }}
            onBlur={() => setTimeout(() => setSuggestions([]), 150)}
          />
          <ul id={listId} role="listbox" class="suggestions" hidden={!open} aria-label={token?.kind === "#" ? t("composer.suggestedTags") : t("composer.suggestedPeople")}>
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
          <span class="muted">{tParts("composer.quoting", { name: <strong>{displayName(quote.account)}</strong> })}</span>{" "}
          <span class="muted">{quote.content.replace(/<[^>]+>/g, " ").slice(0, 120)}</span>
        </div>
      )}
      {(attached.length > 0 || uploading > 0) && (
        <ul class="composer-media" aria-label={t("composer.attached")}>
          {attached.map((a, i) => (
            <li key={a.media.id} class="composer-media-item">
              {a.media.type === "image" && a.media.preview_url ? (
                <button
                  type="button"
                  class="focus-picker"
                  title={t("composer.focusHint")}
                  aria-label={t("composer.focusPoint", { n: i + 1 })}
                  onClick={(e) => {
                    const focus = focusOfClick(e as unknown as MouseEvent);
                    setAttached((list) => list.map((x) => (x.media.id === a.media.id ? { ...x, focus } : x)));
                  }}
                >
                  <img src={a.media.preview_url} alt={a.alt} />
                  {a.focus && (
                    <span
                      class="focus-mark"
                      aria-hidden="true"
                      style={{ left: `${((a.focus.x + 1) / 2) * 100}%`, top: `${((1 - a.focus.y) / 2) * 100}%` }}
                    />
                  )}
                </button>
              ) : a.media.preview_url ? (
                <img src={a.media.preview_url} alt={a.alt} />
              ) : (
                <span class="document-icon" aria-hidden="true">
                  🗎
                </span>
              )}
              {a.media.type === "unknown" && <span class="document-name">{a.media.meta?.file_name}</span>}
              <label>
                <span class="sr-only">{t("composer.description", { n: i + 1 })}</span>
                <input
                  type="text"
                  value={a.alt}
                  maxLength={1500}
                  placeholder={t("composer.descriptionPlaceholder")}
                  aria-label={t("composer.description", { n: i + 1 })}
                  onInput={(e) => setAlt(a.media.id, (e.target as HTMLInputElement).value)}
                />
              </label>
              {!a.alt.trim() && <span class="alt-missing">{t("composer.noDescription")}</span>}
              <button type="button" class="btn btn-small" onClick={() => removeAttached(a.media.id)} aria-label={t("composer.removePicture", { n: i + 1 })}>
                {t("composer.remove")}
              </button>
            </li>
          ))}
          {uploading > 0 && <li class="composer-media-item muted">{t("composer.uploading")}</li>}
        </ul>
      )}
      {!editing && (
        <ComposeGuidance
          text={text}
          visibility={visibility}
          communityId={communityId || replyTo?.community?.id || ""}
          replyToId={replyTo?.id}
        />
      )}
      {confirming && (
        <div class="compose-confirm" role="alert">
          {confirming.map((a) => (
            <p key={a.rule}>{a.message}</p>
          ))}
          <p class="muted">{t("composer.confirmAnyway")}</p>
        </div>
      )}
      {error && (
        <p class="form-error" role="alert">
          {error}
        </p>
      )}
      {notice && (
        <p class="form-notice" role="status">
          {notice}
        </p>
      )}
      {poll && <PollEditor draft={poll} onChange={setPoll} onRemove={() => setPoll(null)} />}
      {canSchedule && scheduleAt !== null && (
        <div class="composer-schedule">
          <label>
            {t("composer.publishAt")}{" "}
            <input
              type="datetime-local"
              value={scheduleAt}
              min={toLocalInput(earliestSchedule(Date.now()))}
              aria-label={t("composer.publishAt")}
              onInput={(e) => {
                setScheduleAt((e.target as HTMLInputElement).value);
                setError(null);
              }}
            />
          </label>
          <button type="button" class="btn btn-small" onClick={() => setScheduleAt(null)}>
            {t("composer.postNow")}
          </button>
        </div>
      )}
      {!editing && (
        <p id={`${audienceId}-hint`} class="audience-hint muted">
          {replyTo
            ? answering
              ? t("composer.answerAudience")
              : t("composer.commentAudience")
            : community
              ? t("composer.postedIn", { name: community.name })
              : chosenHint}
        </p>
      )}
      <div class="composer-bar">
        {!editing && !replyTo && !community && (
          <label class="select-label audience-control">
            <span>{t("composer.audience")}</span>
            <select
              value={chosen}
              aria-describedby={`${audienceId}-hint`}
              onChange={(e) => {
                const a = parseAudience((e.target as HTMLSelectElement).value);
                setCommunityId(a.communityId);
                if (a.visibility) setVisibility(a.visibility);
                setConfirming(null);
              }}
            >
              {choices.map((c) =>
                c.group ? null : (
                  <option key={c.value} value={c.value}>
                    {c.label}
                  </option>
                ),
              )}
              {choices.some((c) => c.group) && (
                <optgroup label={t("composer.yourCommunities")}>
                  {choices
                    .filter((c) => c.group)
                    .map((c) => (
                      <option key={c.value} value={c.value}>
                        {c.label}
                      </option>
                    ))}
                </optgroup>
              )}
            </select>
          </label>
        )}
        <input
          ref={fileInput}
          type="file"
          accept="image/jpeg,image/png,image/gif,image/webp,image/heic,image/avif,video/mp4,video/webm,application/pdf,.doc,.docx,.xls,.xlsx,.ppt,.pptx,.odt,.ods,.odp,.txt,.csv"
          multiple
          hidden
          onChange={(e) => {
            const input = e.target as HTMLInputElement;
            addFiles(Array.from(input.files ?? []));
            input.value = "";
          }}
        />
        <button
          type="button"
          class="btn"
          onClick={() => fileInput.current?.click()}
          disabled={attached.length + uploading >= MAX_ATTACHMENTS || !!poll}
          aria-label={t("composer.attach")}
        >
          {t("composer.attach")}
        </button>
        {!editing && !poll && (
          <button type="button" class="btn" onClick={() => setPoll(newPollDraft())} disabled={attached.length + uploading > 0} aria-label={t("composer.addPoll")}>
            {t("composer.poll")}
          </button>
        )}
        <EmojiPicker onPick={insertEmoji} />
        {canSchedule && scheduleAt === null && (
          <button type="button" class="btn" onClick={() => setScheduleAt(toLocalInput(earliestSchedule(Date.now())))} aria-label={t("composer.scheduleLater")}>
            {t("composer.schedule")}
          </button>
        )}
        <span class="spacer" />
        <span id={counterId} class={`counter ${left < 0 ? "over" : left < 50 ? "near" : ""}`} aria-live={left < 50 ? "polite" : "off"}>
          <span class="sr-only">{t("composer.charactersLeft")} </span>
          {formatNumber(left)}
        </span>
        <button type="submit" class="btn btn-primary" disabled={busy || left < 0}>
          {busy
            ? t("composer.posting")
            : editing
              ? t("common.save")
              : confirming
                ? t(`composer.${verb}Anyway`)
                : scheduleAt !== null
                  ? t("composer.schedule")
                  : t(`composer.${verb}`)}
        </button>
      </div>
    </form>
  );
}
