// A community's stream as its moderators see it: announcements (pinned
// posts, shown above the stream and not again in it) they pin and unpin,
// posts they remove with a reason, and the moderation log. Also the locked
// state every members-only section shows to people outside a restricted
// community.

import { useEffect, useState } from "preact/hooks";
import { Icon } from "../components/icons";
import { StatusCard } from "../components/StatusCard";
import { Timeline } from "../components/Timeline";
import { Dialog, Empty, ErrorBox, FormFooter, Spinner, Time, displayName, tParts } from "../components/ui";
import { api, errorMessage } from "../lib/api";
import { usePagedList } from "../lib/pagedList";
import type { Account, Community, Status } from "../lib/types";
import { toast } from "../state";
import { t } from "../i18n";

/** What a person outside a restricted community sees instead of its posts or members. */
export function MembersOnly({ community, what }: { community: Community; what: "posts" | "members" }) {
  return (
    <Empty
      icon="lock"
      title={what === "posts" ? t("communityModeration.membersOnlyPosts") : t("communityModeration.membersOnlyMembers")}
      hint={community.pending === "requested" ? t("communityModeration.requestWaiting") : t("communityModeration.askToJoin")}
    />
  );
}

/** The community's announcements and stream; `moderate` adds the moderators' actions. */
export function CommunityStream({ community, moderate, emptyHint }: { community: Community; moderate: boolean; emptyHint: string }) {
  const id = community.id;
  const [pins, setPins] = useState<Status[]>([]);
  const [removing, setRemoving] = useState<Status | null>(null);
  const [gone, setGone] = useState<Set<string>>(new Set());
  const [tick, setTick] = useState(0);
  useEffect(() => {
    const ctrl = new AbortController();
    api<Status[]>(`/api/v1/atrium/communities/${id}/pins`, { signal: ctrl.signal }).then(setPins, () => {
      if (!ctrl.signal.aborted) setPins([]);
    });
    return () => ctrl.abort();
  }, [id, tick]);
  const pinned = new Set(pins.map((s) => s.id));

  async function pin(s: Status, on: boolean) {
    try {
      if (on) await api(`/api/v1/atrium/communities/${id}/pins`, { method: "POST", body: { status_id: s.id } });
      else await api(`/api/v1/atrium/communities/${id}/pins/${s.id}`, { method: "DELETE" });
      toast(on ? t("communityModeration.pinned") : t("communityModeration.unpinned"));
      setTick((n) => n + 1);
    } catch (e) {
      toast(errorMessage(e), "error");
    }
  }

  const actions = (s: Status) =>
    moderate ? (
      <div class="moderation-actions" role="group" aria-label={t("communityModeration.moderation")}>
        <button type="button" class="btn btn-small btn-secondary" onClick={() => pin(s, !pinned.has(s.id))}>
          <Icon name="pin" size={14} /> {pinned.has(s.id) ? t("communityModeration.unpin") : t("communityModeration.pin")}
        </button>
        <button type="button" class="btn btn-small btn-secondary danger" onClick={() => setRemoving(s)}>
          <Icon name="trash" size={14} /> {t("communityModeration.removePost")}
        </button>
      </div>
    ) : null;

  return (
    <>
      {pins.length > 0 && (
        <section class="pins" aria-labelledby="pins-h">
          <h2 id="pins-h" class="section-title">
            {t("communityModeration.announcements")}
          </h2>
          {pins.map((s) => (
            <div key={s.id} class="pinned-post">
              <StatusCard status={s} onChange={(u) => setPins((l) => l.map((x) => (x.id === u.id ? u : x)))} onDelete={() => setTick((n) => n + 1)} />
              {actions(s)}
            </div>
          ))}
        </section>
      )}
      <Timeline
        label={t("communityModeration.streamLabel", { name: community.name })}
        path={`/api/v1/atrium/timelines/community/${id}`}
        stream={{ stream: "community", community: id }}
        filter={(s) => (s.reblog ?? s).community?.id === id && !pinned.has(s.id) && !gone.has(s.id)}
        below={moderate ? actions : undefined}
        acceptsOwnPosts
        emptyTitle={t("communityModeration.noPosts")}
        emptyHint={emptyHint}
      />
      {removing && (
        <RemovePost
          community={community}
          status={removing}
          onClose={() => setRemoving(null)}
          onRemoved={() => {
            setGone((g) => new Set(g).add(removing.id));
            if (pinned.has(removing.id)) setTick((n) => n + 1);
            setRemoving(null);
          }}
        />
      )}
    </>
  );
}

function RemovePost({ community, status, onClose, onRemoved }: { community: Community; status: Status; onClose: () => void; onRemoved: () => void }) {
  const [reason, setReason] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  async function submit(e: Event) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await api(`/api/v1/atrium/communities/${community.id}/statuses/${status.id}`, { method: "DELETE", query: { reason: reason.trim() } });
      toast(t("communityModeration.postRemoved"));
      onRemoved();
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  }
  return (
    <Dialog title={t("communityModeration.removeTitle")} onClose={onClose}>
      <form class="form" onSubmit={submit}>
        <p>{t("communityModeration.removeExplain", { author: displayName(status.account), community: community.name })}</p>
        <label class="field">
          <span>{t("communityModeration.reason")}</span>
          <textarea rows={3} maxLength={1000} value={reason} onInput={(e) => setReason((e.target as HTMLTextAreaElement).value)} />
        </label>
        <FormFooter error={error} busy={busy} submit={t("communityModeration.removePost")} busyLabel={t("communityModeration.removing")} onCancel={onClose} />
      </form>
    </Dialog>
  );
}

interface ModerationEntry {
  id: string;
  action: string;
  account: Account | null;
  status_id: string | null;
  target_account_id: string | null;
  reason: string;
  created_at: string;
}

const PAGE = 40;


/** The community's moderation log, newest first (owners and moderators only). */
export function ModerationLog({ community }: { community: Community }) {
  const { items, next, loading, error, load } = usePagedList<ModerationEntry>(`/api/v1/atrium/communities/${community.id}/moderation_log`, PAGE);
  if (error && items.length === 0) return <ErrorBox error={error} onRetry={() => load()} />;
  if (loading && items.length === 0) return <Spinner label={t("communityModeration.loadingLog")} />;
  if (items.length === 0) return <Empty icon="shield" title={t("communityModeration.logEmpty")} hint={t("communityModeration.logEmptyHint")} />;
  return (
    <div class="card list-card">
      <ol class="moderation-log" aria-label={t("communityModeration.log")}>
        {items.map((e) => (
          <li key={e.id}>
            <p>
              {tParts(
                "communityModeration.logAction",
                { who: <strong>{e.account ? displayName(e.account) : t("communityModeration.someone")}</strong> },
                { action: e.action },
              )}
              {e.target_account_id && (
                <>
                  {" "}
                  (<a href={`/people/${e.target_account_id}`}>{e.action === "remove_status" ? t("communityModeration.authorProfile") : t("communityModeration.theirProfile")}</a>)
                </>
              )}
              <span class="muted">
                {" · "}
                <Time iso={e.created_at} />
              </span>
            </p>
            {e.reason ? <p class="moderation-reason">“{e.reason}”</p> : <p class="muted">{t("communityModeration.noReason")}</p>}
          </li>
        ))}
      </ol>
      {next && !loading && (
        <div class="load-more">
          <button type="button" class="btn btn-secondary" onClick={() => load(next)}>
            {t("communityModeration.older")}
          </button>
        </div>
      )}
    </div>
  );
}
