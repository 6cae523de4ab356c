import { render } from "preact";
import { App } from "./app";
import { startTheme } from "./lib/theme";
import { registerServiceWorker } from "./lib/offline";
import "./styles.css";

startTheme();
render(<App />, document.getElementById("app")!);
registerServiceWorker();
