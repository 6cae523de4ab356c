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
import { formatDateTime } from "../i18n/format";
import { t } from "../i18n";

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
  useTitle(t("adminAudit.title"));
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
    const timer = setTimeout(() => {
      const query = new URLSearchParams({ limit: "40" });
      for (const [k, v] of Object.entries(filters)) if (v.trim()) query.set(k, v.trim());
      load(`/api/v1/atrium/admin/audit?${query}`, false);
    }, 250);
    return () => clearTimeout(timer);
  }, [filters]);

  if (!isAdmin(me.value)) return <NotFound />;

  const field = (name: keyof Filters, label: string, type = "text") => (
    <input type={type} value={filters[name]} placeholder={label} aria-label={label} onInput={(e) => setFilters((f) => ({ ...f, [name]: (e.target as HTMLInputElement).value }))} />
  );

  return (
    <div class="page">
      <PageHeader title={t("adminAudit.title")} subtitle={t("adminAudit.subtitle", { command: "atrium audit verify" })} />
      <p>
        <a href="/admin">← {t("adminAudit.members")}</a>
      </p>
      <div class="card search-card" role="search">
        {field("action", t("adminAudit.filter.action", { example: "account.role" }))}
        {field("actor", t("adminAudit.filter.actor"))}
        {field("target", t("adminAudit.filter.target"))}
        {field("from", t("adminAudit.filter.from"), "date")}
        {field("to", t("adminAudit.filter.to"), "date")}
      </div>
      <div class="card list-card" aria-busy={loading}>
        {error != null && <ErrorBox error={error} />}
        {loading && entries.length === 0 && <Spinner label={t("adminAudit.loading")} />}
        {!loading && !error && entries.length === 0 && <Empty icon="shield" title={t("adminAudit.empty")} hint={t("adminAudit.emptyHint")} />}
        {entries.length > 0 && (
          <table class="admin-table audit-table">
            <caption class="sr-only">{t("adminAudit.title")}</caption>
            <thead>
              <tr>
                <th scope="col">#</th>
                <th scope="col">{t("adminAudit.column.when")}</th>
                <th scope="col">{t("adminAudit.column.who")}</th>
                <th scope="col">{t("adminAudit.column.action")}</th>
                <th scope="col">{t("adminAudit.column.target")}</th>
                <th scope="col">{t("adminAudit.column.change")}</th>
                <th scope="col">{t("adminAudit.column.request")}</th>
              </tr>
            </thead>
            <tbody>
              {entries.map((e) => (
                <tr key={e.id}>
                  <td>{e.id}</td>
                  <td>
                    <time dateTime={e.created_at}>{formatDateTime(e.created_at)}</time>
                  </td>
                  <td>{e.actor_id ? <a href={`/people/${e.actor_id}`}>@{e.actor}</a> : e.actor}</td>
                  <td>
                    <code>{e.action}</code>
                  </td>
                  <td>{e.target_type === "account" ? <a href={`/people/${e.target_id}`}>{t("adminAudit.account", { id: e.target_id })}</a> : `${e.target_type} ${e.target_id}`}</td>
                  <td>
                    {e.before && <div class="muted">{t("adminAudit.before", { change: describeChange(e.before) })}</div>}
                    {e.after && <div>{t("adminAudit.after", { change: describeChange(e.after) })}</div>}
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
              {t("adminAudit.older")}
            </button>
          </div>
        )}
      </div>
    </div>
  );
}
