// "People you may know": colleagues you do not follow yet (your management
// chain, your team, people your follows follow), from GET
// /api/v2/suggestions, each with Follow and a dismiss button (DELETE
// /api/v1/suggestions/:id: never suggested again).

import { useState } from "preact/hooks";
import { api, errorMessage } from "../lib/api";
import type { Account } from "../lib/types";
import { toast } from "../state";
import { AccountRow } from "./AccountList";
import { Icon } from "./icons";
import { displayName, useAsync } from "./ui";
import { t } from "../i18n";

interface Suggestion {
  account: Account;
  sources: string[];
  reasons?: string[];
}

// Why someone is suggested, in words (peopleSuggestions.reason.<reason>).
const REASONS = new Set(["management_chain", "team", "followed_by_followed"]);
const reason = (r: string | undefined) => (r && REASONS.has(r) ? t(`peopleSuggestions.reason.${r}`) : undefined);

export function PeopleSuggestions({ limit = 6 }: { limit?: number }) {
  const list = useAsync((signal) => api<Suggestion[]>("/api/v2/suggestions", { query: { limit }, signal }), [limit]);
  const [gone, setGone] = useState<Set<string>>(new Set());
  const [busy, setBusy] = useState("");

  async function act(s: Suggestion, how: "follow" | "dismiss") {
    setBusy(s.account.id);
    try {
      if (how === "follow") {
        await api(`/api/v1/accounts/${s.account.id}/follow`, { method: "POST", body: {} });
        toast(t("peopleSuggestions.followed", { name: displayName(s.account) }));
      } else {
        await api(`/api/v1/suggestions/${s.account.id}`, { method: "DELETE" });
      }
      setGone((g) => new Set(g).add(s.account.id));
    } catch (e) {
      toast(errorMessage(e), "error");
    } finally {
      setBusy("");
    }
  }

  const shown = (list.data ?? []).filter((s) => !gone.has(s.account.id));
  if (list.error || shown.length === 0) return null;
  return (
    <section class="card side-card people-suggestions" aria-labelledby="suggestions-h">
      <h2 id="suggestions-h">{t("peopleSuggestions.title")}</h2>
      <ul class="account-list" aria-label={t("peopleSuggestions.title")}>
        {shown.map((s) => (
          <AccountRow key={s.account.id} account={s.account} sub={reason(s.reasons?.[0])}>
            <button type="button" class="btn btn-secondary btn-small" disabled={busy === s.account.id} onClick={() => act(s, "follow")}>
              {t("peopleSuggestions.follow")}
            </button>
            <button
              type="button"
              class="icon-btn"
              disabled={busy === s.account.id}
              aria-label={t("peopleSuggestions.dismiss", { name: displayName(s.account) })}
              title={t("peopleSuggestions.dismissHint")}
              onClick={() => act(s, "dismiss")}
            >
              <Icon name="x" size={16} />
            </button>
          </AccountRow>
        ))}
      </ul>
    </section>
  );
}
