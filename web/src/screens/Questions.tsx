// The organization's questions: open, unanswered or answered, by tag, and
// those in the reader's expertise first. Every list is the server's, read
// through the visibility policy (a restricted community's questions only
// for its members).

import type { ComponentChildren } from "preact";
import { useEffect, useState } from "preact/hooks";
import { PageHeader } from "../components/PageHeader";
import { StatusCard } from "../components/StatusCard";
import { TagFilter } from "../components/TagFilter";
import { Timeline } from "../components/Timeline";
import { Tabs, useTitle } from "../components/ui";
import { WriteButtons } from "../components/WriteButtons";
import { api } from "../lib/api";
import { placeHref, questionStateOf, questionStates, tagFilter, type QuestionState } from "../lib/places";
import { navigate, useLocation } from "../lib/router";
import type { Status } from "../lib/types";
import { t } from "../i18n";

const EXPERTISE_SHOWN = 5;

// The empty list's title (with or without a tag) and hint, by state.
const empty: Record<QuestionState, () => [(tag: string) => string, string]> = {
  open: () => [(tag) => (tag ? t("questions.noOpenTagged", { tag }) : t("questions.noOpen")), t("questions.noOpenHint")],
  unanswered: () => [(tag) => (tag ? t("questions.noUnansweredTagged", { tag }) : t("questions.noUnanswered")), t("questions.noUnansweredHint")],
  answered: () => [(tag) => (tag ? t("questions.noAnsweredTagged", { tag }) : t("questions.noAnswered")), t("questions.noAnsweredHint")],
  all: () => [(tag) => (tag ? t("questions.noQuestionsTagged", { tag }) : t("questions.noQuestions")), t("questions.noQuestionsHint")],
};

const stateLabel: Record<QuestionState, () => string> = {
  open: () => t("questions.stateOpen"),
  unanswered: () => t("questions.stateUnanswered"),
  answered: () => t("questions.stateAnswered"),
  all: () => t("questions.stateAll"),
};

export function QuestionsScreen() {
  useTitle(t("questions.title"));
  const { query } = useLocation();
  const state = questionStateOf(query.get("state"));
  const tag = tagFilter(query.get("tag"));
  const href = (f: { state?: string; tag?: string }) => placeHref("/questions", { state, tag, ...f }, { state: "open" });
  const filters = { state, tag: tag || undefined };

  return (
    <div class="page">
      <PageHeader title={t("questions.title")} subtitle={t("questions.subtitle")} />
      <div class="card composer-card">
        <WriteButtons />
      </div>
      <Tabs label={t("questions.whichQuestions")} value={state} tabs={questionStates.map((s) => ({ id: s.id, label: stateLabel[s.id](), href: href({ state: s.id }) }))} />
      <TagFilter value={tag} label={t("questions.filterByTag")} onApply={(t) => navigate(href({ tag: t }))} />
      <InYourExpertise key={`${state}/${tag}`} filters={filters}>
        {(shown) => (
          <Timeline
            key={`${state}/${tag}`}
            label={tag ? t("questions.tagged", { tag }) : t("questions.title")}
            path="/api/v1/atrium/questions"
            query={filters}
            filter={(s) => !shown.has(s.id)}
            emptyTitle={empty[state]()[0](tag)}
            emptyHint={empty[state]()[1]}
          />
        )}
      </InYourExpertise>
    </div>
  );
}

/**
 * The first questions tagged with one of the reader's expertise tags, above
 * the rest (which leaves them out, so none is shown twice). Nothing when
 * there are none.
 */
function InYourExpertise({ filters, children }: { filters: Record<string, string | undefined>; children: (shown: Set<string>) => ComponentChildren }) {
  const [items, setItems] = useState<Status[] | null>(null);
  useEffect(() => {
    const ctrl = new AbortController();
    api<Status[]>("/api/v1/atrium/questions", { query: { ...filters, expertise: true, limit: EXPERTISE_SHOWN }, signal: ctrl.signal }).then(setItems, () => {
      if (!ctrl.signal.aborted) setItems([]);
    });
    return () => ctrl.abort();
  }, []);
  if (items === null) return null;
  const shown = new Set(items.map((s) => s.id));
  return (
    <>
      {items.length > 0 && (
        <section class="expertise-questions" aria-labelledby="expertise-h">
          <h2 id="expertise-h" class="section-title">
            {t("questions.inYourExpertise")}
          </h2>
          <div class="feed">
            {items.map((s) => (
              <StatusCard key={s.id} status={s} onChange={(u) => setItems((l) => (l ?? []).map((x) => (x.id === u.id ? u : x)))} onDelete={(id) => setItems((l) => (l ?? []).filter((x) => x.id !== id))} />
            ))}
          </div>
        </section>
      )}
      {items.length > 0 && <h2 class="section-title">{t("questions.allQuestions")}</h2>}
      {children(shown)}
    </>
  );
}
