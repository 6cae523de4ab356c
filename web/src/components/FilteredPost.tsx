// A post one of the reader's `warn` filters matched, collapsed: the filter's
// name and a button to show the post anyway.

export function FilteredPost({ titles, statusId, onShow }: { titles: string[]; statusId: string; onShow: () => void }) {
  return (
    <article class="status card status-filtered" data-status-id={statusId} aria-label="Filtered post">
      <p>
        <span>Filtered: {titles.join(", ")}</span>
        {" — "}
        <button type="button" class="btn-link" onClick={onShow}>
          Show anyway
        </button>
      </p>
    </article>
  );
}
