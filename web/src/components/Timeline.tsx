// A stream of posts: the first page, older pages on request, and live
// posts collected in a "N new posts" banner so that nothing moves under
// the reader.

import type { ComponentChildren } from "preact";
import { useEffect, useRef, useState } from "preact/hooks";
import { errorMessage, requestPage } from "../lib/api";
import { rememberStatuses } from "../lib/knownTags";
import { live, type StreamSpec } from "../lib/live";
import { appended, arrived, deleted, emptyTimeline, loaded, shownPending, updated, type TimelineState } from "../lib/timeline";
import type { Status } from "../lib/types";
import { Icon, type IconName } from "./icons";
import { StatusCard } from "./StatusCard";
import { Empty, ErrorBox, Spinner } from "./ui";
import { t } from "../i18n";

interface Props {
  /** The API path of the stream. */
  path: string;
  query?: Record<string, string | number | boolean | undefined>;
  /** Live updates from this stream, if any. */
  stream?: StreamSpec;
  /** Which posts to show (a client-side filter). */
  filter?: (s: Status) => boolean;
  /** Posts the reader writes here appear at once. */
  acceptsOwnPosts?: boolean;
  /** Shown under each post (a place's own actions on it). */
  below?: (s: Status) => ComponentChildren;
  emptyTitle: string;
  emptyHint?: string;
  /** The empty state's icon (a speech bubble unless said). */
  emptyIcon?: IconName;
  label: string;
  /** Told the first page once it is loaded. */
  onLoaded?: (items: Status[]) => void;
}

const PAGE = 20;

export function Timeline({ path, query, stream, filter, acceptsOwnPosts, below, emptyTitle, emptyHint, emptyIcon = "comment", label, onLoaded }: Props) {
  const [state, setState] = useState<TimelineState>(emptyTimeline);
  const [loading, setLoading] = useState(true);
  const [loadingMore, setLoadingMore] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [tick, setTick] = useState(0);
  const filterRef = useRef(filter);
  filterRef.current = filter;
  const listRef = useRef<HTMLDivElement>(null);
  const key = path + JSON.stringify(query ?? {});

  useEffect(() => {
    const ctrl = new AbortController();
    setLoading(true);
    setError(null);
    setState(emptyTimeline);
    requestPage<Status[]>(path, { query: { limit: PAGE, ...query }, signal: ctrl.signal }).then(
      (r) => {
        rememberStatuses(r.data);
        setState(loaded(r.data, r.data.length >= PAGE ? r.links.next ?? null : null));
        setLoading(false);
        onLoaded?.(r.data);
      },
      (e) => {
        if (ctrl.signal.aborted) return;
        setError(e);
        setLoading(false);
      },
    );
    return () => ctrl.abort();
  }, [key, tick]);

  useEffect(() => {
    if (!stream) return;
    const names = stream.stream;
    const off = live.onEvent((e) => {
      if (e.stream[0] !== names) return;
      if (stream.community && e.stream[1] && e.stream[1] !== stream.community) return;
      if (e.event === "update") {
        const s = e.payload as Status;
        if (filterRef.current && !filterRef.current(s)) return;
        rememberStatuses([s]);
        setState((st) => arrived(st, s));
      } else if (e.event === "status.update") {
        setState((st) => updated(st, e.payload as Status));
      } else if (e.event === "delete") {
        setState((st) => deleted(st, String(e.payload)));
      }
    });
    const unsub = live.subscribe(stream);
    return () => {
      off();
      unsub();
    };
  }, [stream?.stream, stream?.community, stream?.tag]);

  useEffect(() => {
    if (!acceptsOwnPosts) return;
    const onPosted = (e: Event) => {
      const s = (e as CustomEvent<Status>).detail;
      if (filterRef.current && !filterRef.current(s)) return;
      setState((st) => shownPending(arrived(st, s)));
    };
    window.addEventListener("atrium:posted", onPosted);
    return () => window.removeEventListener("atrium:posted", onPosted);
  }, [acceptsOwnPosts]);

  async function more() {
    if (!state.next) return;
    setLoadingMore(true);
    try {
      const r = await requestPage<Status[]>(state.next);
      rememberStatuses(r.data);
      setState((st) => appended(st, r.data, r.data.length >= PAGE ? r.links.next ?? null : null));
    } catch (e) {
      setError(e);
    } finally {
      setLoadingMore(false);
    }
  }

  function showNew() {
    setState((st) => shownPending(st));
    window.scrollTo({ top: 0, behavior: "smooth" });
    requestAnimationFrame(() => listRef.current?.querySelector<HTMLElement>("article a[href^='/posts/']")?.focus());
  }

  const items = filter ? state.items.filter(filter) : state.items;
  const n = state.pending.length;

  return (
    <section class="timeline" aria-label={label} aria-busy={loading}>
      {n > 0 && (
        <div class="new-posts">
          <button type="button" class="btn btn-primary new-posts-btn" onClick={showNew}>
            <Icon name="arrowUp" size={16} /> {t("timeline.newPosts", { count: n })}
          </button>
        </div>
      )}
      {loading && <Spinner label={t("timeline.loading")} />}
      {!loading && error != null && items.length === 0 && <ErrorBox error={error} onRetry={() => setTick((x) => x + 1)} />}
      {!loading && !error && items.length === 0 && !state.next && <Empty icon={emptyIcon} title={emptyTitle} hint={emptyHint} />}
      <div class="feed" ref={listRef}>
        {items.map((s) => {
          const card = (
            <StatusCard
              key={s.id}
              status={s}
              onChange={(u) => setState((st) => ({ ...st, items: st.items.map((x) => (x.id === s.id ? u : x)) }))}
              onDelete={(id) => setState((st) => deleted(st, id))}
            />
          );
          return below ? (
            <div key={s.id} class="moderated-post">
              {card}
              {below(s)}
            </div>
          ) : (
            card
          );
        })}
      </div>
      {!loading && error != null && items.length > 0 && <p class="form-error" role="alert">{errorMessage(error)}</p>}
      {!loading && state.next && (
        <div class="load-more">
          <button type="button" class="btn btn-secondary" onClick={more} disabled={loadingMore}>
            {loadingMore ? t("common.loading") : items.length === 0 ? t("timeline.further") : t("timeline.older")}
          </button>
        </div>
      )}
      {!loading && !state.next && items.length > 0 && <p class="end-of-feed muted">{t("timeline.caughtUp")}</p>}
    </section>
  );
}

/** Tells the open streams about a post the reader just wrote. */
export function announcePosted(s: Status) {
  window.dispatchEvent(new CustomEvent("atrium:posted", { detail: s }));
}
