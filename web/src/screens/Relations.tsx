// A person's followers, the people they follow and their connections
// (mutual, confirmed links): one's own, or another person's as the reader
// may see them.

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
    connections: self ? "Your connections" : `Connections of ${name}`,
  };
  useTitle(account.data ? titles[kind] : "People");
  if (account.loading && !account.data) return <Spinner label="Loading…" />;
  if (account.error) return <ErrorBox error={account.error} onRetry={account.reload} />;
  const tabs: { id: RelationKind; label: string; href: string }[] = [
    { id: "followers", label: "Followers", href: `/people/${id}/followers` },
    { id: "following", label: "Following", href: `/people/${id}/following` },
    { id: "connections", label: "Connections", href: `/people/${id}/connections` },
  ];
  const paths: Record<RelationKind, string> = {
    followers: `/api/v1/accounts/${id}/followers`,
    following: `/api/v1/accounts/${id}/following`,
    connections: self ? "/api/v1/atrium/connections" : `/api/v1/atrium/profiles/${id}/connections`,
  };
  const path = paths[kind];
  const empty: Record<RelationKind, [string, string]> = {
    followers: [self ? "No followers yet" : `Nobody follows ${name} yet`, "People who follow see the posts in their home stream."],
    following: [self ? "You follow nobody yet" : `${name} follows nobody yet`, "Find colleagues under People."],
    connections: self
      ? ["No connections yet", "Connect with colleagues on their profiles; connections see each other's network posts."]
      : [`${name} has no connections yet`, "Connections are colleagues who accepted each other's invitation."],
  };
  return (
    <div class="page">
      <PageHeader title={titles[kind]}>
        <a class="btn btn-secondary btn-small" href={`/people/${id}`}>
          Back to the profile
        </a>
      </PageHeader>
      <Tabs label="People around this person" tabs={tabs} value={kind} />
      <div class="card list-card">
        <AccountPages key={path} path={path} label={titles[kind]} emptyTitle={empty[kind][0]} emptyHint={empty[kind][1]} />
      </div>
    </div>
  );
}
