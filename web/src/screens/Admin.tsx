// Administration basics: find members, see their role and state, deactivate
// and reactivate. The API has no list of all accounts yet, so members are
// found through the people directory (active members only).

import { useEffect, useState } from "preact/hooks";
import { PageHeader } from "../components/PageHeader";
import { Avatar, Dialog, Empty, ErrorBox, Spinner, displayName, useTitle } from "../components/ui";
import { api, errorMessage } from "../lib/api";
import type { Account, AdminAccount } from "../lib/types";
import { isAdmin, me, toast } from "../state";
import { NotFound } from "./NotFound";

export function AdminScreen() {
  useTitle("Admin");
  const [q, setQ] = useState("");
  const [people, setPeople] = useState<Account[]>([]);
  const [details, setDetails] = useState<Record<string, AdminAccount>>({});
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<unknown>(null);
  const [confirm, setConfirm] = useState<Account | null>(null);

  useEffect(() => {
    const t = setTimeout(async () => {
      setLoading(true);
      setError(null);
      try {
        const list = await api<Account[]>("/api/v1/atrium/directory", { query: { q, limit: 40 } });
        setPeople(list);
        const loaded = await Promise.all(list.map((a) => api<AdminAccount>(`/api/v1/admin/accounts/${a.id}`).catch(() => null)));
        const map: Record<string, AdminAccount> = {};
        loaded.forEach((x) => x && (map[x.id] = x));
        setDetails(map);
      } catch (e) {
        setError(e);
      } finally {
        setLoading(false);
      }
    }, 250);
    return () => clearTimeout(t);
  }, [q]);

  if (!isAdmin(me.value)) return <NotFound />;

  async function deactivate(a: Account) {
    try {
      await api(`/api/v1/admin/accounts/${a.id}/action`, { method: "POST", body: { type: "disable" } });
      toast(`${displayName(a)} is deactivated; their sessions have ended`);
      setPeople((l) => l.filter((x) => x.id !== a.id));
      setConfirm(null);
    } catch (e) {
      toast(errorMessage(e), "error");
    }
  }

  return (
    <div class="page">
      <PageHeader title="Admin" subtitle="Members, roles and access." />
      <div class="card search-card" role="search">
        <input type="search" value={q} placeholder="Find a member by name" aria-label="Find a member by name" onInput={(e) => setQ((e.target as HTMLInputElement).value)} />
      </div>
      <div class="card list-card" aria-busy={loading}>
        {error != null && <ErrorBox error={error} />}
        {loading && people.length === 0 && <Spinner label="Loading members…" />}
        {!loading && !error && people.length === 0 && <Empty icon="people" title="No active member matches" />}
        {people.length > 0 && (
          <table class="admin-table">
            <caption class="sr-only">Members</caption>
            <thead>
              <tr>
                <th scope="col">Member</th>
                <th scope="col">E-mail</th>
                <th scope="col">Role</th>
                <th scope="col">
                  <span class="sr-only">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {people.map((a) => {
                const d = details[a.id];
                return (
                  <tr key={a.id}>
                    <td>
                      <a href={`/people/${a.id}`} class="account-link">
                        <Avatar account={a} size={32} />
                        <span>
                          <strong>{displayName(a)}</strong> <span class="muted">@{a.acct}</span>
                        </span>
                      </a>
                    </td>
                    <td>{d?.email ?? "—"}</td>
                    <td>
                      <span class={`role role-${d?.role?.name ?? "member"}`}>{d?.role?.name ?? "member"}</span>
                    </td>
                    <td class="cell-actions">
                      {a.id !== me.value?.id && (
                        <button type="button" class="btn btn-small btn-danger-outline" onClick={() => setConfirm(a)} aria-label={`Deactivate ${displayName(a)}`}>
                          Deactivate
                        </button>
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        )}
        <p class="muted admin-note">
          Roles are changed with <code>atrium user set-role</code> on the server; deactivated members are reactivated with <code>atrium user reactivate</code>.
        </p>
      </div>
      {confirm && (
        <Dialog title={`Deactivate ${displayName(confirm)}?`} onClose={() => setConfirm(null)}>
          <p>Their access ends at once: sessions end and tokens are revoked. Their posts stay.</p>
          <div class="row-end">
            <button type="button" class="btn btn-secondary" onClick={() => setConfirm(null)}>
              Cancel
            </button>
            <button type="button" class="btn btn-danger" onClick={() => deactivate(confirm)}>
              Deactivate
            </button>
          </div>
        </Dialog>
      )}
    </div>
  );
}
