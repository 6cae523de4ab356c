// Reporting a person, or one of their posts, to the moderators: why
// (category and the rules it breaks) and a comment. The person reported is
// never told who reported them.

import { useEffect, useState } from "preact/hooks";
import { errorMessage } from "../lib/api";
import { categories, draftProblem, fileReport, loadRules, type ReportDraft, type Rule } from "../lib/reports";
import type { Account, Status } from "../lib/types";
import { toast } from "../state";
import { Dialog, displayName } from "./ui";
import { t } from "../i18n";

export function ReportDialog({ account, status, onClose }: { account: Account; status?: Status; onClose: () => void }) {
  const [rules, setRules] = useState<Rule[] | null>(null);
  const [draft, setDraft] = useState<ReportDraft>({ category: "violation", ruleIds: [], comment: "" });
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);

  useEffect(() => {
    const ctl = new AbortController();
    loadRules(ctl.signal).then(setRules, (e) => {
      if ((e as Error).name !== "AbortError") setProblem(errorMessage(e));
    });
    return () => ctl.abort();
  }, []);

  function toggleRule(id: string, on: boolean) {
    setDraft((d) => ({ ...d, ruleIds: on ? [...d.ruleIds, id] : d.ruleIds.filter((r) => r !== id) }));
  }

  async function send(e: Event) {
    e.preventDefault();
    const p = draftProblem(draft);
    setProblem(p);
    if (p) return;
    setBusy(true);
    try {
      await fileReport(account.id, status ? [status.id] : [], draft);
      toast(t("reportDialog.thanks"));
      onClose();
    } catch (err) {
      setProblem(errorMessage(err));
    } finally {
      setBusy(false);
    }
  }

  const name = displayName(account);
  return (
    <Dialog title={status ? t("reportDialog.titlePost", { name }) : t("reportDialog.titleAccount", { name })} onClose={onClose}>
      <form class="report-form" onSubmit={send}>
        <p class="muted">{t("reportDialog.privacy", { name })}</p>
        <fieldset>
          <legend>{t("reportDialog.whatIsWrong")}</legend>
          {categories.map((c) => (
            <label key={c.value} class="report-choice">
              <input
                type="radio"
                name="category"
                value={c.value}
                checked={draft.category === c.value}
                onChange={() => setDraft((d) => ({ ...d, category: c.value }))}
              />
              <span>
                {c.label}
                <small class="muted"> {c.hint}</small>
              </span>
            </label>
          ))}
        </fieldset>
        {draft.category === "violation" && (
          <fieldset>
            <legend>{t("reportDialog.whichRules")}</legend>
            {!rules && !problem && <span class="spinner small" aria-label={t("reportDialog.loadingRules")} />}
            {rules?.map((r) => (
              <label key={r.id} class="report-choice">
                <input type="checkbox" checked={draft.ruleIds.includes(r.id)} onChange={(e) => toggleRule(r.id, (e.target as HTMLInputElement).checked)} />
                <span>
                  {r.text}
                  {r.hint && <small class="muted"> {r.hint}</small>}
                </span>
              </label>
            ))}
          </fieldset>
        )}
        <label>
          {t("reportDialog.comment")}
          <textarea
            rows={3}
            maxLength={1000}
            value={draft.comment}
            onInput={(e) => setDraft((d) => ({ ...d, comment: (e.target as HTMLTextAreaElement).value }))}
          />
        </label>
        {problem && (
          <p class="error" role="alert">
            {problem}
          </p>
        )}
        <div class="row-end">
          <button type="button" class="btn btn-secondary" onClick={onClose}>
            {t("common.cancel")}
          </button>
          <button type="submit" class="btn btn-danger" disabled={busy}>
            {busy ? t("reportDialog.sending") : t("reportDialog.send")}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
