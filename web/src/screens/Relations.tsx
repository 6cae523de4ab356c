// A person's followers and the people they follow; on one's own profile,
// also one's connections (mutual, confirmed links).

import { PageHeader } from "../components/PageHeader";
import { AccountPages } from "../components/AccountPages";
import { ErrorBox, Spinner, Tabs, displayName, useAsync, useTitle } from "../components/ui";
import { api } from "../lib/api";
import type { Account } from "../lib/types";
import { me } from "../state";

export type RelationKind = "followers" | "following" | "connections";

export function RelationsScreen({ id, kind }: { id: string; kind: RelationKind }) {
  const account = useAsync((signal) => api<Account>(`/api/v1/accounts/${id}`, { signal }), [id]);
  const self = me.value?.id === id;
  const name = account.data ? displayName(account.data) : "";
  const titles: Record<RelationKind, string> = {
    followers: self ? "Your followers" : `Followers of ${name}`,
    following: self ? "People you follow" : `People ${name} follows`,
    connections: "Your connections",
  };
  useTitle(account.data ? titles[kind] : "People");
  if (account.loading && !account.data) return <Spinner label="Loading…" />;
  if (account.error) return <ErrorBox error={account.error} onRetry={account.reload} />;
  const tabs: { id: RelationKind; label: string; href: string }[] = [
    { id: "followers", label: "Followers", href: `/people/${id}/followers` },
    { id: "following", label: "Following", href: `/people/${id}/following` },
  ];
  if (self) tabs.push({ id: "connections", label: "Connections", href: `/people/${id}/connections` });
  const shown: RelationKind = kind === "connections" && !self ? "followers" : kind;
  const path =
    shown === "connections" ? "/api/v1/atrium/connections" : `/api/v1/accounts/${id}/${shown === "followers" ? "followers" : "following"}`;
  const empty: Record<RelationKind, [string, string]> = {
    followers: [self ? "No followers yet" : `Nobody follows ${name} yet`, "People who follow see the posts in their home stream."],
    following: [self ? "You follow nobody yet" : `${name} follows nobody yet`, "Find colleagues under People."],
    connections: ["No connections yet", "Connect with colleagues on their profiles; connections see each other's network posts."],
  };
  return (
    <div class="page">
      <PageHeader title={titles[shown]}>
        <a class="btn btn-secondary btn-small" href={`/people/${id}`}>
          Back to the profile
        </a>
      </PageHeader>
      <Tabs label="People around this person" tabs={tabs} value={shown} />
      <div class="card list-card">
        <AccountPages key={path} path={path} label={titles[shown]} emptyTitle={empty[shown][0]} emptyHint={empty[shown][1]} />
      </div>
    </div>
  );
}
