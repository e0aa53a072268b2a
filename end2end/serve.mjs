// A dependency-free static server that behaves like a plain static host
// (GitHub Pages, nginx with defaults) serving a release build under a
// sub-path:
//
//   /lab/some/dir/   → some/dir/index.html
//   /lab/some/dir    → 301 to /lab/some/dir/
//   /lab             → 301 to /lab/
//   anything missing → 404.html with status 404 (GitHub Pages does this)
//
// and sends the headers listed in the build's `_headers` file (the format of
// Netlify and Cloudflare Pages; `cargo xtask dist` writes the site's
// Content-Security-Policy there). No SPA fallback: a route works only if the
// build has an HTML file for it, which is what the tests must prove.
//
// Usage: node end2end/serve.mjs [--dir target/e2e/dist] [--prefix /lab/] [--port 0] [--host 127.0.0.1]
// Prints one line, "serving <dir> at <url>", then serves until killed.

import { createReadStream, existsSync, readFileSync, statSync } from "node:fs";
import http from "node:http";
import zlib from "node:zlib";
import path from "node:path";
import { fileURLToPath } from "node:url";

const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".wasm": "application/wasm",
  ".json": "application/json",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".ico": "image/x-icon",
  ".txt": "text/plain; charset=utf-8",
  ".woff2": "font/woff2",
  ".map": "application/json",
};

/**
 * Reads a `_headers` file: blocks of a path pattern (`/*`, `/en/*`, `/x.js`)
 * followed by indented `Name: value` lines.
 * @returns {{ pattern: string, headers: [string, string][] }[]}
 */
export function parseHeaders(text) {
  const rules = [];
  for (const line of text.split("\n")) {
    if (!line.trim() || line.trim().startsWith("#")) continue;
    if (!/^\s/.test(line)) {
      rules.push({ pattern: line.trim(), headers: [] });
    } else if (rules.length) {
      const i = line.indexOf(":");
      if (i > 0) rules.at(-1).headers.push([line.slice(0, i).trim(), line.slice(i + 1).trim()]);
    }
  }
  return rules;
}

function matches(pattern, sitePath) {
  if (pattern.endsWith("*")) return sitePath.startsWith(pattern.slice(0, -1));
  return pattern === sitePath;
}

/**
 * Starts the server. `prefix` must start and end with "/". With `gzip`, a
 * client that accepts it gets every file gzipped (level 9, as GitHub Pages
 * sends them); the benchmarks use that, the tests do not need it.
 * @returns {Promise<{ url: string, server: http.Server, close: () => Promise<void> }>}
 */
export function startServer({ dir, prefix = "/lab/", port = 0, host = "127.0.0.1", gzip = false }) {
  const root = path.resolve(dir);
  if (!existsSync(path.join(root, "index.html"))) {
    throw new Error(`${root} has no index.html: run \`cargo xtask dist\` first`);
  }
  const headersFile = path.join(root, "_headers");
  const rules = existsSync(headersFile) ? parseHeaders(readFileSync(headersFile, "utf8")) : [];
  const notFound = path.join(root, "404.html");
  const zipped = new Map();

  const send = (req, res, status, file, sitePath) => {
    const headers = { "Cache-Control": "no-cache" };
    for (const rule of rules) {
      if (matches(rule.pattern, sitePath)) for (const [k, v] of rule.headers) headers[k] = v;
    }
    headers["Content-Type"] = TYPES[path.extname(file)] ?? "application/octet-stream";
    if (gzip && /\bgzip\b/.test(req.headers["accept-encoding"] ?? "")) {
      let body = zipped.get(file);
      if (!body) zipped.set(file, (body = zlib.gzipSync(readFileSync(file), { level: 9 })));
      headers["Content-Encoding"] = "gzip";
      headers["Content-Length"] = body.length;
      res.writeHead(status, headers);
      return res.end(req.method === "HEAD" ? undefined : body);
    }
    headers["Content-Length"] = statSync(file).size;
    res.writeHead(status, headers);
    if (req.method === "HEAD") return res.end();
    createReadStream(file).pipe(res);
  };

  const server = http.createServer((req, res) => {
    if (req.method !== "GET" && req.method !== "HEAD") {
      res.writeHead(405, { Allow: "GET, HEAD" }).end();
      return;
    }
    const url = new URL(req.url ?? "/", "http://x");
    const missing = () => {
      if (existsSync(notFound)) return send(req, res, 404, notFound, "/404.html");
      res.writeHead(404, { "Content-Type": "text/plain" }).end("not found\n");
    };
    if (url.pathname === prefix.slice(0, -1) && prefix !== "/") {
      res.writeHead(301, { Location: prefix + url.search }).end();
      return;
    }
    if (!url.pathname.startsWith(prefix)) return missing();
    let rel;
    try {
      rel = decodeURIComponent(url.pathname.slice(prefix.length));
    } catch {
      return missing();
    }
    const file = path.resolve(root, rel);
    if (file !== root && !file.startsWith(root + path.sep)) return missing();
    let stat;
    try {
      stat = statSync(file);
    } catch {
      return missing();
    }
    const sitePath = "/" + rel;
    if (stat.isDirectory()) {
      if (!url.pathname.endsWith("/")) {
        res.writeHead(301, { Location: url.pathname + "/" + url.search }).end();
        return;
      }
      const index = path.join(file, "index.html");
      return existsSync(index) ? send(req, res, 200, index, sitePath + "index.html") : missing();
    }
    send(req, res, 200, file, sitePath);
  });

  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => {
      const { port: actual } = server.address();
      resolve({
        url: `http://${host}:${actual}${prefix}`,
        server,
        close: () => new Promise((done) => server.close(() => done())),
      });
    });
  });
}

function parseArgs(argv) {
  const opts = { dir: "target/e2e/dist", prefix: "/lab/", port: 0, host: "127.0.0.1" };
  for (let i = 0; i < argv.length; i += 2) {
    const [key, value] = [argv[i], argv[i + 1]];
    if (value === undefined) throw new Error(`${key} needs a value`);
    if (key === "--dir") opts.dir = value;
    else if (key === "--prefix") opts.prefix = value;
    else if (key === "--port") opts.port = Number(value);
    else if (key === "--host") opts.host = value;
    else throw new Error(`unknown option ${key}`);
  }
  if (!opts.prefix.startsWith("/")) opts.prefix = "/" + opts.prefix;
  if (!opts.prefix.endsWith("/")) opts.prefix += "/";
  return opts;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    const opts = parseArgs(process.argv.slice(2));
    const { url } = await startServer(opts);
    console.log(`serving ${opts.dir} at ${url}`);
  } catch (e) {
    console.log(`error: ${e.message}`);
    process.exit(1);
  }
}
