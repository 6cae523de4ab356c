// A document attached to a post: its first page (PDF) or an icon, its
// name, size and kind, and a link that downloads it (the server sends it
// with Content-Disposition: attachment).

import type { MediaAttachment } from "../lib/types";

const KINDS: Record<string, string> = {
  "application/pdf": "PDF",
  "application/msword": "Word",
  "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "Word",
  "application/vnd.ms-excel": "Excel",
  "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": "Excel",
  "application/vnd.ms-powerpoint": "PowerPoint",
  "application/vnd.openxmlformats-officedocument.presentationml.presentation": "PowerPoint",
  "application/vnd.oasis.opendocument.text": "OpenDocument text",
  "application/vnd.oasis.opendocument.spreadsheet": "OpenDocument spreadsheet",
  "application/vnd.oasis.opendocument.presentation": "OpenDocument presentation",
  "text/plain": "Text",
  "text/csv": "CSV",
};

/** "1.2 MB", "340 KB", "12 bytes". */
export function fileSize(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
  if (bytes >= 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${bytes} bytes`;
}

export function DocumentCard({ media }: { media: MediaAttachment }) {
  const name = media.meta?.file_name ?? "document";
  const kind = KINDS[media.meta?.mime_type ?? ""] ?? "Document";
  return (
    <div class="document-card">
      {media.preview_url ? (
        <img class="document-preview" src={media.preview_url} alt={media.description ?? `First page of ${name}`} loading="lazy" />
      ) : (
        <span class="document-icon" aria-hidden="true">
          {kind === "CSV" || kind === "Excel" ? "▦" : "🗎"}
        </span>
      )}
      <div class="document-text">
        <span class="document-name">{name}</span>
        <span class="muted document-details">
          {kind} · {fileSize(media.meta?.file_size ?? 0)}
        </span>
        {media.description && <span class="document-description">{media.description}</span>}
      </div>
      <a class="btn btn-small" href={media.url} download={name} aria-label={`Download ${name}`}>
        Download
      </a>
    </div>
  );
}
