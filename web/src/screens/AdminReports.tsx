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
import { t } from "../i18n";

// Category and action labels come from lib/reports, which says them in the current language.
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
      toast(t("adminReports.acted", { name: displayName(target.account) }));
    } catch (err) {
      toast(errorMessage(err), "error");
    } finally {
      setBusy(false);
    }
  }

  return (
    <article class="card report-card" aria-label={t("adminReports.reportLabel", { id: report.id, name: displayName(target.account) })}>
      <header class="report-head">
        <Avatar account={target.account} size={40} />
        <div>
          <h2>
            <a href={`/people/${target.id}`}>{displayName(target.account)}</a> <span class="muted">@{target.username}</span>
          </h2>
          <p class="muted">
            {categoryLabel(report.category)} · {t("adminReports.reportedBy")} <a href={`/people/${report.account.id}`}>{displayName(report.account.account)}</a> · <Time iso={report.created_at} />
          </p>
        </div>
        <span class={`badge ${report.action_taken ? "badge-done" : "badge-open"}`}>{report.action_taken ? t("adminReports.resolved") : t("adminReports.open")}</span>
      </header>
      {report.comment && <blockquote class="report-comment">{report.comment}</blockquote>}
      {report.rules.length > 0 && (
        <ul class="report-rules" aria-label={t("adminReports.rulesCited")}>
          {report.rules.map((r) => (
            <li key={r.id}>{r.text}</li>
          ))}
        </ul>
      )}
      {report.statuses.length > 0 && (
        <section class="report-posts" aria-label={t("adminReports.reportedPosts")}>
          {report.statuses.map((s) => (
            <StatusCard key={s.id} status={s} compact />
          ))}
        </section>
      )}
      {report.removed_statuses.length > 0 && (
        <ul class="report-removed" aria-label={t("adminReports.removedPosts")}>
          {report.removed_statuses.map((r) => (
            <li key={r.id}>
              {t("adminReports.removed")} <Time iso={r.removed_at} />: “{r.reason}”{r.record?.text && <span class="muted"> — {r.record.text}</span>}
            </li>
          ))}
        </ul>
      )}
      <p class="muted">
        {report.assigned_account ? t("adminReports.assignedTo", { name: displayName(report.assigned_account.account) }) : t("adminReports.notAssigned")}
        {report.action_taken_by_account && ` · ${t("adminReports.resolvedBy", { name: displayName(report.action_taken_by_account.account) })}`}
      </p>
      <div class="btn-row">
        {mine ? (
          <button type="button" class="btn btn-secondary" disabled={busy} onClick={() => step(`${base}/unassign`, {}, t("adminReports.unassigned"))}>
            {t("adminReports.unassign")}
          </button>
        ) : (
          <button type="button" class="btn btn-secondary" disabled={busy} onClick={() => step(`${base}/assign_to_self`, {}, t("adminReports.assignedToYou"))}>
            {t("adminReports.assignToMe")}
          </button>
        )}
        {report.action_taken ? (
          <button type="button" class="btn btn-secondary" disabled={busy} onClick={() => step(`${base}/reopen`, {}, t("adminReports.reopened"))}>
            {t("adminReports.reopen")}
          </button>
        ) : (
          <button type="button" class="btn btn-primary" disabled={busy} onClick={() => step(`${base}/resolve`, {}, t("adminReports.resolvedDone"))}>
            {t("adminReports.resolve")}
          </button>
        )}
      </div>
      {report.statuses.length > 0 && (
        <form
          class="report-remove"
          onSubmit={(e) => {
            e.preventDefault();
            step(`/api/v1/atrium/admin/reports/${report.id}/remove_statuses`, { reason }, t("adminReports.postsRemoved")).then(() => setReason(""));
          }}
        >
          <label>
            {t("adminReports.removeReason")}
            <input value={reason} required maxLength={1000} onInput={(e) => setReason((e.target as HTMLInputElement).value)} />
          </label>
          <button type="submit" class="btn btn-danger" disabled={busy || !reason.trim()}>
            {t("adminReports.removePosts")}
          </button>
        </form>
      )}
      <form class="report-act" onSubmit={act}>
        <label>
          {t("adminReports.actionOn", { name: displayName(target.account) })}
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
          {t("adminReports.warning")}
          <textarea rows={2} maxLength={1000} value={warning} onInput={(e) => setWarning((e.target as HTMLTextAreaElement).value)} />
        </label>
        <div class="row-end">
          <button type="submit" class="btn btn-primary" disabled={busy}>
            {t("adminReports.apply")}
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
      toast(t("adminReports.ruleAdded"));
      load();
    } catch (err) {
      toast(errorMessage(err), "error");
    }
  }

  async function edit(r: Rule) {
    const next = window.prompt(t("adminReports.rulePrompt"), r.text);
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
      toast(t("adminReports.ruleRemoved"));
      load();
    } catch (err) {
      toast(errorMessage(err), "error");
    }
  }

  return (
    <section class="card" aria-labelledby="rules-title">
      <h2 id="rules-title">{t("adminReports.rulesHeading")}</h2>
      <p class="muted">{t("adminReports.rulesExplain")}</p>
      {error != null && <ErrorBox error={error} onRetry={load} />}
      {rules && (
        <ol class="rules-list">
          {rules.map((r) => (
            <li key={r.id}>
              <strong>{r.text}</strong>
              {r.hint && <span class="muted"> {r.hint}</span>}{" "}
              <button type="button" class="btn btn-small btn-secondary" onClick={() => edit(r)}>
                {t("adminReports.edit")}
              </button>{" "}
              <button type="button" class="btn btn-small btn-secondary" onClick={() => remove(r)}>
                {t("adminReports.remove")}
              </button>
            </li>
          ))}
        </ol>
      )}
      <form class="rules-add" onSubmit={add}>
        <label>
          {t("adminReports.newRule")}
          <input value={text} required maxLength={300} onInput={(e) => setText((e.target as HTMLInputElement).value)} />
        </label>
        <label>
          {t("adminReports.explanation")}
          <input value={hint} maxLength={300} onInput={(e) => setHint((e.target as HTMLInputElement).value)} />
        </label>
        <button type="submit" class="btn btn-primary">
          {t("adminReports.addRule")}
        </button>
      </form>
    </section>
  );
}

export function AdminReportsScreen() {
  useTitle(t("adminReports.title"));
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
      <PageHeader title={t("adminReports.title")} subtitle={t("adminReports.subtitle")}>
        {isAdmin(me.value) && (
          <a href="/admin/audit" class="btn btn-secondary">
            {t("adminReports.audit")}
          </a>
        )}
      </PageHeader>
      <div class="card search-card" role="search">
        <select aria-label={t("adminReports.show")} value={resolved ? "resolved" : "open"} onChange={(e) => setResolved((e.target as HTMLSelectElement).value === "resolved")}>
          <option value="open">{t("adminReports.openReports")}</option>
          <option value="resolved">{t("adminReports.resolvedReports")}</option>
        </select>
      </div>
      {forbidden && <Empty icon="shield" title={t("adminReports.forbidden")} hint={t("adminReports.forbiddenHint")} />}
      {error != null && !forbidden && <ErrorBox error={error} onRetry={load} />}
      {!reports && error == null && <Spinner label={t("adminReports.loading")} />}
      {reports && reports.length === 0 && <Empty icon="flag" title={resolved ? t("adminReports.noResolved") : t("adminReports.noOpen")} hint={t("adminReports.emptyHint")} />}
      {reports?.map((r) => (
        <ReportCard key={r.id} report={r} onChange={replace} />
      ))}
      {isAdmin(me.value) && <RulesCard />}
    </div>
  );
}
