// Every pinned panel fits a 1440 × 900 window (see ../pinned.mjs).
import { pinnedPanelsFit } from "../pinned.mjs";

pinnedPanelsFit({ width: 1440, height: 900 });
