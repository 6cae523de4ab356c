// A video attached to a post: the browser's own player with the first
// frame as poster; nothing is fetched until it is played.

import type { MediaAttachment } from "../lib/types";
import { t } from "../i18n";

export function VideoPlayer({ media }: { media: MediaAttachment }) {
  const size = media.meta?.original;
  return (
    <video
      class="video-player"
      controls
      preload="none"
      playsInline
      poster={media.preview_url ?? undefined}
      src={media.url}
      width={size?.width}
      height={size?.height}
      aria-label={media.description ?? t("videoPlayer.video")}
    >
      {media.description}
    </video>
  );
}
