//! The site search's index: Pagefind (npm `pagefind`, pinned in
//! `package.json`) run over the pages the prerender wrote, after the release
//! build. It writes `out/pagefind/`: one index per page language (`en`,
//! `zh-cn`; the extended binary segments Chinese into words), the fragments
//! of text shown in results, and `pagefind.js`, which `style/search.js`
//! imports the first time the reader focuses the search field.
//!
//! Pagefind searches with the WebAssembly of the page's language, and
//! searches the other language's index (merged in the browser) with that same
//! module. It has no Chinese one (`"wasm": null` in `pagefind-entry.json`:
//! the `unknown` module, which does not stem), so on a Chinese page English
//! words found nothing when typed in full (`backpressure` missed the English
//! index's stem `backpressur`). [`index`] therefore names the English module
//! for every language without one: its stemmer leaves Chinese words as they
//! are, and the queries `取消 背压 清理时机 轮询 唤醒 poll_next M23` find the
//! same pages either way (measured with Pagefind 1.6.0).
//!
//! Not here: what is indexed. The pages say that themselves — each lesson's
//! and glossary's `<main>` carries `data-pagefind-body`, so the home, root and
//! 404 pages stay out, and the demo panels, predict boxes and previous / next
//! links inside `<main>` carry `data-pagefind-ignore`.

use std::fs;
use std::path::{Path, PathBuf};

use crate::util::{cmd, fail, root, run_capture, show, Context, Result};

/// Languages the index must hold (Pagefind names them after `<html lang>`).
const INDEX_LANGS: [&str; 2] = ["en", "zh-cn"];

/// Indexes the built site in `out` (served at `public_url`) into
/// `out/pagefind/`, and prints how many pages went in.
pub fn index(out: &Path, public_url: &str) -> Result {
    let bin = pagefind_bin()?;
    let mut c = cmd(&bin);
    c.arg("--site").arg(out);
    println!("    {}", show(&c));
    let (ok, log) = run_capture(&mut c)?;
    if !ok {
        return fail("Pagefind could not index the site (see above)");
    }
    let pages = count_after(&log, "Indexed ", " pages");
    let words = count_after(&log, "Indexed ", " words");
    let Some(pages) = pages.filter(|&n| n > 0) else {
        return fail(
            "Pagefind indexed no pages: is `data-pagefind-body` still on the lessons' <main>?",
        );
    };
    let entry_path = out.join("pagefind").join("pagefind-entry.json");
    let entry = fs::read_to_string(&entry_path)
        .context(|| format!("cannot read {}", entry_path.display()))?;
    let entry = entry.replace("\"wasm\":null", "\"wasm\":\"en\"");
    fs::write(&entry_path, &entry).context(|| format!("cannot write {}", entry_path.display()))?;
    for lang in INDEX_LANGS {
        if !entry.contains(&format!("\"{lang}\":")) {
            return fail(format!(
                "{} has no `{lang}` index: every language's pages must be indexed",
                entry_path.display()
            ));
        }
    }
    let bundle = out.join("pagefind");
    prune(&bundle)?;
    println!(
        "    search index for {public_url}: {pages} pages, {} words ({}), {} KB in pagefind/",
        words.map_or_else(|| "?".into(), |n| n.to_string()),
        INDEX_LANGS.join(", "),
        dir_size(&bundle) / 1024
    );
    Ok(())
}

/// Files of Pagefind's bundle the site never loads: its ready-made search
/// interfaces (`style/search.js` is ours) and, once every language names the
/// English module, the `unknown` one. About 490 of 1060 KB with 28 pages;
/// leaving them out keeps them out of the offline worker's cache too.
fn prune(bundle: &Path) -> Result {
    const UNUSED: [&str; 4] = [
        "pagefind-ui.",
        "pagefind-modular-ui.",
        "pagefind-component-ui.",
        "pagefind-highlight.",
    ];
    let entries = fs::read_dir(bundle).context(|| format!("cannot list {}", bundle.display()))?;
    for entry in entries.filter_map(|e| e.ok()) {
        let name = entry.file_name().to_string_lossy().into_owned();
        if UNUSED.iter().any(|p| name.starts_with(p)) || name == "wasm.unknown.pagefind" {
            let path = entry.path();
            fs::remove_file(&path).context(|| format!("cannot remove {}", path.display()))?;
        }
    }
    Ok(())
}

/// The bytes of every file under `dir`.
fn dir_size(dir: &Path) -> u64 {
    fs::read_dir(dir)
        .into_iter()
        .flatten()
        .filter_map(|e| e.ok())
        .map(|e| match e.file_type() {
            Ok(t) if t.is_dir() => dir_size(&e.path()),
            _ => e.metadata().map_or(0, |m| m.len()),
        })
        .sum()
}

/// The Pagefind launcher npm installs (`node_modules/.bin/pagefind`, which
/// runs the platform's binary from `@pagefind/<os>-<cpu>`).
fn pagefind_bin() -> Result<PathBuf> {
    let bin = root().join("node_modules").join(".bin").join("pagefind");
    if bin.exists() {
        Ok(bin)
    } else {
        fail(format!(
            "{} is missing: the search index needs the npm package `pagefind` \
             (run `npm ci`, or `cargo xtask setup`)",
            bin.display()
        ))
    }
}

/// The number in a log line like `  Indexed 26 pages`.
fn count_after(log: &str, before: &str, after: &str) -> Option<u64> {
    log.lines().find_map(|line| {
        let rest = line.trim().strip_prefix(before)?;
        rest.strip_suffix(after)?.trim().parse().ok()
    })
}

#[cfg(test)]
mod tests {
    use super::count_after;

    #[test]
    fn reads_counts_from_the_pagefind_log() {
        let log = "Total: \n  Indexed 2 languages\n  Indexed 26 pages\n  Indexed 9120 words\n";
        assert_eq!(count_after(log, "Indexed ", " pages"), Some(26));
        assert_eq!(count_after(log, "Indexed ", " words"), Some(9120));
        assert_eq!(count_after(log, "Indexed ", " sorts"), None);
    }
}
