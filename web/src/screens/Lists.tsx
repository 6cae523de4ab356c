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
import { t } from "../i18n";

interface List {
  id: string;
  title: string;
}

export function ListsScreen() {
  useTitle(t("lists.title"));
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
      toast(t("lists.created", { title: l.title }));
      navigate(`/lists/${l.id}/people`);
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <div class="page">
      <PageHeader title={t("lists.title")} subtitle={t("lists.subtitle")} />
      <form class="card form settings-form" onSubmit={create} aria-labelledby="new-list-h">
        <h2 id="new-list-h">{t("lists.newList")}</h2>
        <label class="field">
          <span>{t("lists.name")}</span>
          <input type="text" required maxLength={100} value={title} onInput={(e) => setTitle((e.target as HTMLInputElement).value)} />
        </label>
        <FormFooter error={error} busy={busy} submit={t("lists.create")} busyLabel={t("lists.creating")} />
      </form>
      {lists.loading && !lists.data && <Spinner label={t("lists.loadingLists")} />}
      {lists.error != null && <ErrorBox error={lists.error} onRetry={lists.reload} />}
      {lists.data && lists.data.length === 0 && <Empty icon="list" title={t("lists.empty")} hint={t("lists.emptyHint")} />}
      {lists.data && lists.data.length > 0 && (
        <ul class="card list-card list-links" aria-label={t("lists.yourLists")}>
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
  useTitle(list.data?.title ?? t("lists.list"));
  if (list.loading && !list.data) return <Spinner label={t("lists.loadingList")} />;
  if (list.error != null || !list.data) return <ErrorBox error={list.error} onRetry={list.reload} />;
  const l = list.data;
  return (
    <div class="page">
      <PageHeader title={l.title} subtitle={t("lists.listSubtitle")}>
        <button type="button" class="btn btn-secondary btn-small" onClick={() => setDialog("rename")}>
          <Icon name="edit" size={16} /> {t("lists.rename")}
        </button>
        <button type="button" class="btn btn-small btn-danger-outline" onClick={() => setDialog("delete")}>
          <Icon name="trash" size={16} /> {t("common.delete")}
        </button>
      </PageHeader>
      <Tabs
        label={t("lists.list")}
        value={tab}
        tabs={[
          { id: "stream", label: t("lists.posts"), href: `/lists/${id}` },
          { id: "people", label: t("lists.people"), href: `/lists/${id}/people` },
        ]}
      />
      {tab === "stream" ? (
        <Timeline
          key={id}
          label={t("lists.postsFrom", { title: l.title })}
          path={`/api/v1/timelines/list/${id}`}
          stream={{ stream: "list", list: id }}
          emptyIcon="list"
          emptyTitle={t("lists.streamEmpty")}
          emptyHint={t("lists.streamEmptyHint")}
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
      toast(add ? t("lists.added", { name: displayName(a) }) : t("lists.removed", { name: displayName(a) }));
      setVersion((v) => v + 1);
      if (add) setFound((f) => f?.filter((x) => x.id !== a.id) ?? null);
    } catch (err) {
      toast(errorMessage(err), "error");
    }
  }

  return (
    <>
      <form class="card form settings-form" role="search" onSubmit={search} aria-labelledby="list-add-h">
        <h2 id="list-add-h">{t("lists.addPeople")}</h2>
        <div class="row">
          <label class="sr-only" for={`list-add-${id}`}>
            {t("lists.someoneYouFollow")}
          </label>
          <input id={`list-add-${id}`} type="search" required value={q} onInput={(e) => setQ((e.target as HTMLInputElement).value)} placeholder={t("lists.someoneYouFollow")} />
          <button type="submit" class="btn btn-secondary">
            {t("lists.find")}
          </button>
        </div>
        {error && (
          <p class="form-error" role="alert">
            {error}
          </p>
        )}
        {found && found.length === 0 && <p class="muted">{t("lists.nobodyFound")}</p>}
        {found && found.length > 0 && (
          <ul class="account-list" aria-label={t("lists.peopleFound")}>
            {found.map((a) => (
              <li key={a.id} class="account-row">
                <span class="account-text">
                  <strong>{displayName(a)}</strong>
                  <bdi class="muted">@{a.acct}</bdi>
                </span>
                <button type="button" class="btn btn-small btn-primary" onClick={() => change(a, true)}>
                  {t("lists.add")} <span class="sr-only">{displayName(a)}</span>
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
          label={t("lists.peopleOnList")}
          emptyIcon="list"
          emptyTitle={t("lists.nobodyOnList")}
          emptyHint={t("lists.nobodyOnListHint")}
        >
          {(a) => (
            <button type="button" class="btn btn-small btn-secondary" onClick={() => change(a, false)}>
              {t("lists.remove")} <span class="sr-only">{displayName(a)}</span>
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
    <Dialog title={t("lists.renameList")} onClose={() => onDone()}>
      <form class="form" onSubmit={save}>
        <label class="field">
          <span>{t("lists.name")}</span>
          <input type="text" required maxLength={100} value={title} onInput={(e) => setTitle((e.target as HTMLInputElement).value)} />
        </label>
        <FormFooter error={error} busy={busy} submit={t("common.save")} busyLabel={t("lists.saving")} onCancel={() => onDone()} />
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
      toast(t("lists.deleted", { title: list.title }));
      navigate("/lists");
    } catch (err) {
      toast(errorMessage(err), "error");
      setBusy(false);
    }
  }
  return (
    <Dialog title={t("lists.deleteTitle")} onClose={onClose}>
      <p>{t("lists.deleteText", { title: list.title })}</p>
      <div class="row-end">
        <button type="button" class="btn btn-secondary" onClick={onClose}>
          {t("common.cancel")}
        </button>
        <button type="button" class="btn btn-danger" onClick={remove} disabled={busy}>
          {busy ? t("lists.deleting") : t("lists.deleteList")}
        </button>
      </div>
    </Dialog>
  );
}
