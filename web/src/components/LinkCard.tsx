// The preview card of a post's first link: picture, site, title and
// description, the whole card one link to the page (opened in a new tab,
// without the referrer).

import type { PreviewCard } from "../lib/types";

export function LinkCard({ card }: { card: PreviewCard }) {
  const site = card.provider_name || hostOf(card.url);
  return (
    <a class="link-card" href={card.url} target="_blank" rel="noopener noreferrer nofollow" aria-label={`${card.title} (${site})`}>
      {card.image && <img class="link-card-image" src={card.image} alt="" width={card.width || undefined} height={card.height || undefined} loading="lazy" />}
      <span class="link-card-text">
        <span class="link-card-site">{site}</span>
        <span class="link-card-title">{card.title}</span>
        {card.description && <span class="link-card-description">{card.description}</span>}
      </span>
    </a>
  );
}

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return "";
  }
}
