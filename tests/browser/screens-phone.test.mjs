// Every main screen at phone size, light and dark (lib/screens.mjs).
import { PHONE } from "./lib/harness.mjs";
import { screenTests } from "./lib/screens.mjs";

screenTests("phone", PHONE);
