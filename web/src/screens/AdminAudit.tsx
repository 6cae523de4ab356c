// The audit log for administrators: who with power did what, when, to whom,
// in which request — newest first, filtered by action, actor, target and
// time, paged by the API's Link header. Read-only, as the log is.

import { useEffect, useState } from "preact/hooks";
import { PageHeader } from "../components/PageHeader";
import { Empty, ErrorBox, Spinner, useTitle } from "../components/ui";
import { requestPage } from "../lib/api";
import type { AuditEntry } from "../lib/types";
import { isAdmin, me } from "../state";
import { NotFound } from "./NotFound";

interface Filters {
  action: string;
  actor: string;
  target: string;
  from: string;
  to: string;
}

const EMPTY: Filters = { action: "", actor: "", target: "", from: "", to: "" };

// A before/after object, short: "role: member".
function describeChange(change: Record<string, unknown> | null): string {
  if (!change) return "";
  return Object.entries(change)
    .map(([k, v]) => `${k}: ${typeof v === "string" ? v : JSON.stringify(v)}`)
    .join(", ");
}

export function AdminAuditScreen() {
  useTitle("Audit log");
  const [filters, setFilters] = useState<Filters>(EMPTY);
  const [entries, setEntries] = useState<AuditEntry[]>([]);
  const [next, setNext] = useState<string | undefined>();
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<unknown>(null);

  async function load(path: string, append: boolean) {
    setLoading(true);
    setError(null);
    try {
      const page = await requestPage<AuditEntry[]>(path);
      setEntries((l) => (append ? [...l, ...page.data] : page.data));
      setNext(page.links.next);
    } catch (e) {
      setError(e);
    } finally {
      setLoading(false);
    }
  }

  useEffect(() => {
    const t = setTimeout(() => {
      const query = new URLSearchParams({ limit: "40" });
      for (const [k, v] of Object.entries(filters)) if (v.trim()) query.set(k, v.trim());
      load(`/api/v1/atrium/admin/audit?${query}`, false);
    }, 250);
    return () => clearTimeout(t);
  }, [filters]);

  if (!isAdmin(me.value)) return <NotFound />;

  const field = (name: keyof Filters, label: string, type = "text") => (
    <input type={type} value={filters[name]} placeholder={label} aria-label={label} onInput={(e) => setFilters((f) => ({ ...f, [name]: (e.target as HTMLInputElement).value }))} />
  );

  return (
    <div class="page">
      <PageHeader title="Audit log" subtitle="What admins and moderators did. Nobody can edit it; `atrium audit verify` proves it." />
      <p>
        <a href="/admin">← Members</a>
      </p>
      <div class="card search-card" role="search">
        {field("action", "Action (e.g. account.role)")}
        {field("actor", "Actor's account id")}
        {field("target", "Target id")}
        {field("from", "From (date)", "date")}
        {field("to", "To (date)", "date")}
      </div>
      <div class="card list-card" aria-busy={loading}>
        {error != null && <ErrorBox error={error} />}
        {loading && entries.length === 0 && <Spinner label="Loading the audit log…" />}
        {!loading && !error && entries.length === 0 && <Empty icon="shield" title="No entries" hint="Nothing matches these filters." />}
        {entries.length > 0 && (
          <table class="admin-table audit-table">
            <caption class="sr-only">Audit log</caption>
            <thead>
              <tr>
                <th scope="col">#</th>
                <th scope="col">When</th>
                <th scope="col">Who</th>
                <th scope="col">Action</th>
                <th scope="col">Target</th>
                <th scope="col">Change</th>
                <th scope="col">Request</th>
              </tr>
            </thead>
            <tbody>
              {entries.map((e) => (
                <tr key={e.id}>
                  <td>{e.id}</td>
                  <td>
                    <time dateTime={e.created_at}>{new Date(e.created_at).toLocaleString()}</time>
                  </td>
                  <td>{e.actor_id ? <a href={`/people/${e.actor_id}`}>@{e.actor}</a> : e.actor}</td>
                  <td>
                    <code>{e.action}</code>
                  </td>
                  <td>{e.target_type === "account" ? <a href={`/people/${e.target_id}`}>account {e.target_id}</a> : `${e.target_type} ${e.target_id}`}</td>
                  <td>
                    {e.before && <div class="muted">before: {describeChange(e.before)}</div>}
                    {e.after && <div>after: {describeChange(e.after)}</div>}
                  </td>
                  <td class="muted">{e.request_id || "—"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        {next && (
          <div class="row-end">
            <button type="button" class="btn btn-secondary" disabled={loading} onClick={() => load(next, true)}>
              Older entries
            </button>
          </div>
        )}
      </div>
    </div>
  );
}
