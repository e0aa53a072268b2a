// Every pinned panel fits a 1920 × 1080 window (see ../pinned.mjs).
import { pinnedPanelsFit } from "../pinned.mjs";

pinnedPanelsFit({ width: 1920, height: 1080 });
