//! `cargo xtask dist`: the release build, made to work on any static server
//! under its public URL (including reloads and deep links), and a size report.
//!
//! After `trunk build --release` this:
//! 1. moves trunk's inline `<script type="module">` loader into
//!    `loader-<hash>.js`, so the page needs no inline script and the strict
//!    [`CSP`] (`script-src 'self' 'wasm-unsafe-eval'`) holds (two loaders:
//!    the app's on every page, the Stream Lab's on its own page, each checked
//!    to load that page's wasm and no other);
//! 2. adds the policy as a `<meta http-equiv>` (for hosts that cannot set
//!    headers, e.g. GitHub Pages) and writes it to `_headers` (Netlify,
//!    Cloudflare Pages; `end2end/serve.mjs` reads it too);
//! 3. does both to every page the prerender wrote (`index.html`, `404.html`,
//!    `<lang>/index.html`, `<lang>/glossary/index.html` and
//!    `<lang>/<slug>/index.html` for every language and lesson), and checks
//!    that none is missing, and that the wasm carries no lesson text;
//! 4. indexes the pages for search (Pagefind, `xtask/src/search.rs`) into
//!    `pagefind/`;
//! 5. writes the service worker (`sw.js`, every file of the build in one
//!    cache) and the web app manifest, and marks the pages with them
//!    (`xtask/offline.mjs`);
//! 6. measures the wasm, JS and CSS raw, gzipped and brotli-compressed
//!    (through `xtask/sizes.mjs`, Node's zlib) into `size-report.json`.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use crate::util::{self, cmd, fail, root, run, Context, Result};

/// The Content-Security-Policy the site is built for. Scripts only from the
/// site itself plus WebAssembly compilation; inline `style="…"` attributes
/// are allowed (the timeline positions boxes with them), `<style>` elements
/// and inline scripts are not.
pub const CSP: &str = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; \
    style-src 'self'; style-src-attr 'unsafe-inline'; img-src 'self' data:; \
    font-src 'self'; connect-src 'self'; worker-src 'self'; manifest-src 'self'; \
    object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

/// The site's languages: every route exists once per language.
pub const LANGS: [&str; 2] = ["en", "zh"];

/// Pages of each language besides its home and its lessons (`/en/glossary/`,
/// the Stream Lab `/en/lab/`).
pub const OTHER_PAGES: [&str; 2] = ["glossary", "lab"];

/// The page that loads the Stream Lab's wasm (`lab-<hash>.js`) instead of
/// the app's (`app-<hash>.js`): see `app::prerender`.
const LAB_PAGE: &str = "lab";

/// Checks and normalises a public URL: `/`, `/lab/`, `https://x.org/lab/`.
pub fn public_url(raw: &str) -> Result<String> {
    let url = raw.trim();
    let ok_start =
        url.starts_with('/') || url.starts_with("https://") || url.starts_with("http://");
    if !ok_start || url.contains(char::is_whitespace) || url.contains(['"', '\'', '<', '>']) {
        return fail(format!(
            "--public-url `{raw}` must be a path like `/` or `/lab/` (or a full http(s) URL)"
        ));
    }
    Ok(if url.ends_with('/') {
        url.to_string()
    } else {
        format!("{url}/")
    })
}

/// Builds the release site into `out` for `public_url` (normalised) and
/// post-processes it. Prints and writes the size report.
pub fn build(public_url: &str, out: &Path) -> Result {
    build_with(public_url, out, &[])
}

/// [`build`] with these cargo features of the app (`bench`).
pub fn build_with(public_url: &str, out: &Path, features: &[&str]) -> Result {
    util::heading(&format!(
        "Release build into {} for {public_url}",
        out.strip_prefix(root()).unwrap_or(out).display()
    ));
    let mut c = cmd("trunk");
    c.args(["build", "--release", "--public-url", public_url, "--dist"])
        .arg(out);
    if !features.is_empty() {
        c.args(["--features", &features.join(",")]);
    }
    c
        // A failed cargo build is reported by trunk; its own backtrace adds nothing.
        .env("RUST_LIB_BACKTRACE", "0");
    println!("    {}", util::show(&c));
    if !run(&mut c)? {
        return fail("`trunk build --release` failed (see above)");
    }
    postprocess(out, public_url)?;
    check_no_lesson_text(out)?;
    crate::search::index(out, public_url)?;
    offline(out, public_url)?;
    size_report(out, public_url)
}

/// Step 5: the service worker and the web app manifest, over the final
/// files (`xtask/offline.mjs`).
fn offline(out: &Path, public_url: &str) -> Result {
    let script = root().join("xtask").join("offline.mjs");
    let mut c = Command::new("node");
    c.arg(&script).arg(out).arg(public_url);
    if !run(&mut c)? {
        return fail(format!("`node {}` failed", script.display()));
    }
    Ok(())
}

/// The pages carry the lessons' text; the wasm must not (it only brings
/// the demos to life). Fails if any lesson summary, or any page's first
/// paragraph, can be found in the wasm.
fn check_no_lesson_text(out: &Path) -> Result {
    let wasm: Vec<u8> = fs::read_dir(out)
        .context(|| format!("cannot list {}", out.display()))?
        .filter_map(|e| e.ok())
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "wasm"))
        .filter_map(|p| fs::read(p).ok())
        .flatten()
        .collect();
    if wasm.is_empty() {
        return fail("no .wasm in the build");
    }
    let mut checked = 0;
    for slug in lesson_folders()? {
        for file in ["en.md", "zh.md"] {
            let path = root().join("lessons").join(&slug).join(file);
            let Ok(text) = fs::read_to_string(&path) else {
                continue;
            };
            for sample in text_samples(&text) {
                checked += 1;
                if wasm.windows(sample.len()).any(|w| w == sample.as_bytes()) {
                    return fail(format!(
                        "the wasm carries lesson text (from lessons/{slug}/{file}): \"{sample}\" — \
                         the page should bring it, not the wasm"
                    ));
                }
            }
        }
    }
    println!("    the wasm carries no lesson text ({checked} passages checked)");
    Ok(())
}

/// Passages of a lesson's Markdown that any build carrying the text would
/// hold verbatim: the longest run of plain words in the summary and in
/// each of the first paragraphs (between backticks, links and emphasis).
fn text_samples(markdown: &str) -> Vec<String> {
    let summary = markdown
        .lines()
        .find_map(|l| l.strip_prefix("summary = \""))
        .map(|s| s.trim_end_matches('"').to_string());
    let body = markdown.split("+++").nth(2).unwrap_or("");
    let paragraphs = body
        .split("\n\n")
        .filter(|p| {
            let p = p.trim_start();
            !p.is_empty()
                && !p.starts_with(['#', '`', ':', '|', '<', '-', '>', '*'])
                && !p.starts_with(char::is_numeric)
        })
        .take(3)
        .map(|p| p.replace('\n', " "));
    summary
        .into_iter()
        .chain(paragraphs)
        .filter_map(|p| {
            p.split(['`', '[', ']', '(', ')', '*', '_', '"', '\\'])
                .map(str::trim)
                .max_by_key(|s| s.chars().count())
                .filter(|s| s.chars().count() >= 12)
                .map(str::to_string)
        })
        .collect()
}

/// Steps 1–3 of the module docs. The pages themselves were written by the
/// prerender (trunk's `post_build` hook); each gets the same treatment.
fn postprocess(out: &Path, public_url: &str) -> Result {
    let mut pages: Vec<PathBuf> = vec!["index.html".into(), "404.html".into()];
    let slugs = lesson_slugs()?;
    for lang in LANGS {
        pages.push(Path::new(lang).join("index.html"));
        for page in OTHER_PAGES {
            pages.push(Path::new(lang).join(page).join("index.html"));
        }
        for slug in &slugs {
            pages.push(Path::new(lang).join(slug).join("index.html"));
        }
    }
    // The loader of each wasm, once written: (bin, file name).
    let mut loaders: Vec<(&str, String)> = Vec::new();
    for page in &pages {
        let path = out.join(page);
        let html = fs::read_to_string(&path).context(|| {
            format!(
                "cannot read {} (the prerender writes it: did trunk's post_build hook run?)",
                path.display()
            )
        })?;
        if !html.contains("data-page=") {
            return fail(format!("{} was not prerendered", path.display()));
        }
        // The root only redirects (style/boot.js): the prerender left the app out.
        if html.contains("data-page=\"root\"") && find_inline_script(&html).is_none() {
            let html = add_csp_meta(&html)?;
            fs::write(&path, html).context(|| format!("cannot write {}", path.display()))?;
            continue;
        }
        let (html, loader) = externalize_loader(&html, public_url)?;
        let is_lab = page.parent().and_then(Path::file_name) == Some(LAB_PAGE.as_ref());
        let bin = if is_lab { "lab" } else { "app" };
        let other = if is_lab { "app" } else { "lab" };
        if !loader.contains(&format!("from '{public_url}{bin}-"))
            || loader.contains(&format!("'{public_url}{other}-"))
        {
            return fail(format!(
                "{} should load the {bin} wasm and only it; its loader is:\n{loader}",
                page.display()
            ));
        }
        let name = format!("loader-{:016x}.js", util::fnv64(loader.as_bytes()));
        match loaders.iter().find(|(b, _)| *b == bin) {
            Some((_, known)) if *known != name => {
                return fail(format!(
                    "{} has another {bin} loader than the pages before it",
                    page.display()
                ));
            }
            Some(_) => {}
            None => {
                fs::write(out.join(&name), loader.trim_start())
                    .context(|| format!("cannot write {name}"))?;
                loaders.push((bin, name.clone()));
            }
        }
        let html = html.replace(
            "\u{0}LOADER\u{0}",
            &format!(r#"<script type="module" src="{public_url}{name}"></script>"#),
        );
        let html = add_csp_meta(&html)?;
        if let Some(pos) = find_inline_script(&html) {
            return fail(format!(
                "{} still has an inline <script> (at byte {pos}); the CSP forbids it",
                page.display()
            ));
        }
        fs::write(&path, html).context(|| format!("cannot write {}", path.display()))?;
    }
    let headers = format!(
        "/*\n  Content-Security-Policy: {CSP}\n  X-Content-Type-Options: nosniff\n  \
         Referrer-Policy: strict-origin-when-cross-origin\n"
    );
    fs::write(out.join("_headers"), headers).context(|| "cannot write _headers".to_string())?;
    if !loaders.iter().any(|(b, _)| *b == "lab") {
        return fail("no page loads the Stream Lab's wasm (was lab.js built?)");
    }
    let names: Vec<&str> = loaders.iter().map(|(_, n)| n.as_str()).collect();
    println!(
        "    {} pages ({} languages × {} lessons + home + {}, and 404.html), {}, _headers",
        pages.len(),
        LANGS.len(),
        slugs.len(),
        OTHER_PAGES.join(" + "),
        names.join(", ")
    );
    Ok(())
}

/// The lessons' URL slugs: folders `lessons/NN-slug/` with a page, in order.
pub fn lesson_slugs() -> Result<Vec<String>> {
    Ok(lesson_folders()?
        .into_iter()
        .map(|n| n[3..].to_string())
        .collect())
}

/// The lesson folders with a page (`NN-slug`), in order.
fn lesson_folders() -> Result<Vec<String>> {
    let dir = root().join("lessons");
    let entries = fs::read_dir(&dir).context(|| format!("cannot list {}", dir.display()))?;
    let mut found: Vec<String> = entries
        .filter_map(|e| e.ok())
        // A draft (no en.md or zh.md yet) is not on the site.
        .filter(|e| e.path().join("en.md").is_file() || e.path().join("zh.md").is_file())
        .filter_map(|e| e.file_name().into_string().ok())
        .filter(|name| {
            let b = name.as_bytes();
            b.len() > 3 && b[0].is_ascii_digit() && b[1].is_ascii_digit() && b[2] == b'-'
        })
        .collect();
    found.sort();
    Ok(found)
}

/// Cuts trunk's inline module loader out of `html`, leaving a `\0LOADER\0`
/// marker, and returns the page and the loader's code.
fn externalize_loader(html: &str, public_url: &str) -> Result<(String, String)> {
    let Some(start) = find_inline_script(html) else {
        return fail("trunk's inline module loader was not found in dist/index.html");
    };
    let open_end = html[start..]
        .find('>')
        .map(|i| start + i + 1)
        .unwrap_or(html.len());
    let open_tag = &html[start..open_end];
    if !open_tag.contains(r#"type="module""#) {
        return fail(format!(
            "unexpected inline script `{open_tag}` in dist/index.html"
        ));
    }
    let Some(close) = html[open_end..].find("</script>").map(|i| open_end + i) else {
        return fail("unterminated <script> in dist/index.html");
    };
    let code = html[open_end..close].to_string();
    if !code.contains(&format!("from '{public_url}")) {
        return fail(format!(
            "trunk's loader does not import from {public_url}: was the build made for another URL?"
        ));
    }
    let page = format!(
        "{}\u{0}LOADER\u{0}{}",
        &html[..start],
        &html[close + "</script>".len()..]
    );
    Ok((page, code))
}

/// Byte offset of the first `<script` tag without a `src` attribute.
fn find_inline_script(html: &str) -> Option<usize> {
    let mut from = 0;
    while let Some(i) = html[from..].find("<script") {
        let start = from + i;
        let end = html[start..].find('>').map_or(html.len(), |j| start + j);
        if !html[start..end].contains(" src=") {
            return Some(start);
        }
        from = end;
    }
    None
}

/// Puts the CSP (less `frame-ancestors`, which a `<meta>` cannot carry)
/// right after `<meta charset…>`, before anything it governs.
fn add_csp_meta(html: &str) -> Result<String> {
    let policy: Vec<&str> = CSP
        .split(';')
        .map(str::trim)
        .filter(|d| !d.starts_with("frame-ancestors"))
        .collect();
    let meta = format!(
        r#"<meta http-equiv="Content-Security-Policy" content="{}">"#,
        policy.join("; ")
    );
    let Some(charset) = html.find("<meta charset") else {
        return fail("dist/index.html has no <meta charset>");
    };
    let after = html[charset..]
        .find('>')
        .map_or(html.len(), |i| charset + i + 1);
    Ok(format!("{}\n    {meta}{}", &html[..after], &html[after..]))
}

/// One measured file.
struct Size {
    file: String,
    kind: &'static str,
    raw: u64,
    gzip: u64,
    brotli: u64,
}

/// Measures the wasm, JS and CSS in `out`, prints a table and writes
/// `size-report.json`.
fn size_report(out: &Path, public_url: &str) -> Result {
    let mut files: Vec<(String, &'static str)> = fs::read_dir(out)
        .context(|| format!("cannot list {}", out.display()))?
        .filter_map(|e| e.ok())
        .filter(|e| e.path().is_file())
        .filter_map(|e| e.file_name().into_string().ok())
        .filter_map(|name| {
            let kind = match Path::new(&name).extension()?.to_str()? {
                "wasm" => "wasm",
                "js" | "mjs" => "js",
                "css" => "css",
                _ => return None,
            };
            Some((name, kind))
        })
        .collect();
    files.sort_by(|a, b| (kind_rank(a.1), &a.0).cmp(&(kind_rank(b.1), &b.0)));

    let script = root().join("xtask").join("sizes.mjs");
    let mut c = Command::new("node");
    c.arg(&script).current_dir(out);
    c.args(files.iter().map(|f| &f.0));
    let Some(text) = util::output(&mut c) else {
        return fail(format!(
            "`node {}` failed to measure sizes",
            script.display()
        ));
    };
    let mut sizes = Vec::new();
    for ((file, kind), line) in files.iter().zip(text.lines()) {
        let nums: Vec<u64> = line
            .split_whitespace()
            .filter_map(|n| n.parse().ok())
            .collect();
        let [raw, gzip, brotli] = nums[..] else {
            return fail(format!("unexpected output from sizes.mjs: `{line}`"));
        };
        sizes.push(Size {
            file: file.clone(),
            kind,
            raw,
            gzip,
            brotli,
        });
    }

    println!(
        "\n    {:<34} {:>10} {:>10} {:>10}",
        "file", "raw", "gzip", "brotli"
    );
    for s in &sizes {
        println!(
            "    {:<34} {:>10} {:>10} {:>10}",
            s.file, s.raw, s.gzip, s.brotli
        );
    }
    let mut totals = Vec::new();
    for kind in ["wasm", "js", "css", "all"] {
        let of: Vec<&Size> = sizes
            .iter()
            .filter(|s| kind == "all" || s.kind == kind)
            .collect();
        let sum = |f: fn(&Size) -> u64| of.iter().map(|s| f(s)).sum::<u64>();
        let t = (kind, sum(|s| s.raw), sum(|s| s.gzip), sum(|s| s.brotli));
        println!(
            "    {:<34} {:>10} {:>10} {:>10}",
            format!("total {kind}"),
            t.1,
            t.2,
            t.3
        );
        totals.push(t);
    }

    let mut json = String::from("{\n");
    json.push_str(&format!("  \"public_url\": {},\n", json_str(public_url)));
    json.push_str(
        "  \"unit\": \"bytes\",\n  \"compression\": \"gzip level 9, brotli quality 11\",\n",
    );
    json.push_str("  \"files\": [\n");
    let rows: Vec<String> = sizes
        .iter()
        .map(|s| {
            format!(
                "    {{ \"file\": {}, \"kind\": \"{}\", \"raw\": {}, \"gzip\": {}, \"brotli\": {} }}",
                json_str(&s.file),
                s.kind,
                s.raw,
                s.gzip,
                s.brotli
            )
        })
        .collect();
    json.push_str(&rows.join(",\n"));
    json.push_str("\n  ],\n  \"totals\": {\n");
    let rows: Vec<String> = totals
        .iter()
        .map(|(k, raw, gz, br)| {
            format!("    \"{k}\": {{ \"raw\": {raw}, \"gzip\": {gz}, \"brotli\": {br} }}")
        })
        .collect();
    json.push_str(&rows.join(",\n"));
    json.push_str("\n  }\n}\n");
    let report = out.join("size-report.json");
    fs::write(&report, json).context(|| format!("cannot write {}", report.display()))?;
    println!(
        "    written to {}",
        report.strip_prefix(root()).unwrap_or(&report).display()
    );
    Ok(())
}

fn kind_rank(kind: &str) -> u8 {
    match kind {
        "wasm" => 0,
        "js" => 1,
        _ => 2,
    }
}

/// A JSON string literal (file names and URLs here are plain ASCII, but escape anyway).
fn json_str(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if (c as u32) < 0x20 => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn samples_are_plain_runs_of_the_summary_and_first_paragraphs() {
        let md = "+++\ntitle = \"x\"\nsummary = \"Leaving a loop early does not end the `stream` at all.\"\n+++\n\n\
                  In Python, `async for x` looks like one statement, but it is a\nprotocol.\n\n```rust\nlet x = 1;\n```\n\n# Head\n";
        assert_eq!(
            text_samples(md),
            vec![
                "Leaving a loop early does not end the".to_string(),
                "looks like one statement, but it is a protocol.".to_string()
            ]
        );
    }

    const PAGE: &str = "<html><head><meta charset=\"utf-8\" />\n<base href=\"/lab/\" />\
        <script src=\"boot.js\"></script></head><body>\n\
        <script type=\"module\">\nimport init from '/lab/app-1.js';\nawait init();\n</script></body></html>";

    #[test]
    fn public_urls_are_normalised() {
        assert_eq!(public_url("/lab").ok().as_deref(), Some("/lab/"));
        assert_eq!(public_url("/").ok().as_deref(), Some("/"));
        assert!(public_url("lab/").is_err());
        assert!(public_url("/a b/").is_err());
    }

    #[test]
    fn the_loader_moves_out_and_the_csp_goes_in() {
        let (page, code) = externalize_loader(PAGE, "/lab/").expect("loader found");
        assert!(code.contains("import init from '/lab/app-1.js'"));
        assert!(page.contains("\u{0}LOADER\u{0}"));
        assert_eq!(find_inline_script(&page), None);
        let page = add_csp_meta(&page).expect("meta added");
        let meta = page.find("Content-Security-Policy").expect("csp");
        assert!(meta < page.find("<base").expect("base"));
        assert!(!page.contains("frame-ancestors"));
    }

    #[test]
    fn a_loader_for_another_url_is_refused() {
        assert!(externalize_loader(PAGE, "/other/").is_err());
    }
}
