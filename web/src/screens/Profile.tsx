// A person: who they are in the organization, what they know, how you are
// connected, and their posts.

import { useEffect, useState } from "preact/hooks";
import { AccountList } from "../components/AccountList";
import { FeedLink } from "../components/FeedLink";
import { PrivateNote } from "../components/PrivateNote";
import { Icon } from "../components/icons";
import { ReportDialog } from "../components/ReportDialog";
import { StatusCard } from "../components/StatusCard";
import { Avatar, Banner, Empty, ErrorBox, Spinner, displayName, useAsync, useTitle, tParts } from "../components/ui";
import { ApiError, api, errorMessage, requestPage } from "../lib/api";
import { rememberStatuses, rememberTags } from "../lib/knownTags";
import { navigate } from "../lib/router";
import type { Account, Profile, Relationship, Status } from "../lib/types";
import { me, toast } from "../state";
import { NotFound } from "./NotFound";
import { t } from "../i18n";
import { formatNumber } from "../i18n/format";

const DIRECTORY_FIELDS = new Set(["Title", "Department", "Location", "Phone"]);

export function LookupProfile({ acct }: { acct: string }) {
  const r = useAsync((signal) => api<Account>("/api/v1/accounts/lookup", { query: { acct }, signal }), [acct]);
  useEffect(() => {
    if (r.data) navigate(`/people/${r.data.id}`, true);
  }, [r.data?.id]);
  if (r.error) return <NotFound what="person" />;
  return <Spinner />;
}

interface Org {
  manager: Account | null;
  chain: Account[];
  reports: Account[];
  peers: Account[];
}

async function loadOrg(id: string, signal: AbortSignal): Promise<Org> {
  const get = (p: string) => api<Account[]>(`/api/v1/atrium/profiles/${id}/${p}`, { signal }).catch(() => [] as Account[]);
  const [chain, reports, peers] = await Promise.all([get("management_chain"), get("reports"), get("peers")]);
  return { manager: chain[0] ?? null, chain, reports, peers };
}

export function ProfileScreen({ id }: { id: string }) {
  const profile = useAsync((signal) => api<Profile>(`/api/v1/atrium/profiles/${id}`, { signal }), [id]);
  const org = useAsync((signal) => loadOrg(id, signal), [id]);
  const isMe = me.value?.id === id;
  useTitle(profile.data ? displayName(profile.data.account) : t("profile.title"));
  useEffect(() => {
    if (profile.data) rememberTags(profile.data.expertise.map((e) => e.tag));
  }, [profile.data]);

  if (profile.loading && !profile.data) return <Spinner label={t("profile.loading")} />;
  if (profile.error instanceof ApiError && profile.error.status === 404) return <NotFound what="person" />;
  if (profile.error || !profile.data) return <ErrorBox error={profile.error} onRetry={profile.reload} />;
  const p = profile.data;
  const a = p.account;
  const d = p.directory;
  const links = (a.fields ?? []).filter((f) => !DIRECTORY_FIELDS.has(f.name));

  async function endorse(tag: string, on: boolean) {
    try {
      const updated = await api<Profile>(`/api/v1/atrium/profiles/${id}/expertise/${encodeURIComponent(tag)}/endorse`, {
        method: on ? "POST" : "DELETE",
      });
      profile.set(updated);
    } catch (e) {
      toast(errorMessage(e), "error");
    }
  }

  return (
    <div class="page profile">
      <section class="card profile-head" aria-labelledby="profile-name">
        <Banner class="profile-banner" url={a.header} />
        <div class="profile-id">
          <Avatar account={a} size={96} />
          <div class="profile-names">
            <h1 id="profile-name" tabIndex={-1}>
              {displayName(a)}
              {p.pronouns && <span class="pronouns"> ({p.pronouns})</span>}
            </h1>
            <p class="muted"><bdi>@{a.acct}</bdi>{a.locked && <> · <Icon name="lock" size={14} /> {t("profile.approvesFollowers")}</>}</p>
            {(d.title || d.department) && <p class="profile-title">{[d.title, d.department].filter(Boolean).join(" · ")}</p>}
            <p class="muted">
              <FeedLink subject="accounts" id={a.id} />
            </p>
          </div>
          <div class="profile-actions">
            {isMe ? (
              <a class="btn btn-secondary" href="/settings">
                {t("profile.edit")}
              </a>
            ) : (
              <RelationshipButtons account={a} />
            )}
          </div>
        </div>
        <ul class="profile-facts">
          {d.location && (
            <li>
              <Icon name="pin" size={16} /> {d.location}
            </li>
          )}
          {d.email && (
            <li>
              <Icon name="mail" size={16} /> <a href={`mailto:${d.email}`}>{d.email}</a>
            </li>
          )}
          {d.phone && (
            <li>
              <Icon name="phone" size={16} /> <a href={`tel:${d.phone}`}>{d.phone}</a>
            </li>
          )}
          {p.limited ? (
            <li class="muted">{t("profile.limited")}</li>
          ) : (
            <li>
              <a href={`/people/${a.id}/followers`}>
                {tParts("profile.followers", { n: <strong>{formatNumber(a.followers_count)}</strong> }, { count: a.followers_count })}
              </a>{" "}
              ·{" "}
              <a href={`/people/${a.id}/following`}>
                {tParts("profile.following", { n: <strong>{formatNumber(a.following_count)}</strong> }, { count: a.following_count })}
              </a>{" "}
              · <a href={`/people/${a.id}/connections`}>{t("profile.connections")}</a>
            </li>
          )}
        </ul>
      </section>

      <div class="profile-grid">
        <div class="profile-side">
          {!isMe && <PrivateNote accountId={a.id} name={displayName(a)} />}
          {p.about_html && (
            <section class="card side-card" aria-labelledby="about-h">
              <h2 id="about-h">{t("profile.about")}</h2>
              <div class="status-content" dangerouslySetInnerHTML={{ __html: p.about_html }} />
            </section>
          )}
          <section class="card side-card" aria-labelledby="expertise-h">
            <h2 id="expertise-h">{t("profile.expertise")}</h2>
            {p.expertise.length === 0 ? (
              <p class="muted">{isMe ? t("profile.addExpertise") : t("profile.noExpertise")}</p>
            ) : (
              <ul class="chips">
                {p.expertise.map((e) => (
                  <li key={e.tag} class="chip expertise">
                    <a href={`/people?expertise=${encodeURIComponent(e.tag)}`}>#{e.tag}</a>
                    <span class="muted" aria-label={t("profile.endorsements", { count: e.endorsements })}>
                      {e.endorsements}
                    </span>
                    {!isMe && (
                      <button
                        type="button"
                        class={`chip-btn ${e.endorsed ? "on" : ""}`}
                        aria-pressed={e.endorsed}
                        aria-label={e.endorsed ? t("profile.withdrawEndorsement", { name: displayName(a), tag: e.tag }) : t("profile.endorse", { name: displayName(a), tag: e.tag })}
                        onClick={() => endorse(e.tag, !e.endorsed)}
                      >
                        {e.endorsed ? <Icon name="check" size={14} /> : <Icon name="plus" size={14} />}
                      </button>
                    )}
                  </li>
                ))}
              </ul>
            )}
          </section>
          {links.length > 0 && (
            <section class="card side-card" aria-labelledby="links-h">
              <h2 id="links-h">{t("profile.links")}</h2>
              <dl class="fields">
                {links.map((f) => (
                  <div key={f.name}>
                    <dt>{f.name}</dt>
                    <dd dangerouslySetInnerHTML={{ __html: f.value }} />
                  </div>
                ))}
              </dl>
            </section>
          )}
          <section class="card side-card" aria-labelledby="org-h">
            <h2 id="org-h">{t("profile.organization")}</h2>
            {org.loading && !org.data ? (
              <Spinner />
            ) : org.data ? (
              <>
                {org.data.chain.length > 0 && (
                  <>
                    <h3 class="side-sub">{t("profile.reportsTo")}</h3>
                    <AccountList accounts={[...org.data.chain].reverse()} label={t("profile.managementChain")} />
                  </>
                )}
                {org.data.reports.length > 0 && (
                  <>
                    <h3 class="side-sub">{t("profile.directReportsCount", { count: org.data.reports.length })}</h3>
                    <AccountList accounts={org.data.reports} label={t("profile.directReports")} />
                  </>
                )}
                {org.data.peers.length > 0 && (
                  <>
                    <h3 class="side-sub">{t("profile.worksWith")}</h3>
                    <AccountList accounts={org.data.peers.slice(0, 8)} label={t("profile.peers")} />
                  </>
                )}
                {org.data.chain.length + org.data.reports.length + org.data.peers.length === 0 && (
                  <p class="muted">{t("profile.noOrg")}</p>
                )}
              </>
            ) : null}
          </section>
        </div>
        <section class="profile-posts" aria-labelledby="posts-h">
          <h2 id="posts-h" class="section-title">
            {t("profile.posts")}
          </h2>
          <AccountPosts id={id} />
        </section>
      </div>
    </div>
  );
}

function AccountPosts({ id }: { id: string }) {
  const [items, setItems] = useState<Status[]>([]);
  const [next, setNext] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<unknown>(null);
  const load = async (url?: string) => {
    setLoading(true);
    try {
      const r = await requestPage<Status[]>(url ?? `/api/v1/accounts/${id}/statuses`, url ? {} : { query: { limit: 20 } });
      rememberStatuses(r.data);
      setItems((prev) => (url ? [...prev, ...r.data] : r.data));
      setNext(r.data.length ? r.links.next ?? null : null);
    } catch (e) {
      setError(e);
    } finally {
      setLoading(false);
    }
  };
  useEffect(() => {
    setItems([]);
    load();
  }, [id]);
  if (error && items.length === 0) return <ErrorBox error={error} onRetry={() => load()} />;
  return (
    <>
      {items.map((s) => (
        <StatusCard
          key={s.id}
          status={s}
          onChange={(u) => setItems((l) => l.map((x) => (x.id === s.id ? u : x)))}
          onDelete={(gone) => setItems((l) => l.filter((x) => x.id !== gone && x.reblog?.id !== gone))}
        />
      ))}
      {loading && <Spinner label={t("profile.loadingPosts")} />}
      {!loading && items.length === 0 && <Empty icon="comment" title={t("profile.noPosts")} hint={t("profile.noPostsHint")} />}
      {!loading && next && (
        <div class="load-more">
          <button type="button" class="btn btn-secondary" onClick={() => load(next)}>
            {t("profile.showOlder")}
          </button>
        </div>
      )}
    </>
  );
}

/** Follow, connect, mute and block, from the relationship. */
export function RelationshipButtons({ account }: { account: Account }) {
  const rel = useAsync(
    async (signal) => (await api<Relationship[]>("/api/v1/accounts/relationships", { query: { id: [account.id] }, signal }))[0],
    [account.id],
  );
  const [busy, setBusy] = useState(false);
  const [reporting, setReporting] = useState(false);
  const r = rel.data;
  // `done`: what to tell the reader, or how to tell it from the new relationship.
  async function act(path: string, method = "POST", done?: string | ((res: Relationship) => string)) {
    setBusy(true);
    try {
      const res = await api<Relationship>(path, { method, body: method === "DELETE" ? undefined : {} });
      rel.set(res);
      if (done) toast(typeof done === "string" ? done : done(res));
    } catch (e) {
      toast(errorMessage(e), "error");
    } finally {
      setBusy(false);
    }
  }
  if (!r) return rel.error ? <span class="muted">{t("profile.relationshipUnavailable")}</span> : <span class="spinner small" aria-label={t("common.loading")} />;
  const name = displayName(account);
  const base = `/api/v1/accounts/${account.id}`;
  const conn = `/api/v1/atrium/connections/${account.id}`;
  if (r.blocking)
    return (
      <button type="button" class="btn btn-secondary" disabled={busy} onClick={() => act(`${base}/unblock`, "POST", t("profile.unblocked", { name }))}>
        {t("profile.unblock")}
      </button>
    );
  return (
    <div class="btn-row">
      {r.following ? (
        <button type="button" class="btn btn-secondary" disabled={busy} onClick={() => act(`${base}/unfollow`, "POST", t("profile.unfollowed", { name }))}>
          {t("profile.followingButton")}
        </button>
      ) : r.requested ? (
        <button type="button" class="btn btn-secondary" disabled={busy} onClick={() => act(`${base}/unfollow`, "POST", t("profile.requestWithdrawn"))}>
          {t("profile.requested")}
        </button>
      ) : (
        <button
          type="button"
          class="btn btn-primary"
          disabled={busy}
          // A follow may wait for approval even of an open account (one that
          // approves its management chain): the answer tells.
          onClick={() => act(`${base}/follow`, "POST", (res) => (res.requested ? t("profile.requestSent", { name }) : t("profile.followed", { name })))}
        >
          {account.locked ? t("profile.requestToFollow") : t("profile.follow")}
        </button>
      )}
      {r.connected ? (
        <button type="button" class="btn btn-secondary" disabled={busy} onClick={() => act(conn, "DELETE", t("profile.connectionEnded", { name }))}>
          {t("profile.connected")}
        </button>
      ) : r.connection_requested_by ? (
        <>
          <button type="button" class="btn btn-primary" disabled={busy} onClick={() => act(`${conn}/accept`, "POST", t("profile.connectedWith", { name }))}>
            {t("profile.acceptConnection")}
          </button>
          <button type="button" class="btn btn-secondary" disabled={busy} onClick={() => act(`${conn}/decline`, "POST", t("profile.invitationDeclined"))}>
            {t("profile.decline")}
          </button>
        </>
      ) : r.connection_requested ? (
        <button type="button" class="btn btn-secondary" disabled={busy} onClick={() => act(`${conn}/withdraw`, "POST", t("profile.invitationWithdrawn"))}>
          {t("profile.invitationSent")}
        </button>
      ) : (
        <button type="button" class="btn btn-secondary" disabled={busy} onClick={() => act(`${conn}/invite`, "POST", t("profile.invitationSentTo", { name }))}>
          {t("profile.connect")}
        </button>
      )}
      <details class="menu">
        <summary class="btn btn-secondary" aria-label={t("profile.moreActionsFor", { name })}>
          <Icon name="more" />
        </summary>
        <div class="menu-items" role="group" aria-label={t("profile.moreActions")}>
          {r.following && (
            <button
              type="button"
              disabled={busy}
              onClick={() =>
                act(`${base}/${r.endorsed ? "unpin" : "pin"}`, "POST", r.endorsed ? t("profile.unfeatured", { name }) : t("profile.featured", { name }))
              }
            >
              {r.endorsed ? t("profile.stopFeaturing") : t("profile.feature")}
            </button>
          )}
          <button type="button" disabled={busy} onClick={() => act(`${base}/${r.muting ? "unmute" : "mute"}`, "POST", r.muting ? t("profile.unmuted", { name }) : t("profile.muted", { name }))}>
            {r.muting ? t("profile.unmute", { name }) : t("profile.mute", { name })}
          </button>
          <button type="button" class="danger" disabled={busy} onClick={() => act(`${base}/block`, "POST", t("profile.blocked", { name }))}>
            {t("profile.block", { name })}
          </button>
          <button type="button" class="danger" onClick={() => setReporting(true)}>
            {t("profile.report", { name })}
          </button>
        </div>
      </details>
      {reporting && <ReportDialog account={account} onClose={() => setReporting(false)} />}
    </div>
  );
}

