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

const EXPERTISE_SHOWN = 5;

const empty: Record<QuestionState, [string, string]> = {
  open: ["No open questions", "Every question has an accepted answer. Ask one with “Ask a question”."],
  unanswered: ["No unanswered questions", "Every question has at least one reply."],
  answered: ["No answered questions yet", "Questions show here once their author accepts an answer."],
  all: ["No questions yet", "Ask the first one with “Ask a question”."],
};

export function QuestionsScreen() {
  useTitle("Questions");
  const { query } = useLocation();
  const state = questionStateOf(query.get("state"));
  const tag = tagFilter(query.get("tag"));
  const href = (f: { state?: string; tag?: string }) => placeHref("/questions", { state, tag, ...f }, { state: "open" });
  const filters = { state, tag: tag || undefined };

  return (
    <div class="page">
      <PageHeader title="Questions" subtitle="Questions asked across the organization. Help a colleague: answer one in your expertise." />
      <div class="card composer-card">
        <WriteButtons />
      </div>
      <Tabs label="Which questions" value={state} tabs={questionStates.map((s) => ({ id: s.id, label: s.label, href: href({ state: s.id }) }))} />
      <TagFilter value={tag} label="Filter questions by tag" onApply={(t) => navigate(href({ tag: t }))} />
      <InYourExpertise key={`${state}/${tag}`} filters={filters}>
        {(shown) => (
          <Timeline
            key={`${state}/${tag}`}
            label={tag ? `Questions tagged ${tag}` : "Questions"}
            path="/api/v1/atrium/questions"
            query={filters}
            filter={(s) => !shown.has(s.id)}
            emptyTitle={tag ? `${empty[state][0]} tagged #${tag}` : empty[state][0]}
            emptyHint={empty[state][1]}
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
            In your expertise
          </h2>
          <div class="feed">
            {items.map((s) => (
              <StatusCard key={s.id} status={s} onChange={(u) => setItems((l) => (l ?? []).map((x) => (x.id === u.id ? u : x)))} onDelete={(id) => setItems((l) => (l ?? []).filter((x) => x.id !== id))} />
            ))}
          </div>
        </section>
      )}
      {items.length > 0 && <h2 class="section-title">All questions</h2>}
      {children(shown)}
    </>
  );
}
