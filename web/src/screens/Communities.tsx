// Communities: the directory (browse, search, create) and a community's
// stream, members, requests and settings.

import { useEffect, useState } from "preact/hooks";
import { AccountList, AccountRow } from "../components/AccountList";
import { Composer } from "../components/Composer";
import { FeedLink } from "../components/FeedLink";
import { WriteButtons } from "../components/WriteButtons";
import { Icon } from "../components/icons";
import { PageHeader } from "../components/PageHeader";
import { announcePosted } from "../components/Timeline";
import { Avatar, Banner, Dialog, Empty, ErrorBox, FormFooter, Spinner, Tabs, useAsync, useTitle } from "../components/ui";
import { ApiError, api, errorMessage } from "../lib/api";
import { rememberTags } from "../lib/knownTags";
import { usePagedList } from "../lib/pagedList";
import { navigate, useLocation } from "../lib/router";
import type { Account, Community, CommunityRole, CommunityType, Member } from "../lib/types";
import { isAdmin, me, toast } from "../state";
import { CommunityStream, MembersOnly, ModerationLog } from "./CommunityModeration";
import { NotFound } from "./NotFound";
import { t } from "../i18n";

const TYPES: CommunityType[] = ["public", "moderated", "restricted"];
const typeLabel = (type: CommunityType) => t("communities.type", { type });
const typeHint = (type: CommunityType) => t("communities.typeHint", { type });

/** The text of rendered HTML, for a one-line summary. */
function plainText(html: string): string {
  return new DOMParser().parseFromString(html || "", "text/html").body.textContent?.trim() ?? "";
}

function CommunityAvatar({ c, size = 48 }: { c: Pick<Community, "id" | "name" | "handle" | "avatar">; size?: number }) {
  return <Avatar account={{ id: c.id, display_name: c.name, username: c.handle, avatar: c.avatar ?? "" }} size={size} />;
}

function TypeBadge({ c }: { c: Community }) {
  return (
    <span class={`type-badge type-${c.type}`} title={typeHint(c.type)}>
      {c.type === "restricted" && <Icon name="lock" size={12} />} {typeLabel(c.type)}
      {c.type === "restricted" && !c.listed ? `, ${t("communities.unlisted")}` : ""}
      {c.archived ? ` · ${t("communities.archived")}` : ""}
    </span>
  );
}

export function CommunitiesScreen() {
  useTitle(t("communities.title"));
  const { query } = useLocation();
  const mine = query.get("mine") === "true";
  const [q, setQ] = useState(query.get("q") ?? "");
  const [applied, setApplied] = useState(q);
  const [creating, setCreating] = useState(false);
  const { items, next, loading, error, load } = usePagedList<Community>("/api/v1/atrium/communities", 20, { q: applied, mine: mine || undefined }, (page) =>
    page.forEach((c) => rememberTags(c.tags ?? [])),
  );
  useEffect(() => {
    const timer = setTimeout(() => setApplied(q.trim()), 300);
    return () => clearTimeout(timer);
  }, [q]);

  return (
    <div class="page">
      <PageHeader title={t("communities.title")} subtitle={t("communities.subtitle")}>
        <button type="button" class="btn btn-primary" onClick={() => setCreating(true)}>
          <Icon name="plus" size={18} /> {t("communities.new")}
        </button>
      </PageHeader>
      <Tabs
        label={t("communities.which")}
        value={mine ? "mine" : "all"}
        tabs={[
          { id: "all", label: t("communities.discover"), href: "/communities" },
          { id: "mine", label: t("communities.mine"), href: "/communities?mine=true" },
        ]}
      />
      <form class="card search-card" role="search" onSubmit={(e) => e.preventDefault()}>
        <input type="search" placeholder={t("communities.searchPlaceholder")} aria-label={t("communities.search")} value={q} onInput={(e) => setQ((e.target as HTMLInputElement).value)} />
      </form>
      {error != null && <ErrorBox error={error} onRetry={() => load()} />}
      {loading && items.length === 0 && <Spinner label={t("communities.loading")} />}
      {!loading && !error && items.length === 0 && (
        <Empty
          icon="community"
          title={applied ? t("communities.noMatch") : mine ? t("communities.noneJoined") : t("communities.none")}
          hint={applied ? t("communities.noMatchHint") : t("communities.noneHint")}
        />
      )}
      <ul class="community-grid" aria-label={t("communities.title")}>
        {items.map((c) => (
          <li key={c.id} class="card community-card">
            <a href={`/communities/${c.id}`} class="community-link">
              <CommunityAvatar c={c} />
              <span>
                <strong class="community-name">{c.name}</strong>
                <span class="muted">{t("communities.membersCount", { count: c.members_count })}</span>
              </span>
            </a>
            <TypeBadge c={c} />
            <p class="community-desc">{plainText(c.description_html).slice(0, 160)}</p>
            {c.role && <span class="chip chip-role">{t("communities.youAreChip", { role: c.role })}</span>}
            {c.pending && <span class="chip">{c.pending === "invited" ? t("communities.invited") : t("communities.requestPending")}</span>}
          </li>
        ))}
      </ul>
      {next && !loading && (
        <div class="load-more">
          <button type="button" class="btn btn-secondary" onClick={() => load(next)}>
            {t("communities.showMore")}
          </button>
        </div>
      )}
      {creating && <CreateCommunity onClose={() => setCreating(false)} />}
    </div>
  );
}

function CreateCommunity({ onClose }: { onClose: () => void }) {
  const [f, setF] = useState({ name: "", handle: "", description: "", type: "public" as CommunityType, listed: true, tags: "" });
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const set = (k: keyof typeof f) => (e: Event) => {
    const input = e.target as HTMLInputElement;
    setF({ ...f, [k]: input.type === "checkbox" ? input.checked : input.value });
  };
  async function submit(e: Event) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const handle = f.handle || f.name.toLowerCase().replace(/[^a-z0-9_]+/g, "_").replace(/^_+|_+$/g, "").slice(0, 30);
      const c = await api<Community>("/api/v1/atrium/communities", {
        method: "POST",
        body: {
          name: f.name,
          handle,
          description: f.description,
          type: f.type,
          listed: f.type === "restricted" ? f.listed : true,
          tags: f.tags.split(/[\s,]+/).map((tag) => tag.replace(/^#/, "")).filter(Boolean),
        },
      });
      toast(t("communities.created", { name: c.name }));
      onClose();
      navigate(`/communities/${c.id}`);
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  }
  return (
    <Dialog title={t("communities.new")} onClose={onClose}>
      <form class="form" onSubmit={submit}>
        <label class="field">
          <span>{t("communities.name")}</span>
          <input required value={f.name} onInput={set("name")} autoFocus />
        </label>
        <div class="field">
          <label for="community-handle">
            <span>{t("communities.handle")}</span>
          </label>
          <input id="community-handle" value={f.handle} onInput={set("handle")} pattern="[A-Za-z0-9_]{1,30}" placeholder={t("communities.handlePlaceholder")} aria-describedby="handle-hint" />
          <small id="handle-hint" class="muted">
            {t("communities.handleHint")}
          </small>
        </div>
        <label class="field">
          <span>{t("communities.description")}</span>
          <textarea rows={3} value={f.description} onInput={set("description")} />
        </label>
        <fieldset class="field">
          <legend>{t("communities.whoSees")}</legend>
          {TYPES.map((type) => (
            <label key={type} class="radio">
              <input type="radio" name="type" value={type} checked={f.type === type} onChange={() => setF({ ...f, type })} />
              <span>
                <strong>{typeLabel(type)}</strong> <span class="muted">{typeHint(type)}</span>
              </span>
            </label>
          ))}
        </fieldset>
        {f.type === "restricted" && (
          <label class="check">
            <input type="checkbox" checked={f.listed} onChange={set("listed")} /> {t("communities.listedExplained")}
          </label>
        )}
        <label class="field">
          <span>{t("communities.tags")}</span>
          <input value={f.tags} onInput={set("tags")} placeholder={t("communities.tagsPlaceholder")} />
        </label>
        <FormFooter error={error} busy={busy} submit={t("communities.create")} busyLabel={t("communities.creating")} onCancel={onClose} />
      </form>
    </Dialog>
  );
}

export function CommunityScreen({ id, tab }: { id: string; tab: string }) {
  const c = useAsync((signal) => api<Community>(`/api/v1/atrium/communities/${id}`, { signal }), [id]);
  useTitle(c.data?.name ?? t("communities.community"));
  const [busy, setBusy] = useState(false);

  if (c.loading && !c.data) return <Spinner label={t("communities.loadingOne")} />;
  if (c.error instanceof ApiError && c.error.status === 404) return <NotFound what="community" />;
  if (c.error || !c.data) return <ErrorBox error={c.error} onRetry={c.reload} />;
  const community = c.data;
  const manager = community.role === "owner" || community.role === "moderator" || isAdmin(me.value);
  const owner = community.role === "owner" || isAdmin(me.value);
  const canSeePosts = community.type !== "restricted" || !!community.role;

  async function act(path: string, done: string) {
    setBusy(true);
    try {
      const res = await api<Community>(`/api/v1/atrium/communities/${id}/${path}`, { method: "POST", body: {} });
      c.set(res);
      toast(done);
    } catch (e) {
      toast(errorMessage(e), "error");
    } finally {
      setBusy(false);
    }
  }

  let membership;
  if (community.role)
    membership = (
      <button type="button" class="btn btn-secondary" disabled={busy} onClick={() => act("leave", t("communities.left", { name: community.name }))}>
        {t("communities.leave")}
      </button>
    );
  else if (community.pending === "invited")
    membership = (
      <>
        <button type="button" class="btn btn-primary" disabled={busy} onClick={() => act("join", t("communities.welcome", { name: community.name }))}>
          {t("communities.accept")}
        </button>
        <button type="button" class="btn btn-secondary" disabled={busy} onClick={() => act("leave", t("communities.invitationDeclined"))}>
          {t("communities.decline")}
        </button>
      </>
    );
  else if (community.pending === "requested")
    membership = (
      <button type="button" class="btn btn-secondary" disabled={busy} onClick={() => act("leave", t("communities.requestWithdrawn"))}>
        {t("communities.requestPendingWithdraw")}
      </button>
    );
  else if (!community.archived)
    membership =
      community.type === "public" ? (
        <button type="button" class="btn btn-primary" disabled={busy} onClick={() => act("join", t("communities.welcome", { name: community.name }))}>
          {t("communities.join")}
        </button>
      ) : (
        <button type="button" class="btn btn-primary" disabled={busy} onClick={() => act("join", t("communities.requestSent"))}>
          {t("communities.requestToJoin")}
        </button>
      );

  const tabs = [
    { id: "stream", label: t("communities.tab.posts"), href: `/communities/${id}` },
    { id: "members", label: t("communities.tab.members"), href: `/communities/${id}/members` },
  ];
  if (manager && community.type !== "public") tabs.push({ id: "requests", label: t("communities.tab.requests"), href: `/communities/${id}/requests` });
  if (manager) tabs.push({ id: "invite", label: t("communities.tab.invite"), href: `/communities/${id}/invite` });
  if (manager) tabs.push({ id: "log", label: t("communities.tab.log"), href: `/communities/${id}/log` });
  if (owner) tabs.push({ id: "settings", label: t("communities.tab.settings"), href: `/communities/${id}/settings` });

  return (
    <div class="page">
      <section class="card community-head" aria-labelledby="community-name">
        {community.banner && <Banner class="community-banner" url={community.banner} />}
        <div class="community-id">
          <CommunityAvatar c={community} size={72} />
          <div>
            <h1 id="community-name" tabIndex={-1}>
              {community.name}
            </h1>
            <p class="muted">
              <TypeBadge c={community} /> · {t("communities.membersCount", { count: community.members_count })}
              {community.role && <> · {t("communities.youAre", { role: community.role })}</>}
              {canSeePosts && (
                <>
                  {" · "}
                  <a href={`/blogs?community=${id}`} class="feed-link">
                    {t("communities.blogEntries")}
                  </a>
                  {" · "}
                  <FeedLink subject="communities" id={id} />
                </>
              )}
            </p>
          </div>
          <div class="btn-row community-actions">{membership}</div>
        </div>
        {community.description_html && <div class="status-content" dangerouslySetInnerHTML={{ __html: community.description_html }} />}
        {community.tags.length > 0 && (
          <ul class="chips" aria-label={t("communities.tags")}>
            {community.tags.map((tag) => (
              <li key={tag} class="chip">
                <a href={`/tags/${encodeURIComponent(tag)}`}>#{tag}</a>
              </li>
            ))}
          </ul>
        )}
        {manager && <BannerControls community={community} onChange={c.set} />}
      </section>
      <Tabs label={t("communities.sections")} tabs={tabs} value={tab} />
      {tab === "stream" &&
        (canSeePosts ? (
          <>
            {community.role && !community.archived && (
              <div class="card composer-card">
                <Composer community={community} onPosted={(s) => announcePosted(s)} />
                <WriteButtons communityId={id} communityName={community.name} onPosted={(s) => announcePosted(s)} />
              </div>
            )}
            <CommunityStream
              community={community}
              moderate={manager}
              emptyHint={community.role ? t("communities.emptyStreamMember") : t("communities.emptyStreamOther")}
            />
          </>
        ) : (
          <MembersOnly community={community} what="posts" />
        ))}
      {tab === "members" && (canSeePosts ? <Members community={community} canManage={manager} isOwner={owner} /> : <MembersOnly community={community} what="members" />)}
      {tab === "log" && manager && <ModerationLog community={community} />}
      {tab === "requests" && manager && <Requests community={community} onChange={c.reload} />}
      {tab === "invite" && manager && <Invite community={community} />}
      {tab === "settings" && owner && <Settings community={community} onSaved={c.set} />}
    </div>
  );
}

/** Owners and moderators change or remove the banner above the community's page. */
function BannerControls({ community, onChange }: { community: Community; onChange: (c: Community) => void }) {
  const [busy, setBusy] = useState(false);
  async function change(file: File | null) {
    setBusy(true);
    try {
      const path = `/api/v1/atrium/communities/${community.id}/banner`;
      let updated: Community;
      if (file) {
        const fd = new FormData();
        fd.append("file", file);
        updated = await api<Community>(path, { method: "POST", body: fd });
      } else {
        updated = await api<Community>(path, { method: "DELETE" });
      }
      onChange(updated);
      toast(file ? t("communities.bannerUpdated") : t("communities.bannerRemoved"));
    } catch (e) {
      toast(errorMessage(e), "error");
    } finally {
      setBusy(false);
    }
  }
  return (
    <div class="picture-row">
      <label class="btn btn-small btn-secondary">
        {busy ? t("communities.working") : community.banner ? t("communities.changeBanner") : t("communities.addBanner")}
        <input
          type="file"
          accept="image/png,image/jpeg,image/gif,image/webp"
          class="sr-only"
          disabled={busy}
          onChange={(e) => {
            const input = e.target as HTMLInputElement;
            const file = input.files?.[0];
            input.value = "";
            if (file) change(file);
          }}
        />
      </label>
      {community.banner && (
        <button type="button" class="btn btn-small btn-secondary" disabled={busy} onClick={() => change(null)}>
          {t("communities.removeBanner")}
        </button>
      )}
      <span class="muted">{t("communities.bannerHint")}</span>
    </div>
  );
}

const MEMBERS_PAGE = 40;

function Members({ community, canManage, isOwner }: { community: Community; canManage: boolean; isOwner: boolean }) {
  const { items, setItems, next, loading, error, load } = usePagedList<Member>(`/api/v1/atrium/communities/${community.id}/members`, MEMBERS_PAGE);
  async function setRole(m: Member, role: CommunityRole) {
    try {
      await api(`/api/v1/atrium/communities/${community.id}/members/${m.account.id}`, { method: "PATCH", body: { role } });
      setItems((l) => l.map((x) => (x.account.id === m.account.id ? { ...x, role } : x)));
      toast(t("communities.roleChanged", { name: m.account.display_name || m.account.username, role }));
    } catch (e) {
      toast(errorMessage(e), "error");
    }
  }
  async function remove(m: Member) {
    try {
      await api(`/api/v1/atrium/communities/${community.id}/members/${m.account.id}`, { method: "DELETE" });
      setItems((l) => l.filter((x) => x.account.id !== m.account.id));
      toast(t("communities.memberRemoved"));
    } catch (e) {
      toast(errorMessage(e), "error");
    }
  }
  // Membership can change while the page is open (removed, or left elsewhere).
  if (error instanceof ApiError && error.status === 403 && items.length === 0) return <MembersOnly community={community} what="members" />;
  if (error && items.length === 0) return <ErrorBox error={error} onRetry={() => load()} />;
  return (
    <div class="card list-card">
      {loading && items.length === 0 && <Spinner label={t("communities.loadingMembers")} />}
      {!loading && items.length === 0 && <Empty icon="people" title={t("communities.noMembers")} />}
      <ul class="account-list" aria-label={t("communities.tab.members")}>
        {items.map((m) => (
          <AccountRow key={m.account.id} account={m.account} sub={m.role === "member" ? undefined : t("communities.role", { role: m.role })}>
            {isOwner && m.account.id !== me.value?.id && (
              <select aria-label={t("communities.roleOf", { name: m.account.display_name || m.account.username })} value={m.role} onChange={(e) => setRole(m, (e.target as HTMLSelectElement).value as CommunityRole)}>
                {(["member", "moderator", "owner"] as CommunityRole[]).map((role) => (
                  <option key={role} value={role}>
                    {t("communities.role", { role })}
                  </option>
                ))}
              </select>
            )}
            {canManage && m.account.id !== me.value?.id && (isOwner || m.role === "member") && (
              <button type="button" class="btn btn-small btn-secondary" onClick={() => remove(m)} aria-label={t("communities.removeName", { name: m.account.display_name || m.account.username })}>
                {t("communities.remove")}
              </button>
            )}
          </AccountRow>
        ))}
      </ul>
      {next && !loading && (
        <div class="load-more">
          <button type="button" class="btn btn-secondary" onClick={() => load(next)}>
            {t("communities.showMoreMembers")}
          </button>
        </div>
      )}
    </div>
  );
}

function Requests({ community, onChange }: { community: Community; onChange: () => void }) {
  const r = useAsync((signal) => api<Account[]>(`/api/v1/atrium/communities/${community.id}/requests`, { signal }), [community.id]);
  async function decide(a: Account, approve: boolean) {
    try {
      await api(`/api/v1/atrium/communities/${community.id}/requests/${a.id}/${approve ? "approve" : "reject"}`, { method: "POST", body: {} });
      toast(approve ? t("communities.joined", { name: a.display_name || a.username }) : t("communities.requestDeclined"));
      r.set((r.data ?? []).filter((x) => x.id !== a.id));
      onChange();
    } catch (e) {
      toast(errorMessage(e), "error");
    }
  }
  if (r.loading && !r.data) return <Spinner label={t("communities.loadingRequests")} />;
  if (r.error) return <ErrorBox error={r.error} onRetry={r.reload} />;
  if (!r.data || r.data.length === 0) return <Empty icon="people" title={t("communities.noRequests")} hint={t("communities.noRequestsHint")} />;
  return (
    <div class="card list-card">
      <AccountList accounts={r.data} label={t("communities.requestsToJoin")}>
        {(a) => (
          <>
            <button type="button" class="btn btn-small btn-primary" onClick={() => decide(a, true)} aria-label={t("communities.approveName", { name: a.display_name || a.username })}>
              {t("communities.approve")}
            </button>
            <button type="button" class="btn btn-small btn-secondary" onClick={() => decide(a, false)} aria-label={t("communities.declineName", { name: a.display_name || a.username })}>
              {t("communities.decline")}
            </button>
          </>
        )}
      </AccountList>
    </div>
  );
}

function Invite({ community }: { community: Community }) {
  const [q, setQ] = useState("");
  const [results, setResults] = useState<Account[]>([]);
  const invited = useAsync((signal) => api<Account[]>(`/api/v1/atrium/communities/${community.id}/invitations`, { signal }).catch(() => [] as Account[]), [community.id]);
  useEffect(() => {
    if (!q.trim()) {
      setResults([]);
      return;
    }
    const timer = setTimeout(() => {
      api<Account[]>("/api/v1/atrium/directory", { query: { q, limit: 8 } }).then(setResults, () => setResults([]));
    }, 250);
    return () => clearTimeout(timer);
  }, [q]);
  async function invite(a: Account) {
    try {
      await api(`/api/v1/atrium/communities/${community.id}/invitations`, { method: "POST", body: { account_id: a.id } });
      toast(t("communities.invitationSent", { name: a.display_name || a.username }));
      invited.reload();
    } catch (e) {
      toast(errorMessage(e), "error");
    }
  }
  return (
    <div class="card list-card">
      <label class="field">
        <span>{t("communities.inviteColleague")}</span>
        <input type="search" value={q} placeholder={t("communities.name")} onInput={(e) => setQ((e.target as HTMLInputElement).value)} />
      </label>
      {results.length > 0 && (
        <AccountList accounts={results} label={t("communities.matching")}>
          {(a) => (
            <button type="button" class="btn btn-small btn-primary" onClick={() => invite(a)} aria-label={t("communities.inviteName", { name: a.display_name || a.username })}>
              {t("communities.invite")}
            </button>
          )}
        </AccountList>
      )}
      {invited.data && invited.data.length > 0 && (
        <>
          <h2 class="section-title">{t("communities.pendingInvitationsHeading")}</h2>
          <AccountList accounts={invited.data} label={t("communities.pendingInvitations")} />
        </>
      )}
    </div>
  );
}

function Settings({ community, onSaved }: { community: Community; onSaved: (c: Community) => void }) {
  const [f, setF] = useState({
    name: community.name,
    description: community.description,
    type: community.type,
    listed: community.listed,
    tags: community.tags.join(", "),
    archived: community.archived,
  });
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [confirmDelete, setConfirmDelete] = useState(false);
  async function save(e: Event) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const c = await api<Community>(`/api/v1/atrium/communities/${community.id}`, {
        method: "PATCH",
        body: { ...f, tags: f.tags.split(/[\s,]+/).map((tag) => tag.replace(/^#/, "")).filter(Boolean) },
      });
      onSaved(c);
      toast(t("communities.settingsSaved"));
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  }
  async function remove() {
    try {
      await api(`/api/v1/atrium/communities/${community.id}`, { method: "DELETE" });
      toast(t("communities.deleted", { name: community.name }));
      navigate("/communities", true);
    } catch (err) {
      toast(errorMessage(err), "error");
    }
  }
  return (
    <form class="card form settings-form" onSubmit={save}>
      <label class="field">
        <span>{t("communities.name")}</span>
        <input required value={f.name} onInput={(e) => setF({ ...f, name: (e.target as HTMLInputElement).value })} />
      </label>
      <label class="field">
        <span>{t("communities.description")}</span>
        <textarea rows={4} value={f.description} onInput={(e) => setF({ ...f, description: (e.target as HTMLTextAreaElement).value })} />
      </label>
      <fieldset class="field">
        <legend>{t("communities.whoSees")}</legend>
        {TYPES.map((type) => (
          <label key={type} class="radio">
            <input type="radio" name="ctype" checked={f.type === type} onChange={() => setF({ ...f, type })} />
            <span>
              <strong>{typeLabel(type)}</strong> <span class="muted">{typeHint(type)}</span>
            </span>
          </label>
        ))}
      </fieldset>
      {f.type === "restricted" && (
        <label class="check">
          <input type="checkbox" checked={f.listed} onChange={(e) => setF({ ...f, listed: (e.target as HTMLInputElement).checked })} /> {t("communities.listed")}
        </label>
      )}
      <label class="field">
        <span>{t("communities.tags")}</span>
        <input value={f.tags} onInput={(e) => setF({ ...f, tags: (e.target as HTMLInputElement).value })} />
      </label>
      <label class="check">
        <input type="checkbox" checked={f.archived} onChange={(e) => setF({ ...f, archived: (e.target as HTMLInputElement).checked })} /> {t("communities.archivedReadOnly")}
      </label>
      {error && (
        <p class="form-error" role="alert">
          {error}
        </p>
      )}
      <div class="row-end">
        <button type="button" class="btn btn-danger" onClick={() => setConfirmDelete(true)}>
          {t("communities.delete")}
        </button>
        <button type="submit" class="btn btn-primary" disabled={busy}>
          {busy ? t("communities.saving") : t("communities.saveSettings")}
        </button>
      </div>
      {confirmDelete && (
        <Dialog title={t("communities.deleteTitle", { name: community.name })} onClose={() => setConfirmDelete(false)}>
          <p>{t("communities.deleteExplain")}</p>
          <div class="row-end">
            <button type="button" class="btn btn-secondary" onClick={() => setConfirmDelete(false)}>
              {t("common.cancel")}
            </button>
            <button type="button" class="btn btn-danger" onClick={remove}>
              {t("common.delete")}
            </button>
          </div>
        </Dialog>
      )}
    </form>
  );
}
