// Compliance for administrators: the retention policy (how many days posts
// and direct messages are kept, with per-community overrides; empty means
// forever) and legal holds on people and communities (placed with a case
// name, released when the case closes). Every change here is audited.

import { useEffect, useState } from "preact/hooks";
import { PageHeader } from "../components/PageHeader";
import { Empty, ErrorBox, Spinner, useTitle } from "../components/ui";
import { api, del, errorMessage, post, put } from "../lib/api";
import type { Account, Community, LegalHold, RetentionPolicy } from "../lib/types";
import { isAdmin, me, toast } from "../state";
import { NotFound } from "./NotFound";
import { formatDateTime } from "../i18n/format";
import { t } from "../i18n";

// "" for forever, else the number of days.
function daysText(days: number | null): string {
  return days == null ? "" : String(days);
}

// The days typed in a field: null (forever) when empty, a whole number, or undefined when not one.
function parseDays(text: string): number | null | undefined {
  const trimmed = text.trim();
  if (trimmed === "") return null;
  return /^\d+$/.test(trimmed) ? Number(trimmed) : undefined;
}

function keptFor(days: number | null): string {
  return days == null ? t("adminCompliance.forever") : t("adminCompliance.days", { count: days });
}

function RetentionCard() {
  const [policy, setPolicy] = useState<RetentionPolicy | null>(null);
  const [posts, setPosts] = useState("");
  const [direct, setDirect] = useState("");
  const [handle, setHandle] = useState("");
  const [override, setOverride] = useState("");
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  function show(p: RetentionPolicy) {
    setPolicy(p);
    setPosts(daysText(p.posts_days));
    setDirect(daysText(p.direct_days));
  }

  async function load() {
    try {
      show(await api<RetentionPolicy>("/api/v1/atrium/admin/retention"));
      setError(null);
    } catch (e) {
      setError(e);
    }
  }
  useEffect(() => {
    load();
  }, []);

  async function save(e: Event) {
    e.preventDefault();
    const posts_days = parseDays(posts);
    const direct_days = parseDays(direct);
    if (posts_days === undefined || direct_days === undefined) {
      toast(t("adminCompliance.badPeriod"), "error");
      return;
    }
    setBusy(true);
    try {
      show(await put<RetentionPolicy>("/api/v1/atrium/admin/retention", { posts_days, direct_days }));
      toast(t("adminCompliance.policySaved"));
    } catch (err) {
      toast(errorMessage(err), "error");
    } finally {
      setBusy(false);
    }
  }

  async function addOverride(e: Event) {
    e.preventDefault();
    const days = parseDays(override);
    if (days === undefined) {
      toast(t("adminCompliance.badPeriod"), "error");
      return;
    }
    setBusy(true);
    try {
      const community = await api<Community>("/api/v1/atrium/communities/lookup", { query: { handle: handle.trim() } });
      show(await put<RetentionPolicy>(`/api/v1/atrium/admin/retention/communities/${community.id}`, { days }));
      setHandle("");
      setOverride("");
      toast(t("adminCompliance.overrideSet", { name: community.name, period: keptFor(days) }));
    } catch (err) {
      toast(errorMessage(err), "error");
    } finally {
      setBusy(false);
    }
  }

  async function removeOverride(id: string) {
    try {
      show(await del<RetentionPolicy>(`/api/v1/atrium/admin/retention/communities/${id}`));
      toast(t("adminCompliance.overrideRemoved"));
    } catch (err) {
      toast(errorMessage(err), "error");
    }
  }

  return (
    <section class="card" aria-labelledby="retention-title">
      <h2 id="retention-title">{t("adminCompliance.retention")}</h2>
      <p class="muted">{t("adminCompliance.retentionExplain")}</p>
      {error != null && <ErrorBox error={error} onRetry={load} />}
      {!policy && error == null && <Spinner label={t("adminCompliance.loadingPolicy")} />}
      {policy && (
        <>
          <form class="stack" onSubmit={save}>
            <label>
              {t("adminCompliance.keepPosts")}
              <input inputMode="numeric" value={posts} placeholder={t("adminCompliance.forever")} onInput={(e) => setPosts((e.target as HTMLInputElement).value)} />
            </label>
            <label>
              {t("adminCompliance.keepDirect")}
              <input inputMode="numeric" value={direct} placeholder={t("adminCompliance.forever")} onInput={(e) => setDirect((e.target as HTMLInputElement).value)} />
            </label>
            <div class="row-end">
              <button type="submit" class="btn btn-primary" disabled={busy}>
                {t("adminCompliance.savePolicy")}
              </button>
            </div>
          </form>
          <h3>{t("adminCompliance.overrides")}</h3>
          {policy.communities.length === 0 ? (
            <p class="muted">{t("adminCompliance.noOverrides")}</p>
          ) : (
            <ul class="retention-overrides">
              {policy.communities.map((c) => (
                <li key={c.community_id}>
                  <a href={`/communities/${c.community_id}`}>{t("adminCompliance.community", { id: c.community_id })}</a>: {t("adminCompliance.kept", { period: keptFor(c.days) })}{" "}
                  <button type="button" class="btn btn-secondary" onClick={() => removeOverride(c.community_id)}>
                    {t("adminCompliance.followOrganization")}
                  </button>
                </li>
              ))}
            </ul>
          )}
          <form class="stack" onSubmit={addOverride}>
            <label>
              {t("adminCompliance.communityHandle")}
              <input value={handle} required onInput={(e) => setHandle((e.target as HTMLInputElement).value)} />
            </label>
            <label>
              {t("adminCompliance.keepItsPosts")}
              <input inputMode="numeric" value={override} placeholder={t("adminCompliance.forever")} onInput={(e) => setOverride((e.target as HTMLInputElement).value)} />
            </label>
            <div class="row-end">
              <button type="submit" class="btn btn-secondary" disabled={busy}>
                {t("adminCompliance.setOverride")}
              </button>
            </div>
          </form>
        </>
      )}
    </section>
  );
}

function HoldsCard() {
  const [holds, setHolds] = useState<LegalHold[] | null>(null);
  const [caseName, setCaseName] = useState("");
  const [kind, setKind] = useState<"person" | "community">("person");
  const [who, setWho] = useState("");
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  async function load() {
    try {
      setHolds(await api<LegalHold[]>("/api/v1/atrium/admin/legal_holds"));
      setError(null);
    } catch (e) {
      setError(e);
    }
  }
  useEffect(() => {
    load();
  }, []);

  async function place(e: Event) {
    e.preventDefault();
    setBusy(true);
    try {
      const name = who.trim().replace(/^@/, "");
      const target =
        kind === "person"
          ? { account_id: (await api<Account>("/api/v1/accounts/lookup", { query: { acct: name } })).id }
          : { community_id: (await api<Community>("/api/v1/atrium/communities/lookup", { query: { handle: name } })).id };
      await post<LegalHold>("/api/v1/atrium/admin/legal_holds", { case_name: caseName.trim(), ...target });
      setCaseName("");
      setWho("");
      toast(t("adminCompliance.holdPlaced", { name }));
      await load();
    } catch (err) {
      toast(errorMessage(err), "error");
    } finally {
      setBusy(false);
    }
  }

  async function release(h: LegalHold) {
    try {
      await post<LegalHold>(`/api/v1/atrium/admin/legal_holds/${h.id}/release`);
      toast(t("adminCompliance.holdReleased", { name: h.case_name }));
      await load();
    } catch (err) {
      toast(errorMessage(err), "error");
    }
  }

  return (
    <section class="card" aria-labelledby="holds-title">
      <h2 id="holds-title">{t("adminCompliance.holds")}</h2>
      <p class="muted">{t("adminCompliance.holdsExplain", { command: "atrium ediscovery export" })}</p>
      <form class="stack" onSubmit={place}>
        <label>
          {t("adminCompliance.caseName")}
          <input value={caseName} required maxLength={200} onInput={(e) => setCaseName((e.target as HTMLInputElement).value)} />
        </label>
        <label>
          {t("adminCompliance.holdOn")}
          <select value={kind} onChange={(e) => setKind((e.target as HTMLSelectElement).value as "person" | "community")}>
            <option value="person">{t("adminCompliance.kindPerson")}</option>
            <option value="community">{t("adminCompliance.kindCommunity")}</option>
          </select>
        </label>
        <label>
          {kind === "person" ? t("adminCompliance.username") : t("adminCompliance.communityHandle")}
          <input value={who} required onInput={(e) => setWho((e.target as HTMLInputElement).value)} />
        </label>
        <div class="row-end">
          <button type="submit" class="btn btn-primary" disabled={busy}>
            {t("adminCompliance.placeHold")}
          </button>
        </div>
      </form>
      {error != null && <ErrorBox error={error} onRetry={load} />}
      {!holds && error == null && <Spinner label={t("adminCompliance.loadingHolds")} />}
      {holds && holds.length === 0 && <Empty icon="shield" title={t("adminCompliance.noHolds")} hint={t("adminCompliance.noHoldsHint")} />}
      {holds && holds.length > 0 && (
        <table class="admin-table holds-table">
          <caption class="sr-only">{t("adminCompliance.holds")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("adminCompliance.column.case")}</th>
              <th scope="col">{t("adminCompliance.column.on")}</th>
              <th scope="col">{t("adminCompliance.column.placed")}</th>
              <th scope="col">{t("adminCompliance.column.state")}</th>
            </tr>
          </thead>
          <tbody>
            {holds.map((h) => (
              <tr key={h.id}>
                <td>{h.case_name}</td>
                <td>{h.account_id ? <a href={`/people/${h.account_id}`}>{t("adminCompliance.person", { id: h.account_id })}</a> : <a href={`/communities/${h.community_id}`}>{t("adminCompliance.community", { id: h.community_id })}</a>}</td>
                <td>
                  <time dateTime={h.created_at}>{formatDateTime(h.created_at)}</time>
                </td>
                <td>
                  {h.active ? (
                    <button type="button" class="btn btn-secondary" onClick={() => release(h)}>
                      {t("adminCompliance.release")}
                    </button>
                  ) : (
                    <span class="muted">{h.released_at ? t("adminCompliance.releasedAt", { date: formatDateTime(h.released_at) }) : t("adminCompliance.released")}</span>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

export function AdminComplianceScreen() {
  useTitle(t("adminCompliance.title"));
  if (!isAdmin(me.value)) return <NotFound />;
  return (
    <div class="page">
      <PageHeader title={t("adminCompliance.title")} subtitle={t("adminCompliance.subtitle")}>
        <a href="/admin/exports" class="btn btn-secondary">
          {t("adminCompliance.exports")}
        </a>
        <a href="/admin/audit" class="btn btn-secondary">
          {t("adminCompliance.audit")}
        </a>
      </PageHeader>
      <RetentionCard />
      <HoldsCard />
    </div>
  );
}
