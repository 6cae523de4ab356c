// The reader's personal feed token (GET/POST/DELETE /api/v1/atrium/feed_token):
// the credential in the URLs of the Atom feeds of blogs they subscribe to in
// a feed reader. Shown once, when created; creating another replaces it,
// revoking ends it — the feed reader's subscriptions stop working.

import { useState } from "preact/hooks";
import { ErrorBox, Spinner, useAsync } from "./ui";
import { ApiError, api, errorMessage } from "../lib/api";
import { rememberFeedToken } from "../lib/feeds";
import { me, toast } from "../state";
import { t } from "../i18n";
import { formatDateTime } from "../i18n/format";

interface FeedToken {
  created_at: string;
  token?: string;
  account_feed_url?: string;
  community_feed_url_template?: string;
}

const PATH = "/api/v1/atrium/feed_token";

export function FeedTokenSettings() {
  const r = useAsync(async (signal) => {
    try {
      return await api<FeedToken>(PATH, { signal });
    } catch (e) {
      if (e instanceof ApiError && e.status === 404) return null; // none yet
      throw e;
    }
  }, []);
  const [issued, setIssued] = useState<FeedToken | null>(null);
  const [busy, setBusy] = useState(false);

  async function create() {
    if (r.data && !confirm(t("feedToken.confirmReplace"))) return;
    setBusy(true);
    try {
      const created = await api<FeedToken>(PATH, { method: "POST", body: {} });
      rememberFeedToken(created.token ?? null);
      setIssued(created);
      r.set({ created_at: created.created_at });
      toast(t("feedToken.created"));
    } catch (e) {
      toast(errorMessage(e), "error");
    } finally {
      setBusy(false);
    }
  }

  async function revoke() {
    if (!confirm(t("feedToken.confirmRevoke"))) return;
    setBusy(true);
    try {
      await api(PATH, { method: "DELETE" });
      rememberFeedToken(null);
      setIssued(null);
      r.set(null);
      toast(t("feedToken.revoked"));
    } catch (e) {
      toast(errorMessage(e), "error");
    } finally {
      setBusy(false);
    }
  }

  return (
    <section class="card form settings-form" aria-labelledby="feeds-h">
      <h2 id="feeds-h">{t("feedToken.title")}</h2>
      <p class="muted">
        {t("feedToken.intro")}
      </p>
      {r.loading && r.data === undefined ? (
        <Spinner />
      ) : r.error ? (
        <ErrorBox error={r.error} onRetry={r.reload} />
      ) : (
        <>
          {r.data ? (
            <p>
              <time dateTime={r.data.created_at}>{t("feedToken.createdOn", { when: formatDateTime(r.data.created_at) })}</time>
            </p>
          ) : (
            <p>{t("feedToken.none")}</p>
          )}
          {issued?.token && (
            <div class="feed-token-issued" role="status">
              <p>
                <strong>{t("feedToken.copyNow")}</strong> {t("feedToken.shownOnce")}
              </p>
              <label class="field">
                <span>{t("feedToken.yourFeed")}</span>
                <input readOnly value={issued.account_feed_url} onFocus={(e) => (e.target as HTMLInputElement).select()} />
              </label>
              <label class="field">
                <span>{t("feedToken.communityFeed", { placeholder: "{id}" })}</span>
                <input readOnly value={issued.community_feed_url_template} onFocus={(e) => (e.target as HTMLInputElement).select()} />
              </label>
              {me.value && <small class="muted">{t("feedToken.memberFeed", { id: me.value.id })}</small>}
            </div>
          )}
          <div class="btn-row">
            <button type="button" class="btn btn-primary" disabled={busy} onClick={create}>
              {r.data ? t("feedToken.createNew") : t("feedToken.create")}
            </button>
            {r.data && (
              <button type="button" class="btn btn-secondary" disabled={busy} onClick={revoke}>
                {t("feedToken.revoke")}
              </button>
            )}
          </div>
        </>
      )}
    </section>
  );
}
