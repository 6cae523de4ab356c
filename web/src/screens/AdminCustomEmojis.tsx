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

const PATH = "/api/v1/atrium/admin/custom_emojis";
const SHORTCODE = /^[A-Za-z0-9_]{2,64}$/;

export function AdminCustomEmojisScreen() {
  useTitle("Custom emoji");
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
      setError("A shortcode is 2 to 64 letters, digits or underscores.");
      return;
    }
    if (!file) {
      setError("Choose a PNG, GIF or WebP picture.");
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
      toast(`:${shortcode}: added.`);
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
    if (!confirm(`Remove :${emoji.shortcode}:? Posts that use it show the shortcode as text.`)) return;
    try {
      await api(`${PATH}/${emoji.id}`, { method: "DELETE" });
      toast(`:${emoji.shortcode}: removed.`);
      forgetCustomEmojis();
      r.reload();
    } catch (err) {
      toast(errorMessage(err));
    }
  }

  return (
    <div class="page">
      <PageHeader title="Custom emoji" subtitle="The organization's own emoji: members write them as :shortcode: in posts, names and profiles." />
      <form key={formKey} class="card form" onSubmit={add} aria-labelledby="emoji-add-h">
        <h2 id="emoji-add-h">Add an emoji</h2>
        <label class="field">
          <span>Shortcode (letters, digits, underscores)</span>
          <input required minLength={2} maxLength={64} pattern="[A-Za-z0-9_]{2,64}" value={shortcode} onInput={(e) => setShortcode((e.target as HTMLInputElement).value)} />
        </label>
        <label class="field">
          <span>Picture (PNG, GIF or WebP, at most 256 KB)</span>
          <input required type="file" accept="image/png,image/gif,image/webp" onChange={(e) => setFile((e.target as HTMLInputElement).files?.[0] ?? null)} />
        </label>
        <label class="field">
          <span>Category (optional)</span>
          <input maxLength={64} value={category} onInput={(e) => setCategory((e.target as HTMLInputElement).value)} />
        </label>
        <label class="check">
          <input type="checkbox" checked={inPicker} onChange={(e) => setInPicker((e.target as HTMLInputElement).checked)} /> Offered in the composer's emoji picker
        </label>
        <FormFooter error={error} busy={busy} submit="Add emoji" busyLabel="Adding…" />
      </form>
      {r.loading && !r.data && <Spinner />}
      {r.error ? <ErrorBox error={r.error} onRetry={r.reload} /> : null}
      {r.data && r.data.length === 0 && <Empty icon="bell" title="No custom emoji yet" hint="Add one above." />}
      {r.data && r.data.length > 0 && (
        <ul class="admin-emoji-list" aria-label="Custom emoji">
          {r.data.map((e) => (
            <li key={e.id} class="card admin-emoji">
              <img src={e.url} alt={`:${e.shortcode}:`} title={`:${e.shortcode}:`} class="custom-emoji admin-emoji-picture" />
              <span class="admin-emoji-code">:{e.shortcode}:</span>
              <span class="muted">
                {e.category ?? "No category"}
                {e.visible_in_picker ? "" : " · not in the picker"}
              </span>
              <button type="button" class="btn btn-secondary btn-small" onClick={() => remove(e)} aria-label={`Remove :${e.shortcode}:`}>
                Remove
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
