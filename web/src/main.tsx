import { render } from "preact";
import { App } from "./app";
import { setLanguage, startingLanguage } from "./i18n";
import { startTheme } from "./lib/theme";
import { registerServiceWorker } from "./lib/offline";
import "./styles.css";

startTheme();
// A language other than English loads its messages before the first paint.
void setLanguage(startingLanguage())
  .catch(() => setLanguage("en"))
  .finally(() => {
    render(<App />, document.getElementById("app")!);
    registerServiceWorker();
  });
