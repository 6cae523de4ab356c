// The client's keyboard shortcuts (see lib/shortcuts.ts): "n" opens the
// composer, "j"/"k" move through the posts on screen, "?" lists them all.
// "/" is the search box's own.

import { useEffect, useState } from "preact/hooks";
import { navigate } from "../lib/router";
import { SHORTCUTS, nextPostIndex, shortcutFor } from "../lib/shortcuts";
import { Dialog } from "./ui";
import { t } from "../i18n";

const COMPOSER = "main .composer-card textarea, main textarea[id^='composer-']";

/** Focuses the screen's composer; from a screen without one, the home screen's. */
function openComposer() {
  const here = document.querySelector<HTMLTextAreaElement>(COMPOSER);
  if (here) {
    here.focus();
    here.scrollIntoView({ block: "center" });
    return;
  }
  navigate("/");
  // The home screen renders on the next frames.
  let frames = 0;
  const tryFocus = () => {
    const area = document.querySelector<HTMLTextAreaElement>(COMPOSER);
    if (area) area.focus();
    else if (++frames < 120) requestAnimationFrame(tryFocus);
  };
  requestAnimationFrame(tryFocus);
}

/** Moves the focus to the next or previous post of the stream on screen. */
function movePost(direction: 1 | -1) {
  const posts = [...document.querySelectorAll<HTMLElement>("main article.status")];
  const active = document.activeElement;
  const current = posts.findIndex((p) => p === active || p.contains(active));
  // With none chosen, start from the first post not above the top of the screen.
  const first = Math.max(
    0,
    posts.findIndex((p) => p.getBoundingClientRect().bottom > 0),
  );
  const i = nextPostIndex(posts.length, current, direction, first);
  if (i === null) return;
  const post = posts[i];
  if (!post.hasAttribute("tabindex")) post.tabIndex = -1;
  post.focus({ preventScroll: true });
  post.scrollIntoView({ block: "nearest" });
}

export function Shortcuts() {
  const [help, setHelp] = useState(false);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const action = shortcutFor(e);
      if (!action) return;
      e.preventDefault();
      if (action === "help") setHelp(true);
      else if (action === "new-post") openComposer();
      else if (action === "next-post") movePost(1);
      else if (action === "previous-post") movePost(-1);
    };
    document.addEventListener("keydown", onKey);
    return () => document.removeEventListener("keydown", onKey);
  }, []);

  if (!help) return null;
  return (
    <Dialog title={t("shortcutsHelp.title")} onClose={() => setHelp(false)}>
      <dl class="shortcut-list" data-testid="shortcut-help">
        {SHORTCUTS.map((s) => (
          <div key={s.key} class="shortcut-row">
            <dt>
              <kbd>{s.key}</kbd>
            </dt>
            <dd>{s.label}</dd>
          </div>
        ))}
      </dl>
      <p class="muted">{t("shortcutsHelp.inFields")}</p>
    </Dialog>
  );
}
