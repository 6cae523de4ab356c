// A document attached to a post: its first page (PDF) or an icon, its
// name, size and kind, and a link that downloads it (the server sends it
// with Content-Disposition: attachment).

import type { MediaAttachment } from "../lib/types";
import { t } from "../i18n";
import { formatNumber } from "../i18n/format";

// The kind of each document type: documentCard.kind.<kind> in words.
const KINDS: Record<string, string> = {
  "application/pdf": "pdf",
  "application/msword": "word",
  "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "word",
  "application/vnd.ms-excel": "excel",
  "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": "excel",
  "application/vnd.ms-powerpoint": "powerpoint",
  "application/vnd.openxmlformats-officedocument.presentationml.presentation": "powerpoint",
  "application/vnd.oasis.opendocument.text": "odt",
  "application/vnd.oasis.opendocument.spreadsheet": "ods",
  "application/vnd.oasis.opendocument.presentation": "odp",
  "text/plain": "text",
  "text/csv": "csv",
};

/** "1.2 MB", "340 kB", "12 byte" in the client's language (Intl units). */
export function fileSize(bytes: number): string {
  if (bytes >= 1024 * 1024) return formatNumber(bytes / (1024 * 1024), { style: "unit", unit: "megabyte", maximumFractionDigits: 1, minimumFractionDigits: 1 });
  if (bytes >= 1024) return formatNumber(Math.round(bytes / 1024), { style: "unit", unit: "kilobyte" });
  return formatNumber(bytes, { style: "unit", unit: "byte", unitDisplay: "long" });
}

export function DocumentCard({ media }: { media: MediaAttachment }) {
  const name = media.meta?.file_name ?? t("documentCard.defaultName");
  const kind = KINDS[media.meta?.mime_type ?? ""] ?? "document";
  return (
    <div class="document-card">
      {media.preview_url ? (
        <img class="document-preview" src={media.preview_url} alt={media.description ?? t("documentCard.firstPage", { name })} loading="lazy" />
      ) : (
        <span class="document-icon" aria-hidden="true">
          {kind === "csv" || kind === "excel" || kind === "ods" ? "▦" : "🗎"}
        </span>
      )}
      <div class="document-text">
        <span class="document-name">{name}</span>
        <span class="muted document-details">
          {t(`documentCard.kind.${kind}`)} · {fileSize(media.meta?.file_size ?? 0)}
        </span>
        {media.description && <span class="document-description">{media.description}</span>}
      </div>
      <a class="btn btn-small" href={media.url} download={name} aria-label={t("documentCard.downloadFile", { name })}>
        {t("documentCard.download")}
      </a>
    </div>
  );
}
