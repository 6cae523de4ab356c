// A blog entry in a stream: a short summary of its body with "Read more"
// to the entry's permalink, and its tags, each opening the Blogs page
// filtered by it. A short entry is shown whole.

import { postPath } from "../lib/kinds";
import { blogSummary, placeHref } from "../lib/places";
import type { Status } from "../lib/types";
import { t } from "../i18n";

export function BlogSummary({ status }: { status: Status }) {
  const summary = blogSummary(status.content);
  return (
    <div class="blog-summary">
      {summary.truncated ? (
        <p class="status-content blog-summary-text">
          {summary.text}{" "}
          <a href={postPath(status)} class="read-more" aria-label={t("blogSummary.readMoreOf", { title: status.atrium?.title ?? "" })}>
            {t("blogSummary.readMore")}
          </a>
        </p>
      ) : (
        <div class="status-content" dangerouslySetInnerHTML={{ __html: status.content }} />
      )}
      <BlogTags status={status} />
    </div>
  );
}

/** A blog entry's tags, linked to the Blogs page filtered by each. */
export function BlogTags({ status }: { status: Status }) {
  if (!status.tags || status.tags.length === 0) return null;
  return (
    <ul class="chips blog-tags" aria-label={t("blogSummary.tags")}>
      {status.tags.map((tag) => (
        <li key={tag.name} class="chip">
          <a href={placeHref("/blogs", { tag: tag.name })}>#{tag.name}</a>
        </li>
      ))}
    </ul>
  );
}
