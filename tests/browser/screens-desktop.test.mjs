// Every main screen at desktop size, light and dark (lib/screens.mjs).
import { DESKTOP } from "./lib/harness.mjs";
import { screenTests } from "./lib/screens.mjs";

screenTests("desktop", DESKTOP);
