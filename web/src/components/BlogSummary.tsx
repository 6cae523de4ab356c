// A blog entry in a stream: a short summary of its body with "Read more"
// to the entry's permalink, and its tags, each opening the Blogs page
// filtered by it. A short entry is shown whole.

import { postPath } from "../lib/kinds";
import { blogSummary, placeHref } from "../lib/places";
import type { Status } from "../lib/types";

export function BlogSummary({ status }: { status: Status }) {
  const summary = blogSummary(status.content);
  return (
    <div class="blog-summary">
      {summary.truncated ? (
        <p class="status-content blog-summary-text">
          {summary.text}{" "}
          <a href={postPath(status)} class="read-more">
            Read more<span class="sr-only"> of “{status.atrium?.title}”</span>
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
    <ul class="chips blog-tags" aria-label="Tags">
      {status.tags.map((t) => (
        <li key={t.name} class="chip">
          <a href={placeHref("/blogs", { tag: t.name })}>#{t.name}</a>
        </li>
      ))}
    </ul>
  );
}
