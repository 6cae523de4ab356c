// The organization's custom emoji for administrators: add one (a shortcode,
// a PNG, GIF or WebP picture, a category, shown in the composer's picker or
// not), and remove one (/api/v1/atrium/admin/custom_emojis; every change is
// audited). Members write them as ":shortcode:".

import { useState } from "preact/hooks";
import { forgetCustomEmojis } from "../components/EmojiPicker";
import { PageHeader } from "../components/PageHeader";
import { Empty, ErrorBox, FormFooter, Spinner, useAsync, useTitle } from "../components/ui";
import { api, errorMessage } from "../lib/api";
import type { AdminCustomEmoji } from "../lib/types";
import { toast } from "../state";
import { t } from "../i18n";

const PATH = "/api/v1/atrium/admin/custom_emojis";
const SHORTCODE = /^[A-Za-z0-9_]{2,64}$/;

export function AdminCustomEmojisScreen() {
  useTitle(t("adminCustomEmojis.title"));
  const r = useAsync((signal) => api<AdminCustomEmoji[]>(PATH, { signal }), []);
  const [shortcode, setShortcode] = useState("");
  const [category, setCategory] = useState("");
  const [inPicker, setInPicker] = useState(true);
  const [file, setFile] = useState<File | null>(null);
  const [formKey, setFormKey] = useState(0);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function add(e: Event) {
    e.preventDefault();
    if (!SHORTCODE.test(shortcode)) {
      setError(t("adminCustomEmojis.badShortcode"));
      return;
    }
    if (!file) {
      setError(t("adminCustomEmojis.choosePicture"));
      return;
    }
    setBusy(true);
    setError(null);
    const form = new FormData();
    form.append("shortcode", shortcode);
    if (category.trim()) form.append("category", category.trim());
    form.append("visible_in_picker", String(inPicker));
    form.append("image", file);
    try {
      await api<AdminCustomEmoji>(PATH, { method: "POST", body: form });
      toast(t("adminCustomEmojis.added", { code: `:${shortcode}:` }));
      setShortcode("");
      setCategory("");
      setInPicker(true);
      setFile(null);
      setFormKey((k) => k + 1);
      forgetCustomEmojis();
      r.reload();
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  }
  async function remove(emoji: AdminCustomEmoji) {
    if (!confirm(t("adminCustomEmojis.removeConfirm", { code: `:${emoji.shortcode}:` }))) return;
    try {
      await api(`${PATH}/${emoji.id}`, { method: "DELETE" });
      toast(t("adminCustomEmojis.removed", { code: `:${emoji.shortcode}:` }));
      forgetCustomEmojis();
      r.reload();
    } catch (err) {
      toast(errorMessage(err));
    }
  }

  return (
    <div class="page">
      <PageHeader title={t("adminCustomEmojis.title")} subtitle={t("adminCustomEmojis.subtitle", { code: ":shortcode:" })} />
      <form key={formKey} class="card form" onSubmit={add} aria-labelledby="emoji-add-h">
        <h2 id="emoji-add-h">{t("adminCustomEmojis.addHeading")}</h2>
        <label class="field">
          <span>{t("adminCustomEmojis.shortcode")}</span>
          <input required minLength={2} maxLength={64} pattern="[A-Za-z0-9_]{2,64}" value={shortcode} onInput={(e) => setShortcode((e.target as HTMLInputElement).value)} />
        </label>
        <label class="field">
          <span>{t("adminCustomEmojis.picture")}</span>
          <input required type="file" accept="image/png,image/gif,image/webp" onChange={(e) => setFile((e.target as HTMLInputElement).files?.[0] ?? null)} />
        </label>
        <label class="field">
          <span>{t("adminCustomEmojis.category")}</span>
          <input maxLength={64} value={category} onInput={(e) => setCategory((e.target as HTMLInputElement).value)} />
        </label>
        <label class="check">
          <input type="checkbox" checked={inPicker} onChange={(e) => setInPicker((e.target as HTMLInputElement).checked)} /> {t("adminCustomEmojis.inPicker")}
        </label>
        <FormFooter error={error} busy={busy} submit={t("adminCustomEmojis.add")} busyLabel={t("adminCustomEmojis.adding")} />
      </form>
      {r.loading && !r.data && <Spinner />}
      {r.error ? <ErrorBox error={r.error} onRetry={r.reload} /> : null}
      {r.data && r.data.length === 0 && <Empty icon="bell" title={t("adminCustomEmojis.empty")} hint={t("adminCustomEmojis.emptyHint")} />}
      {r.data && r.data.length > 0 && (
        <ul class="admin-emoji-list" aria-label={t("adminCustomEmojis.title")}>
          {r.data.map((e) => (
            <li key={e.id} class="card admin-emoji">
              <img src={e.url} alt={`:${e.shortcode}:`} title={`:${e.shortcode}:`} class="custom-emoji admin-emoji-picture" />
              <span class="admin-emoji-code">:{e.shortcode}:</span>
              <span class="muted">
                {e.category ?? t("adminCustomEmojis.noCategory")}
                {e.visible_in_picker ? "" : ` · ${t("adminCustomEmojis.notInPicker")}`}
              </span>
              <button type="button" class="btn btn-secondary btn-small" onClick={() => remove(e)} aria-label={t("adminCustomEmojis.removeName", { code: `:${e.shortcode}:` })}>
                {t("adminCustomEmojis.remove")}
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
