// The reader's personal feed token (GET/POST/DELETE /api/v1/atrium/feed_token):
// the credential in the URLs of the Atom feeds of blogs they subscribe to in
// a feed reader. Shown once, when created; creating another replaces it,
// revoking ends it — the feed reader's subscriptions stop working.

import { useState } from "preact/hooks";
import { ErrorBox, Spinner, useAsync } from "./ui";
import { ApiError, api, errorMessage } from "../lib/api";
import { rememberFeedToken } from "../lib/feeds";
import { me, toast } from "../state";

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
    if (r.data && !confirm("Create a new feed token? Feed readers using the current one stop receiving your feeds.")) return;
    setBusy(true);
    try {
      const t = await api<FeedToken>(PATH, { method: "POST", body: {} });
      rememberFeedToken(t.token ?? null);
      setIssued(t);
      r.set({ created_at: t.created_at });
      toast("Feed token created");
    } catch (e) {
      toast(errorMessage(e), "error");
    } finally {
      setBusy(false);
    }
  }

  async function revoke() {
    if (!confirm("Revoke your feed token? Feed readers using it stop receiving your feeds.")) return;
    setBusy(true);
    try {
      await api(PATH, { method: "DELETE" });
      rememberFeedToken(null);
      setIssued(null);
      r.set(null);
      toast("Feed token revoked");
    } catch (e) {
      toast(errorMessage(e), "error");
    } finally {
      setBusy(false);
    }
  }

  return (
    <section class="card form settings-form" aria-labelledby="feeds-h">
      <h2 id="feeds-h">Blog feeds</h2>
      <p class="muted">
        Follow blogs in a feed reader. The feeds' addresses hold your personal feed token: whoever has one reads what you may read, so keep them to yourself.
      </p>
      {r.loading && r.data === undefined ? (
        <Spinner />
      ) : r.error ? (
        <ErrorBox error={r.error} onRetry={r.reload} />
      ) : (
        <>
          {r.data ? (
            <p>
              Your feed token was created on <time dateTime={r.data.created_at}>{new Date(r.data.created_at).toLocaleString()}</time>.
            </p>
          ) : (
            <p>You have no feed token.</p>
          )}
          {issued?.token && (
            <div class="feed-token-issued" role="status">
              <p>
                <strong>Copy your feed addresses now:</strong> the token is shown only once. The "Blog feed" links on profiles and communities use it while this tab is open.
              </p>
              <label class="field">
                <span>Your blog's feed</span>
                <input readOnly value={issued.account_feed_url} onFocus={(e) => (e.target as HTMLInputElement).select()} />
              </label>
              <label class="field">
                <span>A community's blog (put the community's number for {"{id}"})</span>
                <input readOnly value={issued.community_feed_url_template} onFocus={(e) => (e.target as HTMLInputElement).select()} />
              </label>
              {me.value && <small class="muted">Another member's blog: the same address with their number instead of {me.value.id}.</small>}
            </div>
          )}
          <div class="btn-row">
            <button type="button" class="btn btn-primary" disabled={busy} onClick={create}>
              {r.data ? "Create a new feed token" : "Create a feed token"}
            </button>
            {r.data && (
              <button type="button" class="btn btn-secondary" disabled={busy} onClick={revoke}>
                Revoke feed token
              </button>
            )}
          </div>
        </>
      )}
    </section>
  );
}
