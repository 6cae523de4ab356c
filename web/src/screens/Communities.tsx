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

const typeLabel: Record<CommunityType, string> = {
  public: "Public",
  moderated: "Moderated",
  restricted: "Restricted",
};
const typeHint: Record<CommunityType, string> = {
  public: "Everyone sees its posts; anyone may join.",
  moderated: "Everyone sees its posts; joining needs an owner's or moderator's approval.",
  restricted: "Only members see its posts; people join by invitation or approved request.",
};

/** The text of rendered HTML, for a one-line summary. */
function plainText(html: string): string {
  return new DOMParser().parseFromString(html || "", "text/html").body.textContent?.trim() ?? "";
}

function CommunityAvatar({ c, size = 48 }: { c: Pick<Community, "id" | "name" | "handle" | "avatar">; size?: number }) {
  return <Avatar account={{ id: c.id, display_name: c.name, username: c.handle, avatar: c.avatar ?? "" }} size={size} />;
}

function TypeBadge({ c }: { c: Community }) {
  return (
    <span class={`type-badge type-${c.type}`} title={typeHint[c.type]}>
      {c.type === "restricted" && <Icon name="lock" size={12} />} {typeLabel[c.type]}
      {c.type === "restricted" && !c.listed ? ", unlisted" : ""}
      {c.archived ? " · archived" : ""}
    </span>
  );
}

export function CommunitiesScreen() {
  useTitle("Communities");
  const { query } = useLocation();
  const mine = query.get("mine") === "true";
  const [q, setQ] = useState(query.get("q") ?? "");
  const [applied, setApplied] = useState(q);
  const [creating, setCreating] = useState(false);
  const { items, next, loading, error, load } = usePagedList<Community>("/api/v1/atrium/communities", 20, { q: applied, mine: mine || undefined }, (page) =>
    page.forEach((c) => rememberTags(c.tags ?? [])),
  );
  useEffect(() => {
    const t = setTimeout(() => setApplied(q.trim()), 300);
    return () => clearTimeout(t);
  }, [q]);

  return (
    <div class="page">
      <PageHeader title="Communities" subtitle="Teams, practices and projects: where groups share.">
        <button type="button" class="btn btn-primary" onClick={() => setCreating(true)}>
          <Icon name="plus" size={18} /> New community
        </button>
      </PageHeader>
      <Tabs
        label="Which communities"
        value={mine ? "mine" : "all"}
        tabs={[
          { id: "all", label: "Discover", href: "/communities" },
          { id: "mine", label: "My communities", href: "/communities?mine=true" },
        ]}
      />
      <form class="card search-card" role="search" onSubmit={(e) => e.preventDefault()}>
        <input type="search" placeholder="Search communities by name, description or tag" aria-label="Search communities" value={q} onInput={(e) => setQ((e.target as HTMLInputElement).value)} />
      </form>
      {error != null && <ErrorBox error={error} onRetry={() => load()} />}
      {loading && items.length === 0 && <Spinner label="Loading communities…" />}
      {!loading && !error && items.length === 0 && (
        <Empty
          icon="community"
          title={applied ? "No community matches" : mine ? "You have not joined a community yet" : "No communities yet"}
          hint={applied ? "Try another word or a tag." : "Start one for your team or project with New community."}
        />
      )}
      <ul class="community-grid" aria-label="Communities">
        {items.map((c) => (
          <li key={c.id} class="card community-card">
            <a href={`/communities/${c.id}`} class="community-link">
              <CommunityAvatar c={c} />
              <span>
                <strong class="community-name">{c.name}</strong>
                <span class="muted">
                  {c.members_count} {c.members_count === 1 ? "member" : "members"}
                </span>
              </span>
            </a>
            <TypeBadge c={c} />
            <p class="community-desc">{plainText(c.description_html).slice(0, 160)}</p>
            {c.role && <span class="chip chip-role">You are {c.role === "member" ? "a member" : `an ${c.role}`.replace("an moderator", "a moderator")}</span>}
            {c.pending && <span class="chip">{c.pending === "invited" ? "Invited" : "Request pending"}</span>}
          </li>
        ))}
      </ul>
      {next && !loading && (
        <div class="load-more">
          <button type="button" class="btn btn-secondary" onClick={() => load(next)}>
            Show more communities
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
    const t = e.target as HTMLInputElement;
    setF({ ...f, [k]: t.type === "checkbox" ? t.checked : t.value });
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
          tags: f.tags.split(/[\s,]+/).map((t) => t.replace(/^#/, "")).filter(Boolean),
        },
      });
      toast(`${c.name} is ready`);
      onClose();
      navigate(`/communities/${c.id}`);
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  }
  return (
    <Dialog title="New community" onClose={onClose}>
      <form class="form" onSubmit={submit}>
        <label class="field">
          <span>Name</span>
          <input required value={f.name} onInput={set("name")} autoFocus />
        </label>
        <div class="field">
          <label for="community-handle">
            <span>Handle</span>
          </label>
          <input id="community-handle" value={f.handle} onInput={set("handle")} pattern="[A-Za-z0-9_]{1,30}" placeholder="letters, digits and _" aria-describedby="handle-hint" />
          <small id="handle-hint" class="muted">
            Used in links; made from the name if left empty.
          </small>
        </div>
        <label class="field">
          <span>Description</span>
          <textarea rows={3} value={f.description} onInput={set("description")} />
        </label>
        <fieldset class="field">
          <legend>Who sees and who joins</legend>
          {(Object.keys(typeLabel) as CommunityType[]).map((t) => (
            <label key={t} class="radio">
              <input type="radio" name="type" value={t} checked={f.type === t} onChange={() => setF({ ...f, type: t })} />
              <span>
                <strong>{typeLabel[t]}</strong> <span class="muted">{typeHint[t]}</span>
              </span>
            </label>
          ))}
        </fieldset>
        {f.type === "restricted" && (
          <label class="check">
            <input type="checkbox" checked={f.listed} onChange={set("listed")} /> Listed in the directory (its name and description, not its posts)
          </label>
        )}
        <label class="field">
          <span>Tags</span>
          <input value={f.tags} onInput={set("tags")} placeholder="data, analytics" />
        </label>
        <FormFooter error={error} busy={busy} submit="Create community" busyLabel="Creating…" onCancel={onClose} />
      </form>
    </Dialog>
  );
}

export function CommunityScreen({ id, tab }: { id: string; tab: string }) {
  const c = useAsync((signal) => api<Community>(`/api/v1/atrium/communities/${id}`, { signal }), [id]);
  useTitle(c.data?.name ?? "Community");
  const [busy, setBusy] = useState(false);

  if (c.loading && !c.data) return <Spinner label="Loading the community…" />;
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
      <button type="button" class="btn btn-secondary" disabled={busy} onClick={() => act("leave", `You left ${community.name}`)}>
        Leave
      </button>
    );
  else if (community.pending === "invited")
    membership = (
      <>
        <button type="button" class="btn btn-primary" disabled={busy} onClick={() => act("join", `Welcome to ${community.name}`)}>
          Accept invitation
        </button>
        <button type="button" class="btn btn-secondary" disabled={busy} onClick={() => act("leave", "Invitation declined")}>
          Decline
        </button>
      </>
    );
  else if (community.pending === "requested")
    membership = (
      <button type="button" class="btn btn-secondary" disabled={busy} onClick={() => act("leave", "Request withdrawn")}>
        Request pending · Withdraw
      </button>
    );
  else if (!community.archived)
    membership =
      community.type === "public" ? (
        <button type="button" class="btn btn-primary" disabled={busy} onClick={() => act("join", `Welcome to ${community.name}`)}>
          Join
        </button>
      ) : (
        <button type="button" class="btn btn-primary" disabled={busy} onClick={() => act("join", "Your request to join is sent")}>
          Request to join
        </button>
      );

  const tabs = [
    { id: "stream", label: "Posts", href: `/communities/${id}` },
    { id: "members", label: "Members", href: `/communities/${id}/members` },
  ];
  if (manager && community.type !== "public") tabs.push({ id: "requests", label: "Requests", href: `/communities/${id}/requests` });
  if (manager) tabs.push({ id: "invite", label: "Invite", href: `/communities/${id}/invite` });
  if (manager) tabs.push({ id: "log", label: "Moderation log", href: `/communities/${id}/log` });
  if (owner) tabs.push({ id: "settings", label: "Settings", href: `/communities/${id}/settings` });

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
              <TypeBadge c={community} /> · {community.members_count} {community.members_count === 1 ? "member" : "members"}
              {community.role && <> · you are {community.role === "member" ? "a member" : community.role === "owner" ? "an owner" : "a moderator"}</>}
              {canSeePosts && (
                <>
                  {" · "}
                  <a href={`/blogs?community=${id}`} class="feed-link">
                    Blog entries
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
          <ul class="chips" aria-label="Tags">
            {community.tags.map((t) => (
              <li key={t} class="chip">
                <a href={`/tags/${encodeURIComponent(t)}`}>#{t}</a>
              </li>
            ))}
          </ul>
        )}
        {manager && <BannerControls community={community} onChange={c.set} />}
      </section>
      <Tabs label="Community sections" tabs={tabs} value={tab} />
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
              emptyHint={community.role ? "Start the conversation: share an update with the community above." : "Join the community to take part."}
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
      toast(file ? "Banner updated" : "Banner removed");
    } catch (e) {
      toast(errorMessage(e), "error");
    } finally {
      setBusy(false);
    }
  }
  return (
    <div class="picture-row">
      <label class="btn btn-small btn-secondary">
        {busy ? "Working…" : community.banner ? "Change banner" : "Add a banner"}
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
          Remove banner
        </button>
      )}
      <span class="muted">A wide picture: PNG, JPEG, GIF or WebP, at most 8 MiB.</span>
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
      toast(`${m.account.display_name || m.account.username} is now ${role === "member" ? "a member" : `an ${role}`.replace("an moderator", "a moderator")}`);
    } catch (e) {
      toast(errorMessage(e), "error");
    }
  }
  async function remove(m: Member) {
    try {
      await api(`/api/v1/atrium/communities/${community.id}/members/${m.account.id}`, { method: "DELETE" });
      setItems((l) => l.filter((x) => x.account.id !== m.account.id));
      toast("Removed from the community");
    } catch (e) {
      toast(errorMessage(e), "error");
    }
  }
  // Membership can change while the page is open (removed, or left elsewhere).
  if (error instanceof ApiError && error.status === 403 && items.length === 0) return <MembersOnly community={community} what="members" />;
  if (error && items.length === 0) return <ErrorBox error={error} onRetry={() => load()} />;
  return (
    <div class="card list-card">
      {loading && items.length === 0 && <Spinner label="Loading members…" />}
      {!loading && items.length === 0 && <Empty icon="people" title="No members to show" />}
      <ul class="account-list" aria-label="Members">
        {items.map((m) => (
          <AccountRow key={m.account.id} account={m.account} sub={m.role === "member" ? undefined : m.role === "owner" ? "Owner" : "Moderator"}>
            {isOwner && m.account.id !== me.value?.id && (
              <select aria-label={`Role of ${m.account.display_name || m.account.username}`} value={m.role} onChange={(e) => setRole(m, (e.target as HTMLSelectElement).value as CommunityRole)}>
                <option value="member">Member</option>
                <option value="moderator">Moderator</option>
                <option value="owner">Owner</option>
              </select>
            )}
            {canManage && m.account.id !== me.value?.id && (isOwner || m.role === "member") && (
              <button type="button" class="btn btn-small btn-secondary" onClick={() => remove(m)} aria-label={`Remove ${m.account.display_name || m.account.username}`}>
                Remove
              </button>
            )}
          </AccountRow>
        ))}
      </ul>
      {next && !loading && (
        <div class="load-more">
          <button type="button" class="btn btn-secondary" onClick={() => load(next)}>
            Show more members
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
      toast(approve ? `${a.display_name || a.username} joined` : "Request declined");
      r.set((r.data ?? []).filter((x) => x.id !== a.id));
      onChange();
    } catch (e) {
      toast(errorMessage(e), "error");
    }
  }
  if (r.loading && !r.data) return <Spinner label="Loading requests…" />;
  if (r.error) return <ErrorBox error={r.error} onRetry={r.reload} />;
  if (!r.data || r.data.length === 0) return <Empty icon="people" title="No requests waiting" hint="People who ask to join appear here for you to approve." />;
  return (
    <div class="card list-card">
      <AccountList accounts={r.data} label="Requests to join">
        {(a) => (
          <>
            <button type="button" class="btn btn-small btn-primary" onClick={() => decide(a, true)} aria-label={`Approve ${a.display_name || a.username}`}>
              Approve
            </button>
            <button type="button" class="btn btn-small btn-secondary" onClick={() => decide(a, false)} aria-label={`Decline ${a.display_name || a.username}`}>
              Decline
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
    const t = setTimeout(() => {
      api<Account[]>("/api/v1/atrium/directory", { query: { q, limit: 8 } }).then(setResults, () => setResults([]));
    }, 250);
    return () => clearTimeout(t);
  }, [q]);
  async function invite(a: Account) {
    try {
      await api(`/api/v1/atrium/communities/${community.id}/invitations`, { method: "POST", body: { account_id: a.id } });
      toast(`Invitation sent to ${a.display_name || a.username}`);
      invited.reload();
    } catch (e) {
      toast(errorMessage(e), "error");
    }
  }
  return (
    <div class="card list-card">
      <label class="field">
        <span>Invite a colleague</span>
        <input type="search" value={q} placeholder="Name" onInput={(e) => setQ((e.target as HTMLInputElement).value)} />
      </label>
      {results.length > 0 && (
        <AccountList accounts={results} label="Matching people">
          {(a) => (
            <button type="button" class="btn btn-small btn-primary" onClick={() => invite(a)} aria-label={`Invite ${a.display_name || a.username}`}>
              Invite
            </button>
          )}
        </AccountList>
      )}
      {invited.data && invited.data.length > 0 && (
        <>
          <h2 class="section-title">Invited, not yet answered</h2>
          <AccountList accounts={invited.data} label="Pending invitations" />
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
        body: { ...f, tags: f.tags.split(/[\s,]+/).map((t) => t.replace(/^#/, "")).filter(Boolean) },
      });
      onSaved(c);
      toast("Settings saved");
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  }
  async function remove() {
    try {
      await api(`/api/v1/atrium/communities/${community.id}`, { method: "DELETE" });
      toast(`${community.name} is deleted`);
      navigate("/communities", true);
    } catch (err) {
      toast(errorMessage(err), "error");
    }
  }
  return (
    <form class="card form settings-form" onSubmit={save}>
      <label class="field">
        <span>Name</span>
        <input required value={f.name} onInput={(e) => setF({ ...f, name: (e.target as HTMLInputElement).value })} />
      </label>
      <label class="field">
        <span>Description</span>
        <textarea rows={4} value={f.description} onInput={(e) => setF({ ...f, description: (e.target as HTMLTextAreaElement).value })} />
      </label>
      <fieldset class="field">
        <legend>Who sees and who joins</legend>
        {(Object.keys(typeLabel) as CommunityType[]).map((t) => (
          <label key={t} class="radio">
            <input type="radio" name="ctype" checked={f.type === t} onChange={() => setF({ ...f, type: t })} />
            <span>
              <strong>{typeLabel[t]}</strong> <span class="muted">{typeHint[t]}</span>
            </span>
          </label>
        ))}
      </fieldset>
      {f.type === "restricted" && (
        <label class="check">
          <input type="checkbox" checked={f.listed} onChange={(e) => setF({ ...f, listed: (e.target as HTMLInputElement).checked })} /> Listed in the directory
        </label>
      )}
      <label class="field">
        <span>Tags</span>
        <input value={f.tags} onInput={(e) => setF({ ...f, tags: (e.target as HTMLInputElement).value })} />
      </label>
      <label class="check">
        <input type="checkbox" checked={f.archived} onChange={(e) => setF({ ...f, archived: (e.target as HTMLInputElement).checked })} /> Archived (read-only)
      </label>
      {error && (
        <p class="form-error" role="alert">
          {error}
        </p>
      )}
      <div class="row-end">
        <button type="button" class="btn btn-danger" onClick={() => setConfirmDelete(true)}>
          Delete community
        </button>
        <button type="submit" class="btn btn-primary" disabled={busy}>
          {busy ? "Saving…" : "Save settings"}
        </button>
      </div>
      {confirmDelete && (
        <Dialog title={`Delete ${community.name}?`} onClose={() => setConfirmDelete(false)}>
          <p>The community and all its posts are deleted for everyone. This cannot be undone.</p>
          <div class="row-end">
            <button type="button" class="btn btn-secondary" onClick={() => setConfirmDelete(false)}>
              Cancel
            </button>
            <button type="button" class="btn btn-danger" onClick={remove}>
              Delete
            </button>
          </div>
        </Dialog>
      )}
    </form>
  );
}
