// Prints "raw gzip brotli" (bytes) for each file named on the command line,
// one line per file, in order. Used by `cargo xtask dist` for the size report:
// gzip at level 9 and brotli at quality 11, as a static host would precompress.
import { readFileSync } from "node:fs";
import { brotliCompressSync, constants, gzipSync } from "node:zlib";

for (const file of process.argv.slice(2)) {
  const data = readFileSync(file);
  const gzip = gzipSync(data, { level: 9 }).length;
  const brotli = brotliCompressSync(data, {
    params: {
      [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
      [constants.BROTLI_PARAM_SIZE_HINT]: data.length,
    },
  }).length;
  console.log(`${data.length} ${gzip} ${brotli}`);
}
