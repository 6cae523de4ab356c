import { useEffect, useState } from "preact/hooks";
import { ApiError, api } from "../lib/api";
import type { AuthProviders, Session } from "../lib/types";
import { instanceTitle, refreshUnread, signedIn } from "../state";
import { useTitle } from "../components/ui";
import { t } from "../i18n";

export function SignInScreen() {
  useTitle(t("signIn.title"));
  const [login, setLogin] = useState("");
  const [password, setPassword] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  // How one may sign in here: the password form (unless local-sign-in is off) and the identity provider's buttons.
  const [ways, setWays] = useState<AuthProviders | null>(null);

  useEffect(() => {
    api<AuthProviders>("/auth/providers")
      .then(setWays)
      .catch(() => setWays({ local: "on", providers: [] }));
  }, []);

  // Back to the page the person asked for once the provider has signed them in.
  const returnTo = `${location.pathname}${location.search}`;

  async function submit(e: Event) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const s = await api<Session>("/auth/sign_in", { method: "POST", body: { login, password } });
      signedIn(s);
      refreshUnread();
    } catch (err) {
      if (err instanceof ApiError && err.status === 401) setError(t("signIn.noMatch"));
      // 403: a deactivated account, or passwords turned off for this person (local-sign-in); the server says which.
      else if (err instanceof ApiError && err.status === 403) setError(err.message);
      else if (err instanceof ApiError && err.status === 429) setError(t("signIn.tooMany"));
      else setError(err instanceof Error ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <main class="signin" id="main">
      <div class="signin-card card">
        <div class="signin-brand">
          <img src="/favicon.svg" alt="" width="48" height="48" />
          <h1>{t("signIn.heading", { instance: instanceTitle.value })}</h1>
          <p class="muted">{t("signIn.tagline")}</p>
        </div>
        {ways && ways.providers.length > 0 && (
          <div class="signin-providers">
            {ways.providers.map((p) => (
              <a
                key={p.id}
                class="btn btn-primary btn-block"
                href={`${p.url}?return_to=${encodeURIComponent(returnTo)}`}
                data-provider={p.id}
              >
                {p.label}
              </a>
            ))}
          </div>
        )}
        {ways && ways.local === "off" ? null : (
        <form onSubmit={submit} class="form">
          <label class="field">
            <span>{t("signIn.login")}</span>
            <input
              type="text"
              name="login"
              autoComplete="username"
              required
              value={login}
              onInput={(e) => setLogin((e.target as HTMLInputElement).value)}
              autoFocus
            />
          </label>
          <label class="field">
            <span>{t("signIn.password")}</span>
            <input
              type="password"
              name="password"
              autoComplete="current-password"
              required
              value={password}
              onInput={(e) => setPassword((e.target as HTMLInputElement).value)}
            />
          </label>
          {error && (
            <p class="form-error" role="alert">
              {error}
            </p>
          )}
          <button type="submit" class="btn btn-primary btn-block" disabled={busy}>
            {busy ? t("signIn.signingIn") : t("signIn.submit")}
          </button>
        </form>
        )}
      </div>
    </main>
  );
}
