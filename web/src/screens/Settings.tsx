// The reader's own settings: profile items, photo, follow approval, e-mail,
// notifications on this device (Web Push), the feed token of blog feeds,
// their external blog, filters, the tags they follow, follow requests, and
// the people they blocked or muted.

import { useEffect, useState } from "preact/hooks";
import { AccountList } from "../components/AccountList";
import { EmailPreferences } from "../components/EmailPreferences";
import { PushSettings } from "../components/PushSettings";
import { FeedTokenSettings } from "../components/FeedToken";
import { ExternalFeeds } from "../components/ExternalFeeds";
import { ThemeSettings } from "../components/ThemeSettings";
import { FilterSettings } from "../components/FilterSettings";
import { FollowedTags } from "../components/FollowedTags";
import { PageHeader } from "../components/PageHeader";
import { Avatar, Banner, Empty, ErrorBox, FormFooter, Spinner, useAsync, useTitle } from "../components/ui";
import { api, errorMessage } from "../lib/api";
import { profileUpdateBody, type FieldRow, type ProfileFormValues } from "../lib/profileForm";
import type { Account, FollowApproval, Profile } from "../lib/types";
import { isAdmin, me, signOut, toast } from "../state";
import { Icon } from "../components/icons";

export function SettingsScreen() {
  useTitle("Settings");
  return (
    <div class="page">
      <PageHeader title="Settings" />
      <MoreMenu />
      <ProfileForm />
      <ThemeSettings />
      <PasswordForm />
      <EmailPreferences />
      <PushSettings />
      <FeedTokenSettings />
      <ExternalFeeds />
      <FilterSettings />
      <FollowedTags />
      <FollowRequests />
      <PeopleList title="Blocked people" path="/api/v1/blocks" action="unblock" verb="Unblock" empty="You have not blocked anyone." />
      <PeopleList title="Muted people" path="/api/v1/mutes" action="unmute" verb="Unmute" empty="You have not muted anyone." />
    </div>
  );
}

// Changing one's own password ends every other session and app token.
function PasswordForm() {
  const [current, setCurrent] = useState("");
  const [next, setNext] = useState("");
  const [repeat, setRepeat] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  async function save(e: Event) {
    e.preventDefault();
    if (next !== repeat) {
      setError("The new password and its repetition differ.");
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await api("/api/v1/atrium/password", { method: "POST", body: { current_password: current, password: next } });
      setCurrent("");
      setNext("");
      setRepeat("");
      toast("Password changed. Your other sessions and apps are signed out.");
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  }
  return (
    <form class="card form settings-form" onSubmit={save} aria-labelledby="password-h">
      <h2 id="password-h">Password</h2>
      <p class="muted">Changing it signs you out everywhere else: other browsers and apps.</p>
      <label class="field">
        <span>Current password</span>
        <input type="password" autocomplete="current-password" required value={current} onInput={(e) => setCurrent((e.target as HTMLInputElement).value)} />
      </label>
      <label class="field">
        <span>New password (at least 8 characters)</span>
        <input type="password" autocomplete="new-password" required minLength={8} value={next} onInput={(e) => setNext((e.target as HTMLInputElement).value)} />
      </label>
      <label class="field">
        <span>New password again</span>
        <input type="password" autocomplete="new-password" required minLength={8} value={repeat} onInput={(e) => setRepeat((e.target as HTMLInputElement).value)} />
      </label>
      <FormFooter error={error} busy={busy} submit="Change password" busyLabel="Changing…" />
    </form>
  );
}

function ProfileForm() {
  const data = useAsync(async (signal) => {
    const account = await api<Account>("/api/v1/accounts/verify_credentials", { signal });
    const profile = await api<Profile>(`/api/v1/atrium/profiles/${account.id}`, { signal });
    return { account, profile };
  }, []);
  const [f, setF] = useState<ProfileFormValues | null>(null);
  const [busy, setBusy] = useState(false);
  const [uploading, setUploading] = useState(false);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (!data.data) return;
    const { account, profile } = data.data;
    const fields = (account.source?.fields ?? []).map((x) => ({ name: x.name, value: x.value }));
    setF({
      display_name: account.display_name,
      note: account.source?.note ?? profile.about ?? "",
      pronouns: profile.pronouns ?? "",
      follow_approval: account.source?.follow_approval ?? (account.locked ? "everyone" : "off"),
      expertise: profile.expertise.map((e) => e.tag).join(", "),
      fields: fields.length ? fields : [{ name: "", value: "" }],
    });
  }, [data.data]);

  if (data.loading && !data.data) return <Spinner label="Loading your profile…" />;
  if (data.error) return <ErrorBox error={data.error} onRetry={data.reload} />;
  if (!f || !data.data) return null;
  const form = f;
  // The directory's name is the person's name: read-only here.
  const nameFromDirectory = data.data.profile.directory.managed === true;

  async function save(e: Event) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const body = profileUpdateBody(form, nameFromDirectory);
      const account = await api<Account>("/api/v1/accounts/update_credentials", { method: "PATCH", body });
      me.value = account;
      toast("Profile saved");
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  }

  // Replaces (a file) or removes (null) the photo or the header image.
  async function picture(kind: "avatar" | "header", file: File | null) {
    setUploading(true);
    try {
      let account: Account;
      if (file) {
        const fd = new FormData();
        fd.append(kind, file);
        account = await api<Account>("/api/v1/accounts/update_credentials", { method: "PATCH", body: fd });
      } else {
        account = await api<Account>(`/api/v1/profile/${kind}`, { method: "DELETE" });
      }
      me.value = account;
      const what = kind === "avatar" ? "Photo" : "Header image";
      toast(file ? `${what} updated` : `${what} removed`);
    } catch (err) {
      toast(errorMessage(err), "error");
    } finally {
      setUploading(false);
    }
  }
  const pick = (kind: "avatar" | "header") => (e: Event) => {
    const input = e.target as HTMLInputElement;
    const file = input.files?.[0];
    input.value = "";
    if (file) picture(kind, file);
  };
  const hasPhoto = !!me.value && !me.value.avatar.includes("/avatars/original/missing.png");
  const hasHeader = !!me.value?.header && !me.value.header.includes("/headers/original/missing.png");

  const setField = (i: number, k: keyof FieldRow, v: string) => setF({ ...form, fields: form.fields.map((x, j) => (j === i ? { ...x, [k]: v } : x)) });

  return (
    <form class="card form settings-form" onSubmit={save} aria-labelledby="profile-h">
      <h2 id="profile-h">Your profile</h2>
      <p class="muted">
        {nameFromDirectory ? "Your name, title" : "Your title"}, department, manager and contact details come from the directory; ask your administrator to change them.
      </p>
      <div class="photo-row">
        {me.value && <Avatar account={me.value} size={72} />}
        <label class="btn btn-secondary">
          {uploading ? "Uploading…" : "Change photo"}
          <input type="file" accept="image/png,image/jpeg,image/gif,image/webp" class="sr-only" disabled={uploading} onChange={pick("avatar")} />
        </label>
        {hasPhoto && (
          <button type="button" class="btn btn-secondary" disabled={uploading} onClick={() => picture("avatar", null)}>
            Remove photo
          </button>
        )}
        <span class="muted">PNG, JPEG, GIF or WebP, at most 512 KiB.</span>
      </div>
      <div class="field">
        <span>Header image</span>
        {me.value && <Banner class="profile-banner settings-banner" url={me.value.header} />}
        <div class="picture-row">
          <label class="btn btn-secondary">
            {uploading ? "Uploading…" : hasHeader ? "Change header image" : "Add a header image"}
            <input type="file" accept="image/png,image/jpeg,image/gif,image/webp" class="sr-only" disabled={uploading} onChange={pick("header")} />
          </label>
          {hasHeader && (
            <button type="button" class="btn btn-secondary" disabled={uploading} onClick={() => picture("header", null)}>
              Remove header image
            </button>
          )}
          <span class="muted">A wide picture above your profile, at most 8 MiB; its location and camera details are removed.</span>
        </div>
      </div>
      <label class="field">
        <span>Display name</span>
        {nameFromDirectory ? (
          <input value={form.display_name} readOnly aria-describedby="display-name-note" />
        ) : (
          <input value={form.display_name} onInput={(e) => setF({ ...form, display_name: (e.target as HTMLInputElement).value })} />
        )}
        {nameFromDirectory && (
          <small id="display-name-note" class="muted">
            Your name comes from the organization's directory.
          </small>
        )}
      </label>
      <label class="field">
        <span>Pronouns</span>
        <input value={form.pronouns} onInput={(e) => setF({ ...form, pronouns: (e.target as HTMLInputElement).value })} />
      </label>
      <label class="field">
        <span>About you (Markdown)</span>
        <textarea rows={4} value={form.note} onInput={(e) => setF({ ...form, note: (e.target as HTMLTextAreaElement).value })} />
      </label>
      <label class="field">
        <span>Expertise</span>
        <input value={form.expertise} placeholder="sql, forecasting, negotiation" onInput={(e) => setF({ ...form, expertise: (e.target as HTMLInputElement).value })} />
      </label>
      <fieldset class="field">
        <legend>Links and other items</legend>
        {form.fields.map((x, i) => (
          <div key={i} class="field-pair">
            <input aria-label={`Item ${i + 1} label`} placeholder="Label" value={x.name} onInput={(e) => setField(i, "name", (e.target as HTMLInputElement).value)} />
            <input aria-label={`Item ${i + 1} content`} placeholder="https://…" value={x.value} onInput={(e) => setField(i, "value", (e.target as HTMLInputElement).value)} />
          </div>
        ))}
        {form.fields.length < 4 && (
          <button type="button" class="btn btn-small btn-secondary" onClick={() => setF({ ...form, fields: [...form.fields, { name: "", value: "" }] })}>
            Add an item
          </button>
        )}
      </fieldset>
      <fieldset class="field">
        <legend>Approve followers</legend>
        {FOLLOW_APPROVAL_CHOICES.map((c) => (
          <label class="check" key={c.value}>
            <input
              type="radio"
              name="follow_approval"
              value={c.value}
              checked={form.follow_approval === c.value}
              onChange={() => setF({ ...form, follow_approval: c.value })}
            />
            <span>
              <strong>{c.label}</strong> <span class="muted">{c.hint}</span>
            </span>
          </label>
        ))}
      </fieldset>
      <FormFooter error={error} busy={busy} submit="Save profile" busyLabel="Saving…" />
    </form>
  );
}

const FOLLOW_APPROVAL_CHOICES: { value: FollowApproval; label: string; hint: string }[] = [
  { value: "off", label: "No one", hint: "Anyone in the organization can follow you." },
  { value: "management_chain", label: "My management chain", hint: "Your manager, their manager and everyone above ask to follow you; you decide. Others follow at once." },
  { value: "everyone", label: "Everyone", hint: "People ask to follow you; you decide." },
];

function FollowRequests() {
  const r = useAsync((signal) => api<Account[]>("/api/v1/follow_requests", { signal }), []);
  async function decide(a: Account, approve: boolean) {
    try {
      await api(`/api/v1/follow_requests/${a.id}/${approve ? "authorize" : "reject"}`, { method: "POST", body: {} });
      r.set((r.data ?? []).filter((x) => x.id !== a.id));
      toast(approve ? `${a.display_name || a.username} now follows you` : "Request declined");
    } catch (e) {
      toast(errorMessage(e), "error");
    }
  }
  return (
    <section class="card list-card" aria-labelledby="requests-h">
      <h2 id="requests-h">Follow requests</h2>
      {r.loading && !r.data ? (
        <Spinner />
      ) : r.error ? (
        <ErrorBox error={r.error} onRetry={r.reload} />
      ) : r.data && r.data.length ? (
        <AccountList accounts={r.data} label="Follow requests">
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
      ) : (
        <p class="muted">No one is waiting. When you approve followers, new requests appear here and in Notifications.</p>
      )}
    </section>
  );
}

function PeopleList({ title, path, action, verb, empty }: { title: string; path: string; action: string; verb: string; empty: string }) {
  const r = useAsync((signal) => api<Account[]>(path, { signal, query: { limit: 80 } }), [path]);
  async function undo(a: Account) {
    try {
      await api(`/api/v1/accounts/${a.id}/${action}`, { method: "POST", body: {} });
      r.set((r.data ?? []).filter((x) => x.id !== a.id));
      toast(`${verb}ed ${a.display_name || a.username}`);
    } catch (e) {
      toast(errorMessage(e), "error");
    }
  }
  const id = title.toLowerCase().replace(/\s+/g, "-");
  return (
    <section class="card list-card" aria-labelledby={id}>
      <h2 id={id}>{title}</h2>
      {r.loading && !r.data ? (
        <Spinner />
      ) : r.error ? (
        <ErrorBox error={r.error} onRetry={r.reload} />
      ) : r.data && r.data.length ? (
        <AccountList accounts={r.data} label={title}>
          {(a) => (
            <button type="button" class="btn btn-small btn-secondary" onClick={() => undo(a)} aria-label={`${verb} ${a.display_name || a.username}`}>
              {verb}
            </button>
          )}
        </AccountList>
      ) : (
        <Empty icon="people" title={empty} />
      )}
    </section>
  );
}

/** On phones: the places the bottom bar has no room for. */
function MoreMenu() {
  const account = me.value;
  if (!account) return null;
  return (
    <nav class="card more-menu" aria-label="More">
      <ul>
        <li>
          <a href={`/people/${account.id}`}>
            <Avatar account={account} size={24} /> Your profile
          </a>
        </li>
        <li>
          <a href="/organization">
            <Icon name="globe" /> Organization stream
          </a>
        </li>
        <li>
          <a href="/bookmarks">
            <Icon name="bookmark" /> Bookmarks
          </a>
        </li>
        <li>
          <a href="/favourites">
            <Icon name="heart" /> Liked posts
          </a>
        </li>
        <li>
          <a href="/lists">
            <Icon name="list" /> Lists
          </a>
        </li>
        {isAdmin(account) && (
          <li>
            <a href="/admin">
              <Icon name="shield" /> Admin
            </a>
          </li>
        )}
        <li>
          <button type="button" onClick={signOut}>
            <Icon name="logout" /> Sign out
          </button>
        </li>
      </ul>
    </nav>
  );
}
