// A paged list of people from an API path that answers accounts with Link
// headers: the first page, then "Show more" only while there is more.

import type { ComponentChildren } from "preact";
import { useEffect, useState } from "preact/hooks";
import { errorMessage, requestPage } from "../lib/api";
import type { Account } from "../lib/types";
import { AccountList } from "./AccountList";
import type { IconName } from "./icons";
import { Empty, ErrorBox, Spinner } from "./ui";
import { t } from "../i18n";

export function AccountPages({
  path,
  label,
  emptyTitle,
  emptyHint,
  emptyIcon = "people",
  version = 0,
  children,
}: {
  path: string;
  label: string;
  emptyTitle: string;
  emptyHint?: string;
  emptyIcon?: IconName;
  /** Changing it reloads the list. */
  version?: number;
  children?: (a: Account) => ComponentChildren;
}) {
  const [accounts, setAccounts] = useState<Account[]>([]);
  const [next, setNext] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const [more, setMore] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [tick, setTick] = useState(0);

  useEffect(() => {
    const ctrl = new AbortController();
    setLoading(true);
    setError(null);
    requestPage<Account[]>(path, { query: { limit: 40 }, signal: ctrl.signal }).then(
      (r) => {
        setAccounts(r.data);
        setNext(r.data.length > 0 ? (r.links.next ?? null) : null);
        setLoading(false);
      },
      (e) => {
        if (ctrl.signal.aborted) return;
        setError(e);
        setLoading(false);
      },
    );
    return () => ctrl.abort();
  }, [path, version, tick]);

  async function loadMore() {
    if (!next) return;
    setMore(true);
    try {
      const r = await requestPage<Account[]>(next);
      const known = new Set(accounts.map((a) => a.id));
      setAccounts([...accounts, ...r.data.filter((a) => !known.has(a.id))]);
      setNext(r.data.length > 0 ? (r.links.next ?? null) : null);
    } catch (e) {
      setError(e);
    } finally {
      setMore(false);
    }
  }

  if (loading) return <Spinner label={t("accountPages.loading")} />;
  if (error != null && accounts.length === 0) return <ErrorBox error={error} onRetry={() => setTick((x) => x + 1)} />;
  if (accounts.length === 0) return <Empty icon={emptyIcon} title={emptyTitle} hint={emptyHint} />;
  return (
    <>
      <AccountList accounts={accounts} label={label}>
        {children}
      </AccountList>
      {error != null && (
        <p class="form-error" role="alert">
          {errorMessage(error)}
        </p>
      )}
      {next && (
        <div class="load-more">
          <button type="button" class="btn btn-secondary" onClick={loadMore} disabled={more}>
            {more ? t("common.loading") : t("accountPages.more")}
          </button>
        </div>
      )}
    </>
  );
}
