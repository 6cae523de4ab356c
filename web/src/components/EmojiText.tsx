// Plain text (a display name, a title) with the custom emoji it lists shown
// as their pictures.

import { emojiParts } from "../lib/emoji";
import type { CustomEmoji } from "../lib/types";

export function EmojiText({ text, emojis }: { text: string; emojis?: CustomEmoji[] }) {
  const parts = emojiParts(text, emojis);
  return (
    <>
      {parts.map((p, i) =>
        typeof p === "string" ? p : <img key={i} class="custom-emoji" src={p.url} alt={`:${p.shortcode}:`} title={`:${p.shortcode}:`} draggable={false} />,
      )}
    </>
  );
}
