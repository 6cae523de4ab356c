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
  if (p.posts != null) parts.push(`${p.posts} posts`);
  if (p.deleted_under_hold) parts.push(`${p.deleted_under_hold} deleted under hold`);
  if (p.direct_received != null) parts.push(`${p.direct_received} direct messages received`);
  if (p.likes != null) parts.push(`${p.likes} likes`);
  if (p.members != null) parts.push(`${p.members} members`);
  if (p.moderation_actions != null) parts.push(`${p.moderation_actions} moderation actions`);
  if (p.attachments != null) parts.push(`${p.attachments} attachments`);
  return parts.join(", ");
}

function sizeText(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
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
      toast(`Export of ${name} started`);
      onStarted(job);
    } catch (err) {
      toast(errorMessage(err), "error");
    } finally {
      setBusy(false);
    }
  }

  return (
    <section class="card" aria-labelledby="export-start-title">
      <h2 id="export-start-title">Start an export</h2>
      <p class="muted">
        A person's export holds everything they wrote (with earlier versions, and what they deleted under a legal hold), the direct messages they received, their likes and the original attachments. A community's holds its posts and comments, its members and its moderation log. Each comes as one archive with a manifest of SHA-256 checksums.
      </p>
      <form class="stack" onSubmit={start}>
        <label>
          Export
          <select value={kind} onChange={(e) => setKind((e.target as HTMLSelectElement).value as "person" | "community")}>
            <option value="person">a person (username)</option>
            <option value="community">a community (handle)</option>
          </select>
        </label>
        <label>
          {kind === "person" ? "Username" : "Community handle"}
          <input value={who} required onInput={(e) => setWho((e.target as HTMLInputElement).value)} />
        </label>
        <label>
          From (first day, optional)
          <input type="date" value={from} onInput={(e) => setFrom((e.target as HTMLInputElement).value)} />
        </label>
        <label>
          Through (last day, optional)
          <input type="date" value={to} onInput={(e) => setTo((e.target as HTMLInputElement).value)} />
        </label>
        <div class="row-end">
          <button type="submit" class="btn btn-primary" disabled={busy}>
            Start export
          </button>
        </div>
      </form>
    </section>
  );
}

function JobRow({ job }: { job: ExportJob }) {
  const what = job.account_id ? <a href={`/people/${job.account_id}`}>person {job.account_id}</a> : <a href={`/communities/${job.community_id}`}>community {job.community_id}</a>;
  let state;
  if (job.state === "done" && job.file)
    state = (
      <>
        <span class="export-state export-done">Done</span> — {describeProgress(job.progress)}{" "}
        <a class="btn btn-secondary" href={job.file.download_url} download>
          Download ({sizeText(job.file.bytes)})
        </a>
        <div class="muted export-sha">SHA-256 {job.file.sha256}</div>
      </>
    );
  else if (job.state === "failed") state = <span class="export-state export-failed">Failed: {job.error}</span>;
  else if (job.state === "running")
    state = (
      <span class="export-state export-running" role="status">
        Running{describeProgress(job.progress) ? ` — ${describeProgress(job.progress)} so far` : "…"}
      </span>
    );
  else
    state = (
      <span class="export-state export-queued" role="status">
        Queued
      </span>
    );
  return (
    <tr data-export-id={job.id}>
      <td>{what}</td>
      <td>
        {job.from ? new Date(job.from).toLocaleDateString() : "the beginning"} – {job.to ? new Date(job.to).toLocaleDateString() : "now"}
      </td>
      <td>
        {job.requested_by.username}, <time dateTime={job.created_at}>{new Date(job.created_at).toLocaleString()}</time>
      </td>
      <td>{state}</td>
    </tr>
  );
}

export function AdminExportsScreen() {
  useTitle("eDiscovery exports");
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
      <PageHeader title="eDiscovery exports" subtitle="Everything one person or one community said, for legal review.">
        <a href="/admin/compliance" class="btn btn-secondary">
          Compliance
        </a>
        <a href="/admin/audit" class="btn btn-secondary">
          Audit log
        </a>
      </PageHeader>
      <StartExportForm onStarted={(job) => setJobs([job, ...(jobs ?? [])])} />
      <section class="card" aria-labelledby="exports-title">
        <h2 id="exports-title">Exports</h2>
        {error != null && <ErrorBox error={error} onRetry={load} />}
        {!jobs && error == null && <Spinner label="Reading the exports…" />}
        {jobs && jobs.length === 0 && <Empty icon="shield" title="No exports" hint="None has been started." />}
        {jobs && jobs.length > 0 && (
          <table class="admin-table exports-table">
            <caption class="sr-only">eDiscovery exports</caption>
            <thead>
              <tr>
                <th scope="col">Of</th>
                <th scope="col">Period</th>
                <th scope="col">Started by</th>
                <th scope="col">State</th>
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
