// The reader's lists: named groups of people they follow, each with its own
// stream. Create, rename and delete lists; add and remove people.

import { useState } from "preact/hooks";
import { AccountPages } from "../components/AccountPages";
import { Icon } from "../components/icons";
import { PageHeader } from "../components/PageHeader";
import { Timeline } from "../components/Timeline";
import { Dialog, Empty, ErrorBox, FormFooter, Spinner, Tabs, displayName, useAsync, useTitle } from "../components/ui";
import { api, errorMessage } from "../lib/api";
import { navigate } from "../lib/router";
import type { Account } from "../lib/types";
import { toast } from "../state";

interface List {
  id: string;
  title: string;
}

export function ListsScreen() {
  useTitle("Lists");
  const lists = useAsync((signal) => api<List[]>("/api/v1/lists", { signal }), []);
  const [title, setTitle] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function create(e: Event) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const l = await api<List>("/api/v1/lists", { method: "POST", body: { title: title.trim() } });
      setTitle("");
      toast(`List “${l.title}” created`);
      navigate(`/lists/${l.id}/people`);
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <div class="page">
      <PageHeader title="Lists" subtitle="Groups of people you follow, each with a stream of its own. Only you see your lists." />
      <form class="card form settings-form" onSubmit={create} aria-labelledby="new-list-h">
        <h2 id="new-list-h">New list</h2>
        <label class="field">
          <span>Name</span>
          <input type="text" required maxLength={100} value={title} onInput={(e) => setTitle((e.target as HTMLInputElement).value)} />
        </label>
        <FormFooter error={error} busy={busy} submit="Create list" busyLabel="Creating…" />
      </form>
      {lists.loading && !lists.data && <Spinner label="Loading your lists…" />}
      {lists.error != null && <ErrorBox error={lists.error} onRetry={lists.reload} />}
      {lists.data && lists.data.length === 0 && <Empty icon="list" title="No lists yet" hint="Name a list above, then add people you follow to it." />}
      {lists.data && lists.data.length > 0 && (
        <ul class="card list-card list-links" aria-label="Your lists">
          {lists.data.map((l) => (
            <li key={l.id}>
              <a href={`/lists/${l.id}`}>
                <Icon name="list" /> {l.title}
              </a>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

export function ListScreen({ id, tab }: { id: string; tab: "stream" | "people" }) {
  const list = useAsync((signal) => api<List>(`/api/v1/lists/${id}`, { signal }), [id]);
  const [dialog, setDialog] = useState<"rename" | "delete" | null>(null);
  useTitle(list.data?.title ?? "List");
  if (list.loading && !list.data) return <Spinner label="Loading the list…" />;
  if (list.error != null || !list.data) return <ErrorBox error={list.error} onRetry={list.reload} />;
  const l = list.data;
  return (
    <div class="page">
      <PageHeader title={l.title} subtitle="A list of yours: only you see it.">
        <button type="button" class="btn btn-secondary btn-small" onClick={() => setDialog("rename")}>
          <Icon name="edit" size={16} /> Rename
        </button>
        <button type="button" class="btn btn-small btn-danger-outline" onClick={() => setDialog("delete")}>
          <Icon name="trash" size={16} /> Delete
        </button>
      </PageHeader>
      <Tabs
        label="List"
        value={tab}
        tabs={[
          { id: "stream", label: "Posts", href: `/lists/${id}` },
          { id: "people", label: "People", href: `/lists/${id}/people` },
        ]}
      />
      {tab === "stream" ? (
        <Timeline
          key={id}
          label={`Posts from ${l.title}`}
          path={`/api/v1/timelines/list/${id}`}
          stream={{ stream: "list", list: id }}
          emptyIcon="list"
          emptyTitle="Nothing from this list yet"
          emptyHint="Posts by the people on the list show here. Add people under People."
        />
      ) : (
        <ListPeople id={id} />
      )}
      {dialog === "rename" && <RenameList list={l} onDone={(u) => (setDialog(null), u && list.set(u))} />}
      {dialog === "delete" && <DeleteList list={l} onClose={() => setDialog(null)} />}
    </div>
  );
}

function ListPeople({ id }: { id: string }) {
  const [version, setVersion] = useState(0);
  const [q, setQ] = useState("");
  const [found, setFound] = useState<Account[] | null>(null);
  const [error, setError] = useState<string | null>(null);

  async function search(e: Event) {
    e.preventDefault();
    setError(null);
    try {
      setFound(await api<Account[]>("/api/v1/accounts/search", { query: { q: q.trim(), following: true, limit: 10 } }));
    } catch (err) {
      setError(errorMessage(err));
    }
  }
  async function change(a: Account, add: boolean) {
    try {
      await api(`/api/v1/lists/${id}/accounts`, { method: add ? "POST" : "DELETE", body: { account_ids: [a.id] } });
      toast(add ? `${displayName(a)} added to the list` : `${displayName(a)} removed from the list`);
      setVersion((v) => v + 1);
      if (add) setFound((f) => f?.filter((x) => x.id !== a.id) ?? null);
    } catch (err) {
      toast(errorMessage(err), "error");
    }
  }

  return (
    <>
      <form class="card form settings-form" role="search" onSubmit={search} aria-labelledby="list-add-h">
        <h2 id="list-add-h">Add people you follow</h2>
        <div class="row">
          <label class="sr-only" for={`list-add-${id}`}>
            Name of someone you follow
          </label>
          <input id={`list-add-${id}`} type="search" required value={q} onInput={(e) => setQ((e.target as HTMLInputElement).value)} placeholder="Name of someone you follow" />
          <button type="submit" class="btn btn-secondary">
            Find
          </button>
        </div>
        {error && (
          <p class="form-error" role="alert">
            {error}
          </p>
        )}
        {found && found.length === 0 && <p class="muted">Nobody you follow has that name.</p>}
        {found && found.length > 0 && (
          <ul class="account-list" aria-label="People found">
            {found.map((a) => (
              <li key={a.id} class="account-row">
                <span class="account-text">
                  <strong>{displayName(a)}</strong>
                  <span class="muted">@{a.acct}</span>
                </span>
                <button type="button" class="btn btn-small btn-primary" onClick={() => change(a, true)}>
                  Add <span class="sr-only">{displayName(a)}</span>
                </button>
              </li>
            ))}
          </ul>
        )}
      </form>
      <div class="card list-card">
        <AccountPages
          path={`/api/v1/lists/${id}/accounts`}
          version={version}
          label="People on this list"
          emptyIcon="list"
          emptyTitle="Nobody on this list yet"
          emptyHint="Find people you follow above and add them."
        >
          {(a) => (
            <button type="button" class="btn btn-small btn-secondary" onClick={() => change(a, false)}>
              Remove <span class="sr-only">{displayName(a)}</span>
            </button>
          )}
        </AccountPages>
      </div>
    </>
  );
}

function RenameList({ list, onDone }: { list: List; onDone: (updated?: List) => void }) {
  const [title, setTitle] = useState(list.title);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  async function save(e: Event) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      onDone(await api<List>(`/api/v1/lists/${list.id}`, { method: "PUT", body: { title: title.trim() } }));
    } catch (err) {
      setError(errorMessage(err));
      setBusy(false);
    }
  }
  return (
    <Dialog title="Rename list" onClose={() => onDone()}>
      <form class="form" onSubmit={save}>
        <label class="field">
          <span>Name</span>
          <input type="text" required maxLength={100} value={title} onInput={(e) => setTitle((e.target as HTMLInputElement).value)} />
        </label>
        <FormFooter error={error} busy={busy} submit="Save" busyLabel="Saving…" onCancel={() => onDone()} />
      </form>
    </Dialog>
  );
}

function DeleteList({ list, onClose }: { list: List; onClose: () => void }) {
  const [busy, setBusy] = useState(false);
  async function remove() {
    setBusy(true);
    try {
      await api(`/api/v1/lists/${list.id}`, { method: "DELETE" });
      toast(`List “${list.title}” deleted`);
      navigate("/lists");
    } catch (err) {
      toast(errorMessage(err), "error");
      setBusy(false);
    }
  }
  return (
    <Dialog title="Delete list?" onClose={onClose}>
      <p>
        The list “{list.title}” goes away. The people on it are not told, and you keep following them.
      </p>
      <div class="row-end">
        <button type="button" class="btn btn-secondary" onClick={onClose}>
          Cancel
        </button>
        <button type="button" class="btn btn-danger" onClick={remove} disabled={busy}>
          {busy ? "Deleting…" : "Delete list"}
        </button>
      </div>
    </Dialog>
  );
}
