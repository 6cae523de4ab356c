// The moderators' report queue: each report with the reported posts in
// context, who reported and why, and what a moderator does about it —
// assign it to themselves, remove the posts (with a reason), act on the
// person (a warning they see, sensitive media, read-only, deactivation),
// resolve or reopen. Site admins and moderators see every report; a
// community's moderators see their community's. Every step is audited.
// Administrators also edit the organization's rules here.

import { useEffect, useState } from "preact/hooks";
import { PageHeader } from "../components/PageHeader";
import { StatusCard } from "../components/StatusCard";
import { Avatar, Empty, ErrorBox, Spinner, Time, displayName, useTitle } from "../components/ui";
import { ApiError, api, del, errorMessage, post, put } from "../lib/api";
import { accountActions, categories, loadRules, type AccountActionType, type AdminReport, type Rule } from "../lib/reports";
import { isAdmin, me, toast } from "../state";

const categoryLabel = (c: string) => categories.find((x) => x.value === c)?.label ?? c;

function ReportCard({ report, onChange }: { report: AdminReport; onChange: (r: AdminReport) => void }) {
  const [busy, setBusy] = useState(false);
  const [reason, setReason] = useState("");
  const [action, setAction] = useState<AccountActionType>("none");
  const [warning, setWarning] = useState("");
  const base = `/api/v1/admin/reports/${report.id}`;
  const target = report.target_account;
  const mine = report.assigned_account?.id === me.value?.id;
  // Site moderators act on the person; a community's moderators warn.
  const site = isAdmin(me.value) || me.value?.role?.name === "moderator";

  async function step(path: string, body: unknown, done: string) {
    setBusy(true);
    try {
      onChange(await post<AdminReport>(path, body));
      toast(done);
    } catch (e) {
      toast(errorMessage(e), "error");
    } finally {
      setBusy(false);
    }
  }

  async function act(e: Event) {
    e.preventDefault();
    setBusy(true);
    try {
      await post(`/api/v1/admin/accounts/${target.id}/action`, { type: action, report_id: report.id, text: warning });
      onChange(await api<AdminReport>(base));
      setWarning("");
      toast(`Done: ${displayName(target.account)} is told, and the report is resolved`);
    } catch (err) {
      toast(errorMessage(err), "error");
    } finally {
      setBusy(false);
    }
  }

  return (
    <article class="card report-card" aria-label={`Report ${report.id} about ${displayName(target.account)}`}>
      <header class="report-head">
        <Avatar account={target.account} size={40} />
        <div>
          <h2>
            <a href={`/people/${target.id}`}>{displayName(target.account)}</a> <span class="muted">@{target.username}</span>
          </h2>
          <p class="muted">
            {categoryLabel(report.category)} · reported by <a href={`/people/${report.account.id}`}>{displayName(report.account.account)}</a> · <Time iso={report.created_at} />
          </p>
        </div>
        <span class={`badge ${report.action_taken ? "badge-done" : "badge-open"}`}>{report.action_taken ? "Resolved" : "Open"}</span>
      </header>
      {report.comment && <blockquote class="report-comment">{report.comment}</blockquote>}
      {report.rules.length > 0 && (
        <ul class="report-rules" aria-label="Rules cited">
          {report.rules.map((r) => (
            <li key={r.id}>{r.text}</li>
          ))}
        </ul>
      )}
      {report.statuses.length > 0 && (
        <section class="report-posts" aria-label="Reported posts">
          {report.statuses.map((s) => (
            <StatusCard key={s.id} status={s} compact />
          ))}
        </section>
      )}
      {report.removed_statuses.length > 0 && (
        <ul class="report-removed" aria-label="Removed posts">
          {report.removed_statuses.map((r) => (
            <li key={r.id}>
              Removed <Time iso={r.removed_at} />: “{r.reason}”{r.record?.text && <span class="muted"> — {r.record.text}</span>}
            </li>
          ))}
        </ul>
      )}
      <p class="muted">
        {report.assigned_account ? `Assigned to ${displayName(report.assigned_account.account)}` : "Not assigned"}
        {report.action_taken_by_account && ` · resolved by ${displayName(report.action_taken_by_account.account)}`}
      </p>
      <div class="btn-row">
        {mine ? (
          <button type="button" class="btn btn-secondary" disabled={busy} onClick={() => step(`${base}/unassign`, {}, "Unassigned")}>
            Unassign
          </button>
        ) : (
          <button type="button" class="btn btn-secondary" disabled={busy} onClick={() => step(`${base}/assign_to_self`, {}, "Assigned to you")}>
            Assign to me
          </button>
        )}
        {report.action_taken ? (
          <button type="button" class="btn btn-secondary" disabled={busy} onClick={() => step(`${base}/reopen`, {}, "Report reopened")}>
            Reopen
          </button>
        ) : (
          <button type="button" class="btn btn-primary" disabled={busy} onClick={() => step(`${base}/resolve`, {}, "Report resolved; the reporter is told")}>
            Resolve
          </button>
        )}
      </div>
      {report.statuses.length > 0 && (
        <form
          class="report-remove"
          onSubmit={(e) => {
            e.preventDefault();
            step(`/api/v1/atrium/admin/reports/${report.id}/remove_statuses`, { reason }, "Posts removed; the reason is kept with the report").then(() => setReason(""));
          }}
        >
          <label>
            Reason for removing the reported posts
            <input value={reason} required maxLength={1000} onInput={(e) => setReason((e.target as HTMLInputElement).value)} />
          </label>
          <button type="submit" class="btn btn-danger" disabled={busy || !reason.trim()}>
            Remove posts
          </button>
        </form>
      )}
      <form class="report-act" onSubmit={act}>
        <label>
          Action on {displayName(target.account)}
          <select value={action} onChange={(e) => setAction((e.target as HTMLSelectElement).value as AccountActionType)}>
            {accountActions
              .filter((a) => site || a.value === "none")
              .map((a) => (
                <option key={a.value} value={a.value}>
                  {a.label}
                </option>
              ))}
          </select>
        </label>
        <label>
          Warning they will see
          <textarea rows={2} maxLength={1000} value={warning} onInput={(e) => setWarning((e.target as HTMLTextAreaElement).value)} />
        </label>
        <div class="row-end">
          <button type="submit" class="btn btn-primary" disabled={busy}>
            Apply and resolve
          </button>
        </div>
      </form>
    </article>
  );
}

function RulesCard() {
  const [rules, setRules] = useState<Rule[] | null>(null);
  const [text, setText] = useState("");
  const [hint, setHint] = useState("");
  const [error, setError] = useState<unknown>(null);

  const load = () => loadRules().then(setRules, setError);
  useEffect(() => {
    load();
  }, []);

  async function add(e: Event) {
    e.preventDefault();
    try {
      await post("/api/v1/atrium/admin/rules", { text, hint });
      setText("");
      setHint("");
      toast("Rule added");
      load();
    } catch (err) {
      toast(errorMessage(err), "error");
    }
  }

  async function edit(r: Rule) {
    const next = window.prompt("The rule", r.text);
    if (next == null || next === r.text) return;
    try {
      await put(`/api/v1/atrium/admin/rules/${r.id}`, { text: next, hint: r.hint });
      load();
    } catch (err) {
      toast(errorMessage(err), "error");
    }
  }

  async function remove(r: Rule) {
    try {
      await del(`/api/v1/atrium/admin/rules/${r.id}`);
      toast("Rule removed; reports that cite it keep it");
      load();
    } catch (err) {
      toast(errorMessage(err), "error");
    }
  }

  return (
    <section class="card" aria-labelledby="rules-title">
      <h2 id="rules-title">The organization's rules</h2>
      <p class="muted">Members cite these when they report a post; they are listed for every member.</p>
      {error != null && <ErrorBox error={error} onRetry={load} />}
      {rules && (
        <ol class="rules-list">
          {rules.map((r) => (
            <li key={r.id}>
              <strong>{r.text}</strong>
              {r.hint && <span class="muted"> {r.hint}</span>}{" "}
              <button type="button" class="btn btn-small btn-secondary" onClick={() => edit(r)}>
                Edit
              </button>{" "}
              <button type="button" class="btn btn-small btn-secondary" onClick={() => remove(r)}>
                Remove
              </button>
            </li>
          ))}
        </ol>
      )}
      <form class="rules-add" onSubmit={add}>
        <label>
          New rule
          <input value={text} required maxLength={300} onInput={(e) => setText((e.target as HTMLInputElement).value)} />
        </label>
        <label>
          Explanation
          <input value={hint} maxLength={300} onInput={(e) => setHint((e.target as HTMLInputElement).value)} />
        </label>
        <button type="submit" class="btn btn-primary">
          Add rule
        </button>
      </form>
    </section>
  );
}

export function AdminReportsScreen() {
  useTitle("Reports");
  const [resolved, setResolved] = useState(false);
  const [reports, setReports] = useState<AdminReport[] | null>(null);
  const [error, setError] = useState<unknown>(null);

  function load() {
    setError(null);
    setReports(null);
    api<AdminReport[]>("/api/v1/admin/reports", { query: { resolved } }).then(setReports, setError);
  }
  useEffect(load, [resolved]);

  const forbidden = error instanceof ApiError && error.status === 403;
  const replace = (r: AdminReport) => setReports((list) => list && list.map((x) => (x.id === r.id ? r : x)));
  return (
    <div class="page">
      <PageHeader title="Reports" subtitle="What members reported, and what was done about it.">
        {isAdmin(me.value) && (
          <a href="/admin/audit" class="btn btn-secondary">
            Audit log
          </a>
        )}
      </PageHeader>
      <div class="card search-card" role="search">
        <select aria-label="Show" value={resolved ? "resolved" : "open"} onChange={(e) => setResolved((e.target as HTMLSelectElement).value === "resolved")}>
          <option value="open">Open reports</option>
          <option value="resolved">Resolved reports</option>
        </select>
      </div>
      {forbidden && <Empty icon="shield" title="Only moderators see reports" hint="Site moderators, and the moderators of a community for its posts." />}
      {error != null && !forbidden && <ErrorBox error={error} onRetry={load} />}
      {!reports && error == null && <Spinner label="Reading the reports…" />}
      {reports && reports.length === 0 && <Empty icon="flag" title={resolved ? "No resolved reports" : "No open reports"} hint="Nothing waits for a moderator." />}
      {reports?.map((r) => (
        <ReportCard key={r.id} report={r} onChange={replace} />
      ))}
      {isAdmin(me.value) && <RulesCard />}
    </div>
  );
}
