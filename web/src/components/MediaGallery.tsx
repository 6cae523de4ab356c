// The attachments of a post: a grid of pictures (one to four), each opening
// a lightbox with the full picture and its description; a video player;
// or document cards.

import { useRef, useState } from "preact/hooks";
import type { MediaAttachment } from "../lib/types";
import { DocumentCard } from "./DocumentCard";
import { VideoPlayer } from "./VideoPlayer";
import { t } from "../i18n";

export function MediaGallery({ media }: { media: MediaAttachment[] }) {
  const videos = media.filter((m) => m.type === "video" || m.type === "gifv");
  const documents = media.filter((m) => m.type === "unknown");
  const pictures = media.filter((m) => m.type === "image");
  return (
    <>
      {pictures.length > 0 && <PictureGrid media={pictures} />}
      {videos.map((m) => (
        <VideoPlayer key={m.id} media={m} />
      ))}
      {documents.length > 0 && (
        <div class="document-list">
          {documents.map((m) => (
            <DocumentCard key={m.id} media={m} />
          ))}
        </div>
      )}
    </>
  );
}

function PictureGrid({ media }: { media: MediaAttachment[] }) {
  const [open, setOpen] = useState<number | null>(null);
  const dialog = useRef<HTMLDialogElement>(null);
  if (media.length === 0) return null;

  function show(i: number) {
    setOpen(i);
    dialog.current?.showModal?.();
  }
  function close() {
    dialog.current?.close?.();
    setOpen(null);
  }
  const shown = open !== null ? media[open] : null;

  return (
    <div class={`media-gallery media-count-${Math.min(media.length, 4)}`}>
      {media.map((m, i) => {
        const focus = m.meta?.focus;
        // Mastodon's focus: x right, y up, each -1..1; CSS: percent from top left.
        const position = focus ? `${((focus.x + 1) / 2) * 100}% ${((1 - focus.y) / 2) * 100}%` : "50% 50%";
        return (
          <button key={m.id} type="button" class="media-item" onClick={() => show(i)} aria-label={m.description ? t("mediaGallery.openDescribed", { description: m.description }) : t("mediaGallery.open")}>
            <img src={m.preview_url ?? m.url} alt={m.description ?? ""} loading="lazy" style={{ objectPosition: position }} />
          </button>
        );
      })}
      <dialog ref={dialog} class="lightbox" onClose={() => setOpen(null)} onClick={(e) => e.target === dialog.current && close()}>
        {shown && (
          <figure>
            <img src={shown.url} alt={shown.description ?? ""} />
            {shown.description && <figcaption>{shown.description}</figcaption>}
          </figure>
        )}
        <div class="lightbox-bar">
          {media.length > 1 && open !== null && (
            <>
              <button type="button" class="btn" onClick={() => setOpen((open + media.length - 1) % media.length)}>
                {t("mediaGallery.previous")}
              </button>
              <button type="button" class="btn" onClick={() => setOpen((open + 1) % media.length)}>
                {t("mediaGallery.next")}
              </button>
            </>
          )}
          <button type="button" class="btn" onClick={close}>
            {t("common.close")}
          </button>
        </div>
      </dialog>
    </div>
  );
}
