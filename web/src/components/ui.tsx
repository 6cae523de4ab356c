// Small building blocks every screen uses.

import { Fragment, type ComponentChildren } from "preact";
import { useCallback, useEffect, useRef, useState, type MutableRef } from "preact/hooks";
import { errorMessage } from "../lib/api";
import type { Account } from "../lib/types";
import { ScrollStrip } from "./ScrollStrip";
import { Icon, type IconName } from "./icons";
import { t } from "../i18n";
import { formatDateTime, relativeTime as relativeTimeIntl } from "../i18n/format";

export const DEFAULT_AVATAR_COLORS = ["#3347c4", "#0f7b6c", "#a4373a", "#7a4bb8", "#8a5a00", "#26638c"];

function initials(a: Pick<Account, "display_name" | "username">): string {
  const name = (a.display_name || a.username || "?").trim();
  const parts = name.split(/\s+/).filter(Boolean);
  const letters = parts.length > 1 ? parts[0][0] + parts[parts.length - 1][0] : name.slice(0, 2);
  return letters.toUpperCase();
}

function hasOwnAvatar(url: string | null | undefined): url is string {
  return !!url && !url.includes("/avatars/original/missing.png");
}

/** A wide picture above a profile or a community (a header image, a banner), or a gradient when there is none. */
export function Banner({ url, class: cls }: { url?: string | null; class: string }) {
  const [broken, setBroken] = useState(false);
  const own = !!url && !url.includes("/headers/original/missing.png") && !broken;
  return (
    <div class={`${cls}${own ? " has-picture" : ""}`} aria-hidden="true">
      {own && <img src={url} alt="" onError={() => setBroken(true)} />}
    </div>
  );
}

/** A round picture of the person, or their initials on a colour of their own. */
export function Avatar({ account, size = 44 }: { account: Pick<Account, "id" | "display_name" | "username" | "avatar">; size?: number }) {
  const [broken, setBroken] = useState(false);
  const style = { width: `${size}px`, height: `${size}px`, fontSize: `${Math.round(size * 0.38)}px` };
  if (hasOwnAvatar(account.avatar) && !broken)
    return <img class="avatar" src={account.avatar} alt="" style={style} loading="lazy" onError={() => setBroken(true)} />;
  const n = [...(account.id || "0")].reduce((x, c) => x + c.charCodeAt(0), 0);
  return (
    <span class="avatar avatar-initials" aria-hidden="true" style={{ ...style, background: DEFAULT_AVATAR_COLORS[n % DEFAULT_AVATAR_COLORS.length] }}>
      {initials(account)}
    </span>
  );
}

export function displayName(a: Pick<Account, "display_name" | "username">): string {
  return a.display_name || a.username;
}

export function Spinner({ label }: { label?: string }) {
  return (
    <div class="loading" role="status" aria-live="polite">
      <span class="spinner" aria-hidden="true" />
      <span>{label ?? t("common.loading")}</span>
    </div>
  );
}

export function Empty({ icon = "star", title, hint, children }: { icon?: IconName; title: string; hint?: string; children?: ComponentChildren }) {
  return (
    <div class="empty">
      <span class="empty-icon"><Icon name={icon} size={28} /></span>
      <p class="empty-title">{title}</p>
      {hint && <p class="empty-hint">{hint}</p>}
      {children}
    </div>
  );
}

export function ErrorBox({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  return (
    <div class="error-box" role="alert">
      <p>{errorMessage(error)}</p>
      {onRetry && (
        <button class="btn btn-secondary" onClick={onRetry}>
          {t("common.retry")}
        </button>
      )}
    </div>
  );
}

/** "3 min. ago", "yesterday", then the date: in the client's language (see i18n/format). */
export function relativeTime(iso: string, now = Date.now()): string {
  return relativeTimeIntl(iso, now);
}

export function Time({ iso }: { iso: string }) {
  return (
    <time dateTime={iso} title={formatDateTime(iso)}>
      {relativeTime(iso)}
    </time>
  );
}

/**
 * A message with elements inside it (a link, a bold name): t(key) with each
 * of `parts` put where its {placeholder} is, so that every language orders
 * the sentence its own way. `values` are plain values (counts, names).
 */
export function tParts(key: string, parts: Record<string, ComponentChildren>, values?: Record<string, unknown>): ComponentChildren {
  const names = Object.keys(parts);
  const marks = Object.fromEntries(names.map((n, i) => [n, `\u0001${i}\u0002`]));
  const text = t(key, { ...values, ...marks });
  return text.split(/\u0001(\d+)\u0002/).map((piece, i) => (i % 2 ? <Fragment key={i}>{parts[names[Number(piece)]]}</Fragment> : piece));
}

/** Loads something once per `deps`, with loading and error states. */
export function useAsync<T>(load: (signal: AbortSignal) => Promise<T>, deps: unknown[]) {
  const [state, setState] = useState<{ data?: T; error?: unknown; loading: boolean }>({ loading: true });
  const [tick, setTick] = useState(0);
  useEffect(() => {
    const ctrl = new AbortController();
    setState((s) => ({ data: s.data, loading: true }));
    load(ctrl.signal).then(
      (data) => !ctrl.signal.aborted && setState({ data, loading: false }),
      (error) => !ctrl.signal.aborted && setState({ error, loading: false }),
    );
    return () => ctrl.abort();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [...deps, tick]);
  const reload = useCallback(() => setTick((t) => t + 1), []);
  const set = useCallback((data: T) => setState({ data, loading: false }), []);
  return { ...state, reload, set };
}

export function Tabs<T extends string>({
  label,
  tabs,
  value,
  onChange,
}: {
  label: string;
  tabs: { id: T; label: string; href?: string }[];
  value: T;
  onChange?: (id: T) => void;
}) {
  return (
    <ScrollStrip>
      <nav class="tabs" aria-label={label}>
        {tabs.map((t) =>
          t.href ? (
            <a key={t.id} href={t.href} class={`tab ${t.id === value ? "active" : ""}`} aria-current={t.id === value ? "page" : undefined}>
              {t.label}
            </a>
          ) : (
            <button key={t.id} type="button" class={`tab ${t.id === value ? "active" : ""}`} aria-pressed={t.id === value} onClick={() => onChange?.(t.id)}>
              {t.label}
            </button>
          ),
        )}
      </nav>
    </ScrollStrip>
  );
}

/**
 * A modal dialog on the native <dialog>: focus stays inside, Escape closes.
 * While it holds `unsaved` text, Escape, a click outside, the close button
 * and `closeRef.current()` (for the form's own Cancel) ask first: keep
 * writing, keep the draft and close, or discard (`onDiscard`) and close.
 */
export function Dialog({
  title,
  onClose,
  children,
  wide,
  unsaved,
  onDiscard,
  closeRef,
}: {
  title: string;
  onClose: () => void;
  children: ComponentChildren;
  wide?: boolean;
  unsaved?: boolean;
  onDiscard?: () => void;
  closeRef?: MutableRef<(() => void) | null>;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  const [asking, setAsking] = useState(false);
  const keepWriting = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    const d = ref.current;
    if (d && !d.open) d.showModal?.();
    const back = document.activeElement as HTMLElement | null;
    return () => back?.focus?.();
  }, []);
  useEffect(() => {
    if (asking) keepWriting.current?.focus();
  }, [asking]);
  const requestClose = () => {
    if (asking) setAsking(false);
    else if (unsaved) setAsking(true);
    else onClose();
  };
  if (closeRef) closeRef.current = requestClose;
  return (
    <dialog
      ref={ref}
      class={`dialog ${wide ? "dialog-wide" : ""}`}
      aria-label={title}
      onCancel={(e) => {
        e.preventDefault();
        requestClose();
      }}
      onClick={(e) => {
        if (e.target === ref.current) requestClose();
      }}
    >
      <div class="dialog-head">
        <h2>{title}</h2>
        <button type="button" class="icon-btn" aria-label={t("common.close")} onClick={requestClose}>
          <Icon name="x" />
        </button>
      </div>
      {asking && (
        <div class="discard-confirm" role="alertdialog" aria-label={t("ui.discardTitle")} aria-describedby="discard-confirm-text">
          <p id="discard-confirm-text">{t("ui.discardQuestion")}</p>
          <div class="row-end">
            <button ref={keepWriting} type="button" class="btn btn-secondary" onClick={() => setAsking(false)}>
              {t("ui.keepWriting")}
            </button>
            <button
              type="button"
              class="btn btn-secondary"
              onClick={() => {
                setAsking(false);
                onClose();
              }}
            >
              {t("ui.closeKeepDraft")}
            </button>
            <button
              type="button"
              class="btn btn-danger"
              onClick={() => {
                setAsking(false);
                onDiscard?.();
                onClose();
              }}
            >
              {t("ui.discard")}
            </button>
          </div>
        </div>
      )}
      <div class="dialog-body">{children}</div>
    </dialog>
  );
}

/** Sets the document title for a screen. */
export function useTitle(title: string) {
  useEffect(() => {
    document.title = title ? `${title} · Atrium` : "Atrium";
  }, [title]);
}

/** A form's error (announced as it appears) and its buttons: Cancel, if there is onCancel, and submit. */
export function FormFooter({ error, busy, submit, busyLabel, onCancel }: { error: string | null; busy: boolean; submit: string; busyLabel: string; onCancel?: () => void }) {
  return (
    <>
      {error && (
        <p class="form-error" role="alert">
          {error}
        </p>
      )}
      <div class="row-end">
        {onCancel && (
          <button type="button" class="btn btn-secondary" onClick={onCancel}>
            {t("common.cancel")}
          </button>
        )}
        <button type="submit" class="btn btn-primary" disabled={busy}>
          {busy ? busyLabel : submit}
        </button>
      </div>
    </>
  );
}
