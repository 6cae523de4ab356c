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

// "" for forever, else the number of days.
function daysText(days: number | null): string {
  return days == null ? "" : String(days);
}

// The days typed in a field: null (forever) when empty, a whole number, or undefined when not one.
function parseDays(text: string): number | null | undefined {
  const t = text.trim();
  if (t === "") return null;
  return /^\d+$/.test(t) ? Number(t) : undefined;
}

function keptFor(days: number | null): string {
  return days == null ? "forever" : `${days} days`;
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
      toast("A period is a whole number of days, or empty for forever", "error");
      return;
    }
    setBusy(true);
    try {
      show(await put<RetentionPolicy>("/api/v1/atrium/admin/retention", { posts_days, direct_days }));
      toast("Retention policy saved");
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
      toast("A period is a whole number of days, or empty for forever", "error");
      return;
    }
    setBusy(true);
    try {
      const community = await api<Community>("/api/v1/atrium/communities/lookup", { query: { handle: handle.trim() } });
      show(await put<RetentionPolicy>(`/api/v1/atrium/admin/retention/communities/${community.id}`, { days }));
      setHandle("");
      setOverride("");
      toast(`${community.name} keeps posts ${keptFor(days)}`);
    } catch (err) {
      toast(errorMessage(err), "error");
    } finally {
      setBusy(false);
    }
  }

  async function removeOverride(id: string) {
    try {
      show(await del<RetentionPolicy>(`/api/v1/atrium/admin/retention/communities/${id}`));
      toast("The community follows the organization's policy again");
    } catch (err) {
      toast(errorMessage(err), "error");
    }
  }

  return (
    <section class="card" aria-labelledby="retention-title">
      <h2 id="retention-title">Retention</h2>
      <p class="muted">Posts older than their period are deleted by the server in small batches. Leave a field empty to keep forever. Content under a legal hold is never deleted.</p>
      {error != null && <ErrorBox error={error} onRetry={load} />}
      {!policy && error == null && <Spinner label="Reading the policy…" />}
      {policy && (
        <>
          <form class="stack" onSubmit={save}>
            <label>
              Keep posts (days)
              <input inputMode="numeric" value={posts} placeholder="forever" onInput={(e) => setPosts((e.target as HTMLInputElement).value)} />
            </label>
            <label>
              Keep direct messages (days)
              <input inputMode="numeric" value={direct} placeholder="forever" onInput={(e) => setDirect((e.target as HTMLInputElement).value)} />
            </label>
            <div class="row-end">
              <button type="submit" class="btn btn-primary" disabled={busy}>
                Save policy
              </button>
            </div>
          </form>
          <h3>Communities with their own period</h3>
          {policy.communities.length === 0 ? (
            <p class="muted">None: every community follows the organization's policy.</p>
          ) : (
            <ul class="retention-overrides">
              {policy.communities.map((c) => (
                <li key={c.community_id}>
                  <a href={`/communities/${c.community_id}`}>community {c.community_id}</a>: kept {keptFor(c.days)}{" "}
                  <button type="button" class="btn btn-secondary" onClick={() => removeOverride(c.community_id)}>
                    Follow the organization
                  </button>
                </li>
              ))}
            </ul>
          )}
          <form class="stack" onSubmit={addOverride}>
            <label>
              Community handle
              <input value={handle} required onInput={(e) => setHandle((e.target as HTMLInputElement).value)} />
            </label>
            <label>
              Keep its posts (days)
              <input inputMode="numeric" value={override} placeholder="forever" onInput={(e) => setOverride((e.target as HTMLInputElement).value)} />
            </label>
            <div class="row-end">
              <button type="submit" class="btn btn-secondary" disabled={busy}>
                Set the community's period
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
      toast(`Hold placed on ${name}`);
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
      toast(`Hold "${h.case_name}" released`);
      await load();
    } catch (err) {
      toast(errorMessage(err), "error");
    }
  }

  return (
    <section class="card" aria-labelledby="holds-title">
      <h2 id="holds-title">Legal holds</h2>
      <p class="muted">While a hold is in force, what the person or community wrote is exempt from retention, and a post they delete disappears for members but is kept for export (eDiscovery exports, or `atrium ediscovery export`).</p>
      <form class="stack" onSubmit={place}>
        <label>
          Case name
          <input value={caseName} required maxLength={200} onInput={(e) => setCaseName((e.target as HTMLInputElement).value)} />
        </label>
        <label>
          Hold on
          <select value={kind} onChange={(e) => setKind((e.target as HTMLSelectElement).value as "person" | "community")}>
            <option value="person">a person (username)</option>
            <option value="community">a community (handle)</option>
          </select>
        </label>
        <label>
          {kind === "person" ? "Username" : "Community handle"}
          <input value={who} required onInput={(e) => setWho((e.target as HTMLInputElement).value)} />
        </label>
        <div class="row-end">
          <button type="submit" class="btn btn-primary" disabled={busy}>
            Place hold
          </button>
        </div>
      </form>
      {error != null && <ErrorBox error={error} onRetry={load} />}
      {!holds && error == null && <Spinner label="Reading the holds…" />}
      {holds && holds.length === 0 && <Empty icon="shield" title="No holds" hint="Nothing is held." />}
      {holds && holds.length > 0 && (
        <table class="admin-table holds-table">
          <caption class="sr-only">Legal holds</caption>
          <thead>
            <tr>
              <th scope="col">Case</th>
              <th scope="col">On</th>
              <th scope="col">Placed</th>
              <th scope="col">State</th>
            </tr>
          </thead>
          <tbody>
            {holds.map((h) => (
              <tr key={h.id}>
                <td>{h.case_name}</td>
                <td>{h.account_id ? <a href={`/people/${h.account_id}`}>person {h.account_id}</a> : <a href={`/communities/${h.community_id}`}>community {h.community_id}</a>}</td>
                <td>
                  <time dateTime={h.created_at}>{new Date(h.created_at).toLocaleString()}</time>
                </td>
                <td>
                  {h.active ? (
                    <button type="button" class="btn btn-secondary" onClick={() => release(h)}>
                      Release
                    </button>
                  ) : (
                    <span class="muted">released {h.released_at && new Date(h.released_at).toLocaleString()}</span>
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
  useTitle("Compliance");
  if (!isAdmin(me.value)) return <NotFound />;
  return (
    <div class="page">
      <PageHeader title="Compliance" subtitle="How long content is kept, and what is held for legal cases.">
        <a href="/admin/exports" class="btn btn-secondary">
          eDiscovery exports
        </a>
        <a href="/admin/audit" class="btn btn-secondary">
          Audit log
        </a>
      </PageHeader>
      <RetentionCard />
      <HoldsCard />
    </div>
  );
}
