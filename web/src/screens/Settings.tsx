// The reader's own settings: profile items, photo, follow approval, e-mail,
// notifications on this device (Web Push), the feed token of blog feeds,
// their external blog, filters, the tags they follow, follow requests, the
// people they blocked or muted, and the language of the client.

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
import { LANGUAGES, language, pickLanguage, rememberLanguage, setLanguage, t } from "../i18n";

export function SettingsScreen() {
  useTitle(t("settings.title"));
  return (
    <div class="page">
      <PageHeader title={t("settings.title")} />
      <MoreMenu />
      <ProfileForm />
      <ThemeSettings />
      <LanguageSettings />
      <PasswordForm />
      <EmailPreferences />
      <PushSettings />
      <FeedTokenSettings />
      <ExternalFeeds />
      <FilterSettings />
      <FollowedTags />
      <FollowRequests />
      <PeopleList kind="blocks" />
      <PeopleList kind="mutes" />
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
      setError(t("settings.passwordsDiffer"));
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await api("/api/v1/atrium/password", { method: "POST", body: { current_password: current, password: next } });
      setCurrent("");
      setNext("");
      setRepeat("");
      toast(t("settings.passwordChanged"));
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  }
  return (
    <form class="card form settings-form" onSubmit={save} aria-labelledby="password-h">
      <h2 id="password-h">{t("settings.password")}</h2>
      <p class="muted">{t("settings.passwordHint")}</p>
      <label class="field">
        <span>{t("settings.currentPassword")}</span>
        <input type="password" autocomplete="current-password" required value={current} onInput={(e) => setCurrent((e.target as HTMLInputElement).value)} />
      </label>
      <label class="field">
        <span>{t("settings.newPassword")}</span>
        <input type="password" autocomplete="new-password" required minLength={8} value={next} onInput={(e) => setNext((e.target as HTMLInputElement).value)} />
      </label>
      <label class="field">
        <span>{t("settings.newPasswordAgain")}</span>
        <input type="password" autocomplete="new-password" required minLength={8} value={repeat} onInput={(e) => setRepeat((e.target as HTMLInputElement).value)} />
      </label>
      <FormFooter error={error} busy={busy} submit={t("settings.changePassword")} busyLabel={t("settings.changing")} />
    </form>
  );
}

/** The shape of a link, the same in every language. */
const URL_EXAMPLE = "https://…";

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

  if (data.loading && !data.data) return <Spinner label={t("settings.loadingProfile")} />;
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
      toast(t("settings.profileSaved"));
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
      if (kind === "avatar") toast(file ? t("settings.photoUpdated") : t("settings.photoRemoved"));
      else toast(file ? t("settings.headerUpdated") : t("settings.headerRemoved"));
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
      <h2 id="profile-h">{t("settings.yourProfile")}</h2>
      <p class="muted">{nameFromDirectory ? t("settings.fromDirectoryWithName") : t("settings.fromDirectory")}</p>
      <div class="photo-row">
        {me.value && <Avatar account={me.value} size={72} />}
        <label class="btn btn-secondary">
          {uploading ? t("settings.uploading") : t("settings.changePhoto")}
          <input type="file" accept="image/png,image/jpeg,image/gif,image/webp" class="sr-only" disabled={uploading} onChange={pick("avatar")} />
        </label>
        {hasPhoto && (
          <button type="button" class="btn btn-secondary" disabled={uploading} onClick={() => picture("avatar", null)}>
            {t("settings.removePhoto")}
          </button>
        )}
        <span class="muted">{t("settings.photoHint")}</span>
      </div>
      <div class="field">
        <span>{t("settings.headerImage")}</span>
        {me.value && <Banner class="profile-banner settings-banner" url={me.value.header} />}
        <div class="picture-row">
          <label class="btn btn-secondary">
            {uploading ? t("settings.uploading") : hasHeader ? t("settings.changeHeader") : t("settings.addHeader")}
            <input type="file" accept="image/png,image/jpeg,image/gif,image/webp" class="sr-only" disabled={uploading} onChange={pick("header")} />
          </label>
          {hasHeader && (
            <button type="button" class="btn btn-secondary" disabled={uploading} onClick={() => picture("header", null)}>
              {t("settings.removeHeader")}
            </button>
          )}
          <span class="muted">{t("settings.headerHint")}</span>
        </div>
      </div>
      <label class="field">
        <span>{t("settings.displayName")}</span>
        {nameFromDirectory ? (
          <input value={form.display_name} readOnly aria-describedby="display-name-note" />
        ) : (
          <input value={form.display_name} onInput={(e) => setF({ ...form, display_name: (e.target as HTMLInputElement).value })} />
        )}
        {nameFromDirectory && (
          <small id="display-name-note" class="muted">
            {t("settings.nameFromDirectory")}
          </small>
        )}
      </label>
      <label class="field">
        <span>{t("settings.pronouns")}</span>
        <input value={form.pronouns} onInput={(e) => setF({ ...form, pronouns: (e.target as HTMLInputElement).value })} />
      </label>
      <label class="field">
        <span>{t("settings.about")}</span>
        <textarea rows={4} value={form.note} onInput={(e) => setF({ ...form, note: (e.target as HTMLTextAreaElement).value })} />
      </label>
      <label class="field">
        <span>{t("settings.expertise")}</span>
        <input value={form.expertise} placeholder={t("settings.expertisePlaceholder")} onInput={(e) => setF({ ...form, expertise: (e.target as HTMLInputElement).value })} />
      </label>
      <fieldset class="field">
        <legend>{t("settings.items")}</legend>
        {form.fields.map((x, i) => (
          <div key={i} class="field-pair">
            <input aria-label={t("settings.itemLabel", { n: i + 1 })} placeholder={t("settings.label")} value={x.name} onInput={(e) => setField(i, "name", (e.target as HTMLInputElement).value)} />
            <input aria-label={t("settings.itemContent", { n: i + 1 })} placeholder={URL_EXAMPLE} value={x.value} onInput={(e) => setField(i, "value", (e.target as HTMLInputElement).value)} />
          </div>
        ))}
        {form.fields.length < 4 && (
          <button type="button" class="btn btn-small btn-secondary" onClick={() => setF({ ...form, fields: [...form.fields, { name: "", value: "" }] })}>
            {t("settings.addItem")}
          </button>
        )}
      </fieldset>
      <fieldset class="field">
        <legend>{t("settings.approveFollowers")}</legend>
        {followApprovalChoices().map((c) => (
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
      <FormFooter error={error} busy={busy} submit={t("settings.saveProfile")} busyLabel={t("settings.saving")} />
    </form>
  );
}

const followApprovalChoices = (): { value: FollowApproval; label: string; hint: string }[] => [
  { value: "off", label: t("settings.approvalOff"), hint: t("settings.approvalOffHint") },
  { value: "management_chain", label: t("settings.approvalChain"), hint: t("settings.approvalChainHint") },
  { value: "everyone", label: t("settings.approvalEveryone"), hint: t("settings.approvalEveryoneHint") },
];

function FollowRequests() {
  const r = useAsync((signal) => api<Account[]>("/api/v1/follow_requests", { signal }), []);
  async function decide(a: Account, approve: boolean) {
    try {
      await api(`/api/v1/follow_requests/${a.id}/${approve ? "authorize" : "reject"}`, { method: "POST", body: {} });
      r.set((r.data ?? []).filter((x) => x.id !== a.id));
      toast(approve ? t("settings.nowFollowsYou", { name: a.display_name || a.username }) : t("settings.requestDeclined"));
    } catch (e) {
      toast(errorMessage(e), "error");
    }
  }
  return (
    <section class="card list-card" aria-labelledby="requests-h">
      <h2 id="requests-h">{t("settings.followRequests")}</h2>
      {r.loading && !r.data ? (
        <Spinner />
      ) : r.error ? (
        <ErrorBox error={r.error} onRetry={r.reload} />
      ) : r.data && r.data.length ? (
        <AccountList accounts={r.data} label={t("settings.followRequests")}>
          {(a) => (
            <>
              <button type="button" class="btn btn-small btn-primary" onClick={() => decide(a, true)} aria-label={t("settings.approveName", { name: a.display_name || a.username })}>
                {t("settings.approve")}
              </button>
              <button type="button" class="btn btn-small btn-secondary" onClick={() => decide(a, false)} aria-label={t("settings.declineName", { name: a.display_name || a.username })}>
                {t("settings.decline")}
              </button>
            </>
          )}
        </AccountList>
      ) : (
        <p class="muted">{t("settings.noRequests")}</p>
      )}
    </section>
  );
}

// The people the reader blocked or muted, each with the way back.
function PeopleList({ kind }: { kind: "blocks" | "mutes" }) {
  const blocks = kind === "blocks";
  const path = `/api/v1/${kind}`;
  const action = blocks ? "unblock" : "unmute";
  const title = blocks ? t("settings.blockedPeople") : t("settings.mutedPeople");
  const r = useAsync((signal) => api<Account[]>(path, { signal, query: { limit: 80 } }), [path]);
  async function undo(a: Account) {
    try {
      await api(`/api/v1/accounts/${a.id}/${action}`, { method: "POST", body: {} });
      r.set((r.data ?? []).filter((x) => x.id !== a.id));
      toast(blocks ? t("settings.unblocked", { name: a.display_name || a.username }) : t("settings.unmuted", { name: a.display_name || a.username }));
    } catch (e) {
      toast(errorMessage(e), "error");
    }
  }
  const id = blocks ? "blocked-people" : "muted-people";
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
            <button type="button" class="btn btn-small btn-secondary" onClick={() => undo(a)} aria-label={blocks ? t("settings.unblockName", { name: a.display_name || a.username }) : t("settings.unmuteName", { name: a.display_name || a.username })}>
              {blocks ? t("settings.unblock") : t("settings.unmute")}
            </button>
          )}
        </AccountList>
      ) : (
        <Empty icon="people" title={blocks ? t("settings.noBlocks") : t("settings.noMutes")} />
      )}
    </section>
  );
}

/** On phones: the places the bottom bar has no room for. */
function MoreMenu() {
  const account = me.value;
  if (!account) return null;
  return (
    <nav class="card more-menu" aria-label={t("settings.more")}>
      <ul>
        <li>
          <a href={`/people/${account.id}`}>
            <Avatar account={account} size={24} /> {t("settings.yourProfileLink")}
          </a>
        </li>
        <li>
          <a href="/organization">
            <Icon name="globe" /> {t("settings.organizationStream")}
          </a>
        </li>
        <li>
          <a href="/bookmarks">
            <Icon name="bookmark" /> {t("settings.bookmarks")}
          </a>
        </li>
        <li>
          <a href="/favourites">
            <Icon name="heart" /> {t("settings.likedPosts")}
          </a>
        </li>
        <li>
          <a href="/lists">
            <Icon name="list" /> {t("settings.lists")}
          </a>
        </li>
        {isAdmin(account) && (
          <li>
            <a href="/admin">
              <Icon name="shield" /> {t("settings.admin")}
            </a>
          </li>
        )}
        <li>
          <button type="button" onClick={signOut}>
            <Icon name="logout" /> {t("settings.signOut")}
          </button>
        </li>
      </ul>
    </nav>
  );
}

interface InterfacePrefs {
  language: string | null;
}

/** The language the browser asks for, among those the client speaks. */
function browserLanguage(): string {
  return pickLanguage(navigator.languages ?? [navigator.language]);
}

/**
 * The language of the client: the browser's, or one chosen here. A choice
 * switches the client at once, is kept in this browser and stored on the
 * account (PATCH /api/v1/atrium/preferences/interface), so that every
 * browser the member signs in to speaks it; a refusal brings back the
 * language that was saved.
 */
export function LanguageSettings() {
  const r = useAsync((signal) => api<InterfacePrefs>("/api/v1/atrium/preferences/interface", { signal }), []);
  const [busy, setBusy] = useState(false);
  const nameOf = (tag: string) => LANGUAGES.find((l) => l.tag === tag)?.name ?? tag;
  async function change(tag: string) {
    const before = r.data;
    r.set({ language: tag || null });
    setBusy(true);
    try {
      await setLanguage(tag || browserLanguage());
      rememberLanguage(tag);
      r.set(await api<InterfacePrefs>("/api/v1/atrium/preferences/interface", { method: "PATCH", body: { language: tag } }));
      toast(t("settings.languageSaved"));
    } catch (e) {
      const saved = before?.language ?? "";
      if (before) r.set(before);
      rememberLanguage(saved);
      await setLanguage(saved || browserLanguage()).catch(() => undefined);
      toast(errorMessage(e), "error");
    } finally {
      setBusy(false);
    }
  }
  return (
    <section class="card form settings-form" aria-labelledby="language-h">
      <h2 id="language-h">{t("settings.language")}</h2>
      {r.loading && !r.data ? (
        <Spinner />
      ) : r.error ? (
        <ErrorBox error={r.error} onRetry={r.reload} />
      ) : (
        <label class="field">
          <span>{t("settings.languageLabel")}</span>
          <select name="language" value={r.data?.language ?? ""} disabled={busy} onChange={(e) => change((e.target as HTMLSelectElement).value)}>
            <option value="">{t("settings.languageBrowser", { current: nameOf(browserLanguage()) })}</option>
            {LANGUAGES.map((l) => (
              <option key={l.tag} value={l.tag} lang={l.tag}>
                {l.name}
              </option>
            ))}
          </select>
        </label>
      )}
      <p class="muted" data-testid="language-now">
        {t("settings.languageNow", { name: nameOf(language.value) })}
      </p>
    </section>
  );
}
