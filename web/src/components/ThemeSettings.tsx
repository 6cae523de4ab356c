// The reader's choice of colour theme in Settings: light, dark, or following
// the system. Kept in this browser and applied at once.

import { THEME_CHOICES, chooseTheme, themeChoice, type ThemeChoice } from "../lib/theme";
import { t } from "../i18n";

export function ThemeSettings() {
  return (
    <section class="card settings-form" aria-labelledby="theme-h">
      <h2 id="theme-h">{t("themeSettings.title")}</h2>
      <fieldset class="field">
        <legend>{t("themeSettings.theme")}</legend>
        {THEME_CHOICES.map((c) => (
          <label class="radio" key={c.id}>
            <input
              type="radio"
              name="theme"
              value={c.id}
              checked={themeChoice.value === c.id}
              onChange={() => chooseTheme(c.id as ThemeChoice)}
            />
            <span>
              {c.label}
              <span class="muted"> — {c.hint}</span>
            </span>
          </label>
        ))}
      </fieldset>
      <p class="muted">{t("themeSettings.kept")}</p>
    </section>
  );
}
