// Messages: the reader's direct conversations (Mastodon's
// /api/v1/conversations). The list marks those with unread messages and
// follows the direct stream; one opens as its thread (which marks it read),
// answered by a direct post to the same people; a new one starts by
// choosing people.

import { useEffect, useRef, useState } from "preact/hooks";
import { Icon } from "../components/icons";
import { PageHeader } from "../components/PageHeader";
import { Avatar, Empty, ErrorBox, Spinner, Time, displayName, useTitle } from "../components/ui";
import { api, errorMessage, post, requestPage } from "../lib/api";
import { live } from "../lib/live";
import { conversationMessages, conversationTitle, mentionPrefix, messagePreview, upsertConversation } from "../lib/messages";
import { navigate } from "../lib/router";
import type { Account, Conversation, Status } from "../lib/types";
import { me, toast } from "../state";
import { t } from "../i18n";

const PAGE = 20;

/** Calls `on` for each event of the reader's direct stream while mounted. */
function useDirectStream(on: (event: string, payload: unknown) => void) {
  const handler = useRef(on);
  handler.current = on;
  useEffect(() => {
    const unsubscribe = live.subscribe({ stream: "direct" });
    const off = live.onEvent((e) => {
      if (e.stream[0] === "direct") handler.current(e.event, e.payload);
    });
    return () => {
      off();
      unsubscribe();
    };
  }, []);
}

export function MessagesScreen() {
  useTitle(t("messages.title"));
  const [list, setList] = useState<Conversation[] | null>(null);
  const [next, setNext] = useState<string | undefined>();
  const [error, setError] = useState<unknown>(null);
  const [loading, setLoading] = useState(false);
  const [composing, setComposing] = useState(false);

  async function load(from?: string) {
    setLoading(true);
    setError(null);
    try {
      const page = await requestPage<Conversation[]>(from ?? "/api/v1/conversations", from ? {} : { query: { limit: PAGE } });
      setList((old) => (from && old ? [...old, ...page.data.filter((c) => !old.some((o) => o.id === c.id))] : page.data));
      setNext(page.data.length > 0 ? page.links.next : undefined);
    } catch (e) {
      setError(e);
    } finally {
      setLoading(false);
    }
  }
  useEffect(() => {
    load();
    return live.onReconnect(() => load());
  }, []);
  useDirectStream((event, payload) => {
    if (event === "conversation") setList((old) => upsertConversation(old ?? [], payload as Conversation));
    else if (event === "delete") load();
  });

  return (
    <div class="page messages">
      <PageHeader title={t("messages.title")} subtitle={t("messages.subtitle")}>
        <button type="button" class="btn btn-primary" onClick={() => setComposing(true)} disabled={composing}>
          <Icon name="plus" /> {t("messages.newMessage")}
        </button>
      </PageHeader>
      {composing && <NewMessage onCancel={() => setComposing(false)} />}
      {list === null && loading && <Spinner label={t("messages.loading")} />}
      {error != null && <ErrorBox error={error} onRetry={() => load()} />}
      {list && list.length === 0 && !composing && (
        <Empty icon="mail" title={t("messages.empty")} hint={t("messages.emptyHint")} />
      )}
      {list && list.length > 0 && (
        <ul class="card conversation-list" aria-label={t("messages.conversations")}>
          {list.map((c) => (
            <ConversationRow key={c.id} conversation={c} />
          ))}
        </ul>
      )}
      {next && !loading && (
        <div class="load-more">
          <button type="button" class="btn btn-secondary" onClick={() => load(next)}>
            {t("messages.showOlder")}
          </button>
        </div>
      )}
    </div>
  );
}

function ConversationRow({ conversation: c }: { conversation: Conversation }) {
  const last = c.last_status;
  const title = conversationTitle(c.accounts);
  const fromMe = last && last.account.id === me.value?.id;
  return (
    <li class={c.unread ? "conversation-row unread" : "conversation-row"} data-testid="conversation" data-unread={c.unread ? "true" : "false"}>
      <a href={`/messages/${c.id}`} class="conversation-link">
        <span class="conversation-avatars" aria-hidden="true">
          {(c.accounts.length > 0 ? c.accounts.slice(0, 2) : me.value ? [me.value] : []).map((a) => (
            <Avatar key={a.id} account={a} size={36} />
          ))}
        </span>
        <span class="conversation-text">
          <span class="conversation-head">
            {c.unread && <span class="new-badge">{t("messages.unread")}</span>} <strong class="conversation-title">{title}</strong>
            {last && (
              <span class="muted">
                {" · "}
                <Time iso={last.created_at} />
              </span>
            )}
          </span>
          {last && (
            <span class="conversation-preview muted">
              {fromMe ? t("messages.fromYou", { text: messagePreview(last.content) }) : messagePreview(last.content)}
            </span>
          )}
        </span>
      </a>
    </li>
  );
}

/** Choosing people and writing the first message of a new conversation. */
function NewMessage({ onCancel }: { onCancel: () => void }) {
  const [people, setPeople] = useState<Account[]>([]);
  const [query, setQuery] = useState("");
  const [found, setFound] = useState<Account[]>([]);
  const [text, setText] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    const q = query.trim().replace(/^@/, "");
    if (!q) {
      setFound([]);
      return;
    }
    const ctrl = new AbortController();
    const timer = setTimeout(() => {
      api<Account[]>("/api/v1/accounts/search", { query: { q, limit: 6 }, signal: ctrl.signal }).then(
        (list) => setFound(list.filter((a) => a.id !== me.value?.id)),
        () => {},
      );
    }, 150);
    return () => {
      clearTimeout(timer);
      ctrl.abort();
    };
  }, [query]);

  function choose(a: Account) {
    if (!people.some((p) => p.id === a.id)) setPeople([...people, a]);
    setQuery("");
    setFound([]);
  }

  async function send(e: Event) {
    e.preventDefault();
    if (people.length === 0) {
      setError(t("messages.choosePerson"));
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const s = await post<Status>("/api/v1/statuses", { status: mentionPrefix(people) + text.trim(), visibility: "direct" });
      const mine = await api<Conversation[]>("/api/v1/conversations", { query: { limit: 10 } });
      const c = mine.find((x) => x.last_status?.id === s.id);
      toast(t("messages.sent"));
      navigate(c ? `/messages/${c.id}` : "/messages");
      if (!c) onCancel();
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form class="card form new-message" onSubmit={send} aria-labelledby="new-message-h">
      <h2 id="new-message-h">{t("messages.newMessage")}</h2>
      <div class="field">
        <label for="new-message-to">{t("messages.to")}</label>
        {people.length > 0 && (
          <ul class="message-recipients" aria-label={t("messages.recipients")}>
            {people.map((p) => (
              <li key={p.id} class="chip">
                {displayName(p)}
                <button type="button" class="icon-btn" aria-label={t("messages.removeRecipient", { name: displayName(p) })} onClick={() => setPeople(people.filter((x) => x.id !== p.id))}>
                  <Icon name="x" size={14} />
                </button>
              </li>
            ))}
          </ul>
        )}
        <input
          id="new-message-to"
          type="search"
          autoComplete="off"
          placeholder={t("messages.searchPeople")}
          value={query}
          onInput={(e) => setQuery((e.target as HTMLInputElement).value)}
        />
        {found.length > 0 && (
          <ul class="card message-suggestions" aria-label={t("messages.peopleFound")}>
            {found.map((a) => (
              <li key={a.id}>
                <button type="button" class="message-suggestion" onClick={() => choose(a)}>
                  <Avatar account={a} size={28} /> <strong>{displayName(a)}</strong> <bdi class="muted">@{a.acct}</bdi>
                </button>
              </li>
            ))}
          </ul>
        )}
      </div>
      <label class="field">
        <span>{t("messages.message")}</span>
        <textarea required rows={3} maxLength={5000} value={text} onInput={(e) => setText((e.target as HTMLTextAreaElement).value)} />
      </label>
      {error && (
        <p class="form-error" role="alert">
          {error}
        </p>
      )}
      <div class="btn-row">
        <button type="button" class="btn btn-secondary" onClick={onCancel}>
          {t("common.cancel")}
        </button>
        <button type="submit" class="btn btn-primary" disabled={busy}>
          {busy ? t("messages.sending") : t("messages.send")}
        </button>
      </div>
    </form>
  );
}

/** One conversation as its thread, marked read when opened, with a reply form. */
export function ConversationScreen({ id }: { id: string }) {
  const [conversation, setConversation] = useState<Conversation | null>(null);
  const [messages, setMessages] = useState<Status[]>([]);
  const [error, setError] = useState<unknown>(null);
  const [text, setText] = useState("");
  const [busy, setBusy] = useState(false);
  const [sendError, setSendError] = useState<string | null>(null);
  const end = useRef<HTMLDivElement>(null);
  useTitle(conversation ? t("messages.with", { title: conversationTitle(conversation.accounts) }) : t("messages.title"));

  async function load() {
    setError(null);
    try {
      // Opening it reads it: the answer is the conversation, now read.
      const c = await post<Conversation>(`/api/v1/conversations/${id}/read`);
      setConversation(c);
      if (!c.last_status || !me.value) {
        setMessages([]);
        return;
      }
      const ctx = await api<{ ancestors: Status[]; descendants: Status[] }>(`/api/v1/statuses/${c.last_status.id}/context`);
      setMessages(conversationMessages(c, me.value.id, [...ctx.ancestors, c.last_status, ...ctx.descendants]));
    } catch (e) {
      setError(e);
    }
  }
  useEffect(() => {
    setConversation(null);
    setMessages([]);
    load();
    return live.onReconnect(() => load());
  }, [id]);
  useDirectStream((event, payload) => {
    if (event === "conversation" && (payload as Conversation).id === id) load();
    else if (event === "delete" && messages.some((m) => m.id === payload)) load();
  });
  useEffect(() => end.current?.scrollIntoView?.({ block: "nearest" }), [messages.length]);

  async function reply(e: Event) {
    e.preventDefault();
    if (!conversation || !text.trim()) return;
    setBusy(true);
    setSendError(null);
    const last = messages[messages.length - 1] ?? conversation.last_status;
    try {
      const s = await post<Status>("/api/v1/statuses", {
        status: mentionPrefix(conversation.accounts) + text.trim(),
        visibility: "direct",
        in_reply_to_id: last?.id,
      });
      setText("");
      setMessages((old) => (old.some((m) => m.id === s.id) ? old : [...old, s]));
      setConversation({ ...conversation, last_status: s, unread: false });
    } catch (err) {
      setSendError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  }

  if (error != null) return <ErrorBox error={error} onRetry={load} />;
  if (!conversation) return <Spinner label={t("messages.opening")} />;
  const title = conversationTitle(conversation.accounts);
  return (
    <div class="page messages">
      <p class="back-link">
        <a href="/messages">
          <Icon name="chevronLeft" size={16} /> {t("messages.all")}
        </a>
      </p>
      <PageHeader title={title} subtitle={t("messages.conversationSubtitle")} />
      <ol class="card message-thread" aria-label={t("messages.with", { title })}>
        {messages.map((m) => {
          const mine = m.account.id === me.value?.id;
          return (
            <li key={m.id} class={mine ? "message mine" : "message"} data-testid="message">
              <Avatar account={m.account} size={32} />
              <div class="message-body">
                <p class="message-head">
                  <strong>{mine ? t("messages.you") : displayName(m.account)}</strong>{" "}
                  <span class="muted">
                    <Time iso={m.created_at} />
                  </span>
                </p>
                <div class="status-content" dangerouslySetInnerHTML={{ __html: m.content }} />
              </div>
            </li>
          );
        })}
      </ol>
      <div ref={end} />
      <form class="card form message-reply" onSubmit={reply}>
        <label class="field">
          <span>{t("messages.replyTo", { title })}</span>
          <textarea rows={3} maxLength={5000} value={text} onInput={(e) => setText((e.target as HTMLTextAreaElement).value)} />
        </label>
        {sendError && (
          <p class="form-error" role="alert">
            {sendError}
          </p>
        )}
        <div class="btn-row">
          <button type="submit" class="btn btn-primary" disabled={busy || !text.trim()}>
            {busy ? t("messages.sending") : t("messages.send")}
          </button>
        </div>
      </form>
    </div>
  );
}
