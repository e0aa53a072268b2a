// Lists the variants the lesson specs declare (end2end/tests/lessons-*.spec.mjs:
// a page opened with knob values in its URL, and the demo they change), one
// `slug<TAB>demo<TAB>query` line each, for lessons/src/bin/e2e-expectations.rs,
// which records their native runs. `cargo xtask test` runs it before the
// end-to-end phase:
//
//   node end2end/cases.mjs > target/e2e/variants.txt
//
// The specs are imported with LAB_LIST_VARIANTS=1, so `describeLessons` only
// collects their variants and makes no tests (and opens no browser).

import { readdirSync } from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

process.env.LAB_LIST_VARIANTS = "1";
// lib.mjs starts a server for the last build unless given a base URL; none is needed here.
process.env.LAB_BASE_URL ??= "http://127.0.0.1:9/lab/";

const here = path.dirname(fileURLToPath(import.meta.url));
const { listedVariants } = await import("./lessons.mjs");
const dir = path.join(here, "tests");
for (const name of readdirSync(dir).filter((n) => /^lessons-.*\.spec\.mjs$/.test(n)).sort()) {
  await import(pathToFileURL(path.join(dir, name)).href);
}
process.stdout.write(listedVariants.map((l) => `${l}\n`).join(""));
