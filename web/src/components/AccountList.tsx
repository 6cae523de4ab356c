import type { ComponentChildren } from "preact";
import type { Account } from "../lib/types";
import { profileHref } from "./StatusCard";
import { Avatar, displayName } from "./ui";

function titleOf(a: Account): string {
  const f = a.fields?.find((x) => x.name === "Title");
  return f ? f.value.replace(/<[^>]+>/g, "") : "";
}

/** A person in a list: avatar, name, title, and actions. */
export function AccountRow({ account, children, sub }: { account: Account; children?: ComponentChildren; sub?: string }) {
  const title = sub ?? titleOf(account);
  return (
    <li class="account-row">
      <a href={profileHref(account.id)} class="account-link">
        <Avatar account={account} size={40} />
        <span class="account-text">
          <strong>{displayName(account)}</strong>
          <span class="muted">{title || `@${account.acct}`}</span>
        </span>
      </a>
      {children && <span class="account-actions">{children}</span>}
    </li>
  );
}

export function AccountList({ accounts, label, children }: { accounts: Account[]; label: string; children?: (a: Account) => ComponentChildren }) {
  return (
    <ul class="account-list" aria-label={label}>
      {accounts.map((a) => (
        <AccountRow key={a.id} account={a}>
          {children?.(a)}
        </AccountRow>
      ))}
    </ul>
  );
}
