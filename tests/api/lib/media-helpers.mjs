// Helpers for the media tests: uploading through Mastodon's media API and
// fetching a media file URL.

/**
 * POST /api/v2/media on the server at `url` as `user` with `bytes` as the
 * file (the claimed name and type may be lies on purpose).
 * Resolves to {status, headers, text, json}.
 */
export async function uploadMedia(url, user, bytes, { name = "upload.bin", type = "application/octet-stream", fields = {}, field = "file" } = {}) {
  const form = new FormData();
  form.append(field, new Blob([bytes], { type }), name);
  for (const [k, v] of Object.entries(fields)) form.append(k, v);
  const res = await fetch(`${url}/api/v2/media`, {
    method: "POST",
    headers: { Authorization: `Bearer ${user.token}` },
    body: form,
  });
  const text = await res.text();
  let json;
  try {
    json = JSON.parse(text);
  } catch {}
  return { status: res.status, headers: res.headers, text, json };
}

/** GET of a media file URL as `user` (null: anonymous); resolves to {status, headers, body: Buffer}. */
export async function fetchFile(url, user, headers = {}) {
  const h = { ...headers };
  if (user) h.Authorization = `Bearer ${user.token}`;
  const res = await fetch(url, { headers: h });
  return { status: res.status, headers: res.headers, body: Buffer.from(await res.arrayBuffer()) };
}
