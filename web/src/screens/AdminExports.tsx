// eDiscovery exports for administrators: start an export of one person (what
// they wrote and received) or one community (its posts, members and
// moderation log) over a period, watch the server's background job work
// through it, and download the archive when it is done. Starting and every
// download are written to the audit log by the server.

import { useEffect, useState } from "preact/hooks";
import { PageHeader } from "../components/PageHeader";
import { Empty, ErrorBox, Spinner, useTitle } from "../components/ui";
import { api, errorMessage, post } from "../lib/api";
import type { Account, Community } from "../lib/types";
import { isAdmin, me, toast } from "../state";
import { NotFound } from "./NotFound";
import { formatDate, formatDateTime, formatNumber } from "../i18n/format";
import { t } from "../i18n";

/** An export job as /api/v1/atrium/admin/exports answers it. */
export interface ExportJob {
  id: string;
  state: "queued" | "running" | "done" | "failed";
  account_id: string | null;
  community_id: string | null;
  from: string | null;
  to: string | null;
  requested_by: { id: string; username: string };
  progress: Record<string, number>;
  attempts: number;
  error: string | null;
  created_at: string;
  started_at: string | null;
  finished_at: string | null;
  file: { bytes: number; sha256: string; download_url: string } | null;
}

const EXPORTS = "/api/v1/atrium/admin/exports";
// How often a screen with unfinished jobs asks again.
const POLL_MS = 1000;

function describeProgress(p: Record<string, number>): string {
  const parts: string[] = [];
  if (p.posts != null) parts.push(t("adminExports.progress.posts", { count: p.posts }));
  if (p.deleted_under_hold) parts.push(t("adminExports.progress.deletedUnderHold", { count: p.deleted_under_hold }));
  if (p.direct_received != null) parts.push(t("adminExports.progress.directReceived", { count: p.direct_received }));
  if (p.likes != null) parts.push(t("adminExports.progress.likes", { count: p.likes }));
  if (p.members != null) parts.push(t("adminExports.progress.members", { count: p.members }));
  if (p.moderation_actions != null) parts.push(t("adminExports.progress.moderationActions", { count: p.moderation_actions }));
  if (p.attachments != null) parts.push(t("adminExports.progress.attachments", { count: p.attachments }));
  return parts.join(t("adminExports.progress.separator"));
}

function sizeText(bytes: number): string {
  const oneDecimal = { minimumFractionDigits: 1, maximumFractionDigits: 1 };
  if (bytes < 1024) return t("adminExports.bytes", { count: bytes });
  if (bytes < 1024 * 1024) return t("adminExports.kilobytes", { size: formatNumber(bytes / 1024, oneDecimal) });
  return t("adminExports.megabytes", { size: formatNumber(bytes / 1024 / 1024, oneDecimal) });
}

function StartExportForm({ onStarted }: { onStarted: (job: ExportJob) => void }) {
  const [kind, setKind] = useState<"person" | "community">("person");
  const [who, setWho] = useState("");
  const [from, setFrom] = useState("");
  const [to, setTo] = useState("");
  const [busy, setBusy] = useState(false);

  async function start(e: Event) {
    e.preventDefault();
    setBusy(true);
    try {
      const name = who.trim().replace(/^@/, "");
      const target =
        kind === "person"
          ? { account_id: (await api<Account>("/api/v1/accounts/lookup", { query: { acct: name } })).id }
          : { community_id: (await api<Community>("/api/v1/atrium/communities/lookup", { query: { handle: name } })).id };
      const period: Record<string, string> = {};
      if (from) period.from = from;
      if (to) period.to = to;
      const job = await post<ExportJob>(EXPORTS, { ...target, ...period });
      setWho("");
      toast(t("adminExports.started", { name }));
      onStarted(job);
    } catch (err) {
      toast(errorMessage(err), "error");
    } finally {
      setBusy(false);
    }
  }

  return (
    <section class="card" aria-labelledby="export-start-title">
      <h2 id="export-start-title">{t("adminExports.startHeading")}</h2>
      <p class="muted">{t("adminExports.explain")}</p>
      <form class="stack" onSubmit={start}>
        <label>
          {t("adminExports.kind")}
          <select value={kind} onChange={(e) => setKind((e.target as HTMLSelectElement).value as "person" | "community")}>
            <option value="person">{t("adminExports.kindPerson")}</option>
            <option value="community">{t("adminExports.kindCommunity")}</option>
          </select>
        </label>
        <label>
          {kind === "person" ? t("adminExports.username") : t("adminExports.communityHandle")}
          <input value={who} required onInput={(e) => setWho((e.target as HTMLInputElement).value)} />
        </label>
        <label>
          {t("adminExports.from")}
          <input type="date" value={from} onInput={(e) => setFrom((e.target as HTMLInputElement).value)} />
        </label>
        <label>
          {t("adminExports.through")}
          <input type="date" value={to} onInput={(e) => setTo((e.target as HTMLInputElement).value)} />
        </label>
        <div class="row-end">
          <button type="submit" class="btn btn-primary" disabled={busy}>
            {t("adminExports.start")}
          </button>
        </div>
      </form>
    </section>
  );
}

function JobRow({ job }: { job: ExportJob }) {
  const what = job.account_id ? <a href={`/people/${job.account_id}`}>{t("adminExports.person", { id: job.account_id })}</a> : <a href={`/communities/${job.community_id}`}>{t("adminExports.community", { id: job.community_id })}</a>;
  let state;
  if (job.state === "done" && job.file)
    state = (
      <>
        <span class="export-state export-done">{t("adminExports.state.done")}</span> — {describeProgress(job.progress)}{" "}
        <a class="btn btn-secondary" href={job.file.download_url} download>
          {t("adminExports.download", { size: sizeText(job.file.bytes) })}
        </a>
        <div class="muted export-sha">{t("adminExports.checksum", { sha256: job.file.sha256 })}</div>
      </>
    );
  else if (job.state === "failed") state = <span class="export-state export-failed">{t("adminExports.state.failed", { error: job.error ?? "" })}</span>;
  else if (job.state === "running")
    state = (
      <span class="export-state export-running" role="status">
        {describeProgress(job.progress) ? t("adminExports.state.runningProgress", { progress: describeProgress(job.progress) }) : t("adminExports.state.running")}
      </span>
    );
  else
    state = (
      <span class="export-state export-queued" role="status">
        {t("adminExports.state.queued")}
      </span>
    );
  return (
    <tr data-export-id={job.id}>
      <td>{what}</td>
      <td>
        {t("adminExports.period", { from: job.from ? formatDate(job.from) : t("adminExports.beginning"), to: job.to ? formatDate(job.to) : t("adminExports.now") })}
      </td>
      <td>
        {job.requested_by.username}, <time dateTime={job.created_at}>{formatDateTime(job.created_at)}</time>
      </td>
      <td>{state}</td>
    </tr>
  );
}

export function AdminExportsScreen() {
  useTitle(t("adminExports.title"));
  if (!isAdmin(me.value)) return <NotFound />;
  return <ExportsPage />;
}

function ExportsPage() {
  const [jobs, setJobs] = useState<ExportJob[] | null>(null);
  const [error, setError] = useState<unknown>(null);

  async function load() {
    try {
      setJobs(await api<ExportJob[]>(EXPORTS));
      setError(null);
    } catch (e) {
      setError(e);
    }
  }
  useEffect(() => {
    load();
  }, []);
  // While a job is unfinished, follow its progress.
  const unfinished = jobs?.some((j) => j.state === "queued" || j.state === "running") ?? false;
  useEffect(() => {
    if (!unfinished) return;
    const timer = setTimeout(load, POLL_MS);
    return () => clearTimeout(timer);
  }, [jobs, unfinished]);

  return (
    <div class="page">
      <PageHeader title={t("adminExports.title")} subtitle={t("adminExports.subtitle")}>
        <a href="/admin/compliance" class="btn btn-secondary">
          {t("adminExports.compliance")}
        </a>
        <a href="/admin/audit" class="btn btn-secondary">
          {t("adminExports.audit")}
        </a>
      </PageHeader>
      <StartExportForm onStarted={(job) => setJobs([job, ...(jobs ?? [])])} />
      <section class="card" aria-labelledby="exports-title">
        <h2 id="exports-title">{t("adminExports.exports")}</h2>
        {error != null && <ErrorBox error={error} onRetry={load} />}
        {!jobs && error == null && <Spinner label={t("adminExports.loading")} />}
        {jobs && jobs.length === 0 && <Empty icon="shield" title={t("adminExports.empty")} hint={t("adminExports.emptyHint")} />}
        {jobs && jobs.length > 0 && (
          <table class="admin-table exports-table">
            <caption class="sr-only">{t("adminExports.title")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("adminExports.column.of")}</th>
                <th scope="col">{t("adminExports.column.period")}</th>
                <th scope="col">{t("adminExports.column.startedBy")}</th>
                <th scope="col">{t("adminExports.column.state")}</th>
              </tr>
            </thead>
            <tbody>
              {jobs.map((j) => (
                <JobRow key={j.id} job={j} />
              ))}
            </tbody>
          </table>
        )}
      </section>
    </div>
  );
}
