// Administration basics: find members (active or deactivated, staff),
// change their role, deactivate and reactivate — over the admin accounts API.

import { useEffect, useState } from "preact/hooks";
import { PageHeader } from "../components/PageHeader";
import { Avatar, Dialog, Empty, ErrorBox, Spinner, displayName, useTitle } from "../components/ui";
import { api, errorMessage } from "../lib/api";
import type { AdminAccount } from "../lib/types";
import { isAdmin, me, toast } from "../state";
import { NotFound } from "./NotFound";

type Filter = "active" | "disabled" | "staff";
const ROLES = ["member", "moderator", "admin"];
/** What a role grants, said before an admin gives it. */
const GRANTS: Record<string, string> = {
  moderator: "Moderators can remove posts and comments of anyone, and handle reports and community moderation.",
  admin: "Admins can do everything: change anyone's role, deactivate people, and change the organization's settings.",
};

export function AdminScreen() {
  useTitle("Admin");
  const [q, setQ] = useState("");
  const [filter, setFilter] = useState<Filter>("active");
  const [people, setPeople] = useState<AdminAccount[]>([]);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<unknown>(null);
  const [confirm, setConfirm] = useState<AdminAccount | null>(null);
  const [roleChange, setRoleChange] = useState<{ account: AdminAccount; role: string } | null>(null);
  // Bumped when a role change is cancelled, so the select shows the role again.
  const [roleSelects, setRoleSelects] = useState(0);

  useEffect(() => {
    const t = setTimeout(async () => {
      setLoading(true);
      setError(null);
      try {
        const query: Record<string, string | number> = { limit: 80 };
        if (filter === "staff") query.permissions = "staff";
        else query.status = filter;
        if (q.trim()) query.display_name = q.trim();
        setPeople(await api<AdminAccount[]>("/api/v2/admin/accounts", { query }));
      } catch (e) {
        setError(e);
      } finally {
        setLoading(false);
      }
    }, 250);
    return () => clearTimeout(t);
  }, [q, filter]);

  if (!isAdmin(me.value)) return <NotFound />;

  const replace = (updated: AdminAccount) => setPeople((l) => l.map((x) => (x.id === updated.id ? updated : x)));

  async function deactivate(a: AdminAccount) {
    try {
      await api(`/api/v1/admin/accounts/${a.id}/action`, { method: "POST", body: { type: "disable" } });
      toast(`${displayName(a.account)} is deactivated; their sessions have ended`);
      setPeople((l) => l.filter((x) => x.id !== a.id));
      setConfirm(null);
    } catch (e) {
      toast(errorMessage(e), "error");
    }
  }

  async function reactivate(a: AdminAccount) {
    try {
      await api(`/api/v1/admin/accounts/${a.id}/enable`, { method: "POST", body: {} });
      toast(`${displayName(a.account)} can sign in again`);
      setPeople((l) => l.filter((x) => x.id !== a.id));
    } catch (e) {
      toast(errorMessage(e), "error");
    }
  }

  // Giving power (moderator, admin) is confirmed first; taking it is not.
  function chooseRole(a: AdminAccount, role: string) {
    if (role === a.role.name) return;
    if (GRANTS[role]) setRoleChange({ account: a, role });
    else setRole(a, role);
  }

  function cancelRoleChange() {
    setRoleChange(null);
    setRoleSelects((n) => n + 1);
  }

  async function setRole(a: AdminAccount, role: string) {
    setRoleChange(null);
    try {
      replace(await api<AdminAccount>(`/api/v1/atrium/admin/accounts/${a.id}/role`, { method: "POST", body: { role } }));
      toast(`${displayName(a.account)} is now ${role === "admin" ? "an admin" : `a ${role}`}`);
    } catch (e) {
      toast(errorMessage(e), "error");
    }
  }

  return (
    <div class="page">
      <PageHeader title="Admin" subtitle="Members, roles and access.">
        <a href="/admin/health" class="btn btn-secondary">
          Health
        </a>
        <a href="/admin/reports" class="btn btn-secondary">
          Reports
        </a>
        <a href="/admin/audit" class="btn btn-secondary">
          Audit log
        </a>
        <a href="/admin/compliance" class="btn btn-secondary">
          Compliance
        </a>
        <a href="/admin/advice" class="btn btn-secondary">
          Advice rules
        </a>
        <a href="/admin/announcements" class="btn btn-secondary">
          Announcements
        </a>
        <a href="/admin/custom-emoji" class="btn btn-secondary">
          Custom emoji
        </a>
      </PageHeader>
      <div class="card search-card" role="search">
        <input type="search" value={q} placeholder="Find a member by name" aria-label="Find a member by name" onInput={(e) => setQ((e.target as HTMLInputElement).value)} />
        <select aria-label="Show" value={filter} onChange={(e) => setFilter((e.target as HTMLSelectElement).value as Filter)}>
          <option value="active">Active members</option>
          <option value="disabled">Deactivated</option>
          <option value="staff">Admins and moderators</option>
        </select>
      </div>
      <div class="card list-card" aria-busy={loading}>
        {error != null && <ErrorBox error={error} />}
        {loading && people.length === 0 && <Spinner label="Loading members…" />}
        {!loading && !error && people.length === 0 && <Empty icon="people" title="Nobody matches" hint="Try another name or another filter." />}
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
              {people.map((d) => {
                const a = d.account;
                const self = d.id === me.value?.id;
                return (
                  <tr key={d.id}>
                    <td>
                      <a href={`/people/${a.id}`} class="account-link">
                        <Avatar account={a} size={32} />
                        <span>
                          <strong>{displayName(a)}</strong> <span class="muted">@{a.acct}</span>
                        </span>
                      </a>
                    </td>
                    <td>{d.email || "—"}</td>
                    <td>
                      {self || d.disabled ? (
                        <span class={`role role-${d.role.name}`}>{d.role.name}</span>
                      ) : (
                        <select
                          key={`${d.id}-${roleSelects}`}
                          aria-label={`Role of ${displayName(a)}`}
                          value={d.role.name}
                          onChange={(e) => chooseRole(d, (e.target as HTMLSelectElement).value)}
                        >
                          {ROLES.map((r) => (
                            <option value={r}>{r}</option>
                          ))}
                        </select>
                      )}
                    </td>
                    <td class="cell-actions">
                      {!self && !d.disabled && (
                        <button type="button" class="btn btn-small btn-danger-outline" onClick={() => setConfirm(d)} aria-label={`Deactivate ${displayName(a)}`}>
                          Deactivate
                        </button>
                      )}
                      {d.disabled && (
                        <button type="button" class="btn btn-small btn-secondary" onClick={() => reactivate(d)} aria-label={`Reactivate ${displayName(a)}`}>
                          Reactivate
                        </button>
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        )}
      </div>
      {roleChange && (
        <Dialog title={`Make ${displayName(roleChange.account.account)} ${roleChange.role === "admin" ? "an admin" : "a moderator"}?`} onClose={cancelRoleChange}>
          <p>{GRANTS[roleChange.role]}</p>
          <p class="muted">The change is recorded in the audit log.</p>
          <div class="row-end">
            <button type="button" class="btn btn-secondary" onClick={cancelRoleChange}>
              Cancel
            </button>
            <button type="button" class="btn btn-primary" onClick={() => setRole(roleChange.account, roleChange.role)}>
              Make {roleChange.role === "admin" ? "admin" : "moderator"}
            </button>
          </div>
        </Dialog>
      )}
      {confirm && (
        <Dialog title={`Deactivate ${displayName(confirm.account)}?`} onClose={() => setConfirm(null)}>
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
