// Administration basics: find members (active or deactivated, staff),
// change their role, deactivate and reactivate — over the admin accounts API.

import { useEffect, useState } from "preact/hooks";
import { PageHeader } from "../components/PageHeader";
import { Avatar, Dialog, Empty, ErrorBox, Spinner, displayName, useTitle } from "../components/ui";
import { api, errorMessage } from "../lib/api";
import type { AdminAccount } from "../lib/types";
import { isAdmin, me, toast } from "../state";
import { NotFound } from "./NotFound";
import { t } from "../i18n";

type Filter = "active" | "disabled" | "staff";
const ROLES = ["member", "moderator", "admin"];
/** The roles whose grant is confirmed first, saying what they grant (admin.grant). */
const GRANTED = new Set(["moderator", "admin"]);

export function AdminScreen() {
  useTitle(t("admin.title"));
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
    const timer = setTimeout(async () => {
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
    return () => clearTimeout(timer);
  }, [q, filter]);

  if (!isAdmin(me.value)) return <NotFound />;

  const replace = (updated: AdminAccount) => setPeople((l) => l.map((x) => (x.id === updated.id ? updated : x)));

  async function deactivate(a: AdminAccount) {
    try {
      await api(`/api/v1/admin/accounts/${a.id}/action`, { method: "POST", body: { type: "disable" } });
      toast(t("admin.deactivated", { name: displayName(a.account) }));
      setPeople((l) => l.filter((x) => x.id !== a.id));
      setConfirm(null);
    } catch (e) {
      toast(errorMessage(e), "error");
    }
  }

  async function reactivate(a: AdminAccount) {
    try {
      await api(`/api/v1/admin/accounts/${a.id}/enable`, { method: "POST", body: {} });
      toast(t("admin.reactivated", { name: displayName(a.account) }));
      setPeople((l) => l.filter((x) => x.id !== a.id));
    } catch (e) {
      toast(errorMessage(e), "error");
    }
  }

  // Giving power (moderator, admin) is confirmed first; taking it is not.
  function chooseRole(a: AdminAccount, role: string) {
    if (role === a.role.name) return;
    if (GRANTED.has(role)) setRoleChange({ account: a, role });
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
      toast(t("admin.roleChanged", { name: displayName(a.account), role }));
    } catch (e) {
      toast(errorMessage(e), "error");
    }
  }

  return (
    <div class="page">
      <PageHeader title={t("admin.title")} subtitle={t("admin.subtitle")}>
        <a href="/admin/health" class="btn btn-secondary">
          {t("admin.nav.health")}
        </a>
        <a href="/admin/reports" class="btn btn-secondary">
          {t("admin.nav.reports")}
        </a>
        <a href="/admin/audit" class="btn btn-secondary">
          {t("admin.nav.audit")}
        </a>
        <a href="/admin/compliance" class="btn btn-secondary">
          {t("admin.nav.compliance")}
        </a>
        <a href="/admin/advice" class="btn btn-secondary">
          {t("admin.nav.advice")}
        </a>
        <a href="/admin/announcements" class="btn btn-secondary">
          {t("admin.nav.announcements")}
        </a>
        <a href="/admin/custom-emoji" class="btn btn-secondary">
          {t("admin.nav.customEmoji")}
        </a>
      </PageHeader>
      <div class="card search-card" role="search">
        <input type="search" value={q} placeholder={t("admin.findMember")} aria-label={t("admin.findMember")} onInput={(e) => setQ((e.target as HTMLInputElement).value)} />
        <select aria-label={t("admin.show")} value={filter} onChange={(e) => setFilter((e.target as HTMLSelectElement).value as Filter)}>
          <option value="active">{t("admin.filter.active")}</option>
          <option value="disabled">{t("admin.filter.disabled")}</option>
          <option value="staff">{t("admin.filter.staff")}</option>
        </select>
      </div>
      <div class="card list-card" aria-busy={loading}>
        {error != null && <ErrorBox error={error} />}
        {loading && people.length === 0 && <Spinner label={t("admin.loadingMembers")} />}
        {!loading && !error && people.length === 0 && <Empty icon="people" title={t("admin.nobodyMatches")} hint={t("admin.nobodyMatchesHint")} />}
        {people.length > 0 && (
          <table class="admin-table">
            <caption class="sr-only">{t("admin.members")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("admin.column.member")}</th>
                <th scope="col">{t("admin.column.email")}</th>
                <th scope="col">{t("admin.column.role")}</th>
                <th scope="col">
                  <span class="sr-only">{t("admin.column.actions")}</span>
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
                        <span class={`role role-${d.role.name}`}>{t("admin.roleName", { role: d.role.name })}</span>
                      ) : (
                        <select
                          key={`${d.id}-${roleSelects}`}
                          aria-label={t("admin.roleOf", { name: displayName(a) })}
                          value={d.role.name}
                          onChange={(e) => chooseRole(d, (e.target as HTMLSelectElement).value)}
                        >
                          {ROLES.map((r) => (
                            <option value={r}>{t("admin.roleName", { role: r })}</option>
                          ))}
                        </select>
                      )}
                    </td>
                    <td class="cell-actions">
                      {!self && !d.disabled && (
                        <button type="button" class="btn btn-small btn-danger-outline" onClick={() => setConfirm(d)} aria-label={t("admin.deactivateName", { name: displayName(a) })}>
                          {t("admin.deactivate")}
                        </button>
                      )}
                      {d.disabled && (
                        <button type="button" class="btn btn-small btn-secondary" onClick={() => reactivate(d)} aria-label={t("admin.reactivateName", { name: displayName(a) })}>
                          {t("admin.reactivate")}
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
        <Dialog title={t("admin.makeRoleTitle", { name: displayName(roleChange.account.account), role: roleChange.role })} onClose={cancelRoleChange}>
          <p>{t("admin.grant", { role: roleChange.role })}</p>
          <p class="muted">{t("admin.auditNote")}</p>
          <div class="row-end">
            <button type="button" class="btn btn-secondary" onClick={cancelRoleChange}>
              {t("common.cancel")}
            </button>
            <button type="button" class="btn btn-primary" onClick={() => setRole(roleChange.account, roleChange.role)}>
              {t("admin.makeRole", { role: roleChange.role })}
            </button>
          </div>
        </Dialog>
      )}
      {confirm && (
        <Dialog title={t("admin.deactivateTitle", { name: displayName(confirm.account) })} onClose={() => setConfirm(null)}>
          <p>{t("admin.deactivateExplain")}</p>
          <div class="row-end">
            <button type="button" class="btn btn-secondary" onClick={() => setConfirm(null)}>
              {t("common.cancel")}
            </button>
            <button type="button" class="btn btn-danger" onClick={() => deactivate(confirm)}>
              {t("admin.deactivate")}
            </button>
          </div>
        </Dialog>
      )}
    </div>
  );
}
