// A person's followers, the people they follow and their connections
// (mutual, confirmed links): one's own, or another person's as the reader
// may see them.

import { PageHeader } from "../components/PageHeader";
import { AccountPages } from "../components/AccountPages";
import { ErrorBox, Spinner, Tabs, displayName, useAsync, useTitle } from "../components/ui";
import { api } from "../lib/api";
import type { Account } from "../lib/types";
import { me } from "../state";
import { t } from "../i18n";

export type RelationKind = "followers" | "following" | "connections";

export function RelationsScreen({ id, kind }: { id: string; kind: RelationKind }) {
  const account = useAsync((signal) => api<Account>(`/api/v1/accounts/${id}`, { signal }), [id]);
  const self = me.value?.id === id;
  const name = account.data ? displayName(account.data) : "";
  const titles: Record<RelationKind, string> = {
    followers: self ? t("relations.yourFollowers") : t("relations.followersOf", { name }),
    following: self ? t("relations.youFollow") : t("relations.followingOf", { name }),
    connections: self ? t("relations.yourConnections") : t("relations.connectionsOf", { name }),
  };
  useTitle(account.data ? titles[kind] : t("relations.people"));
  if (account.loading && !account.data) return <Spinner label={t("common.loading")} />;
  if (account.error) return <ErrorBox error={account.error} onRetry={account.reload} />;
  const tabs: { id: RelationKind; label: string; href: string }[] = [
    { id: "followers", label: t("relations.followers"), href: `/people/${id}/followers` },
    { id: "following", label: t("relations.following"), href: `/people/${id}/following` },
    { id: "connections", label: t("relations.connections"), href: `/people/${id}/connections` },
  ];
  const paths: Record<RelationKind, string> = {
    followers: `/api/v1/accounts/${id}/followers`,
    following: `/api/v1/accounts/${id}/following`,
    connections: self ? "/api/v1/atrium/connections" : `/api/v1/atrium/profiles/${id}/connections`,
  };
  const path = paths[kind];
  const empty: Record<RelationKind, [string, string]> = {
    followers: [self ? t("relations.noFollowers") : t("relations.noFollowersOf", { name }), t("relations.followersHint")],
    following: [self ? t("relations.youFollowNobody") : t("relations.followsNobody", { name }), t("relations.followingHint")],
    connections: self
      ? [t("relations.noConnections"), t("relations.connectionsHintSelf")]
      : [t("relations.noConnectionsOf", { name }), t("relations.connectionsHint")],
  };
  return (
    <div class="page">
      <PageHeader title={titles[kind]}>
        <a class="btn btn-secondary btn-small" href={`/people/${id}`}>
          {t("relations.backToProfile")}
        </a>
      </PageHeader>
      <Tabs label={t("relations.tabsLabel")} tabs={tabs} value={kind} />
      <div class="card list-card">
        <AccountPages key={path} path={path} label={titles[kind]} emptyTitle={empty[kind][0]} emptyHint={empty[kind][1]} />
      </div>
    </div>
  );
}
