// A row that may be wider than the screen (a tab strip): when it overflows,
// the hidden side fades out and an arrow scrolls it, so the reader sees that
// there is more. The arrows are for pointers; keyboards reach every tab by
// Tab, and the focused one scrolls into view. The row keeps room for the
// focus ring, which is never clipped.

import type { ComponentChildren } from "preact";
import { useEffect, useRef, useState } from "preact/hooks";
import { Icon } from "./icons";
import { t } from "../i18n";

/** Which sides of a scrolled row hide something (1px tolerance for rounding). */
export function overflowSides(scrollLeft: number, clientWidth: number, scrollWidth: number): { start: boolean; end: boolean } {
  return { start: scrollLeft > 1, end: scrollLeft + clientWidth < scrollWidth - 1 };
}

export function ScrollStrip({ children }: { children: ComponentChildren }) {
  const row = useRef<HTMLDivElement>(null);
  const [sides, setSides] = useState({ start: false, end: false });

  useEffect(() => {
    const el = row.current;
    if (!el) return;
    const measure = () => {
      const next = overflowSides(el.scrollLeft, el.clientWidth, el.scrollWidth);
      setSides((s) => (s.start === next.start && s.end === next.end ? s : next));
    };
    measure();
    el.addEventListener("scroll", measure, { passive: true });
    const ro = typeof ResizeObserver === "function" ? new ResizeObserver(measure) : null;
    ro?.observe(el);
    for (const child of Array.from(el.children)) ro?.observe(child);
    // A focused tab off the edge comes into view.
    const onFocus = (e: FocusEvent) => (e.target as HTMLElement).scrollIntoView?.({ block: "nearest", inline: "nearest" });
    el.addEventListener("focusin", onFocus);
    return () => {
      el.removeEventListener("scroll", measure);
      el.removeEventListener("focusin", onFocus);
      ro?.disconnect();
    };
  }, []);

  const scroll = (direction: 1 | -1) => {
    const el = row.current;
    if (el) el.scrollBy({ left: direction * el.clientWidth * 0.7, behavior: "smooth" });
  };

  return (
    <div class={`scroll-strip${sides.start ? " fade-start" : ""}${sides.end ? " fade-end" : ""}`} data-overflow={sides.start || sides.end ? "true" : undefined}>
      {sides.start && (
        <button type="button" class="strip-arrow strip-arrow-start" tabIndex={-1} aria-hidden="true" title={t("scrollStrip.back")} onClick={() => scroll(-1)}>
          <Icon name="chevronLeft" size={18} />
        </button>
      )}
      <div class="scroll-strip-row" ref={row}>
        {children}
      </div>
      {sides.end && (
        <button type="button" class="strip-arrow strip-arrow-end" tabIndex={-1} aria-hidden="true" title={t("scrollStrip.more")} onClick={() => scroll(1)}>
          <Icon name="chevronRight" size={18} />
        </button>
      )}
    </div>
  );
}
