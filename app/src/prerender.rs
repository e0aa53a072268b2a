//! Renders every page of the site to HTML at build time (natively, with
//! Leptos `ssr`), into the page template trunk made (`index.html` with the
//! hashed script and style links). `src/bin/prerender.rs` writes the files;
//! the wasm then brings each page to life in place ([`crate::client`]).
//!
//! One file per route, as a static host serves them: `index.html` (the
//! root, which sends the reader to their language), `404.html`,
//! `<lang>/index.html`, `<lang>/glossary/index.html`, `<lang>/lab/index.html`
//! and `<lang>/<slug>/index.html`.
//!
//! Two wasm binaries: the site's (`app`) and the Stream Lab's (`lab`).
//! Trunk 0.21 builds one "main" app and puts its loader into the template;
//! the Lab is built beside it as a `data-type="worker"` app (trunk builds
//! it and loads nothing: `lab.js`, `lab_bg.wasm`). [`lab_files`] gives those
//! two files hashed names, and the Lab page gets its own loader in place of
//! the app's, so a lesson page never fetches the Lab ([`fill`]).

use std::path::PathBuf;

use leptos::prelude::*;
use lessons::{Lang, LESSONS};

use crate::pages::{self, PageMeta};
use crate::paths::{glossary_href, home_href, lab_href, lesson_href, Route};
use crate::{memory, progress, theme, Here, Site};

/// One page to write.
#[derive(Debug, Clone)]
pub struct Rendered {
    /// Where, relative to the site's folder.
    pub file: PathBuf,
    /// The whole document.
    pub html: String,
}

/// Every route of the site, with the file that serves it and its canonical
/// path (with `base`; `None` for 404.html, which answers any path).
pub fn routes(base: &str) -> Vec<(Route<usize>, PathBuf, Option<String>)> {
    let mut out = vec![
        (
            Route::Root,
            PathBuf::from("index.html"),
            Some(format!("{base}/")),
        ),
        (
            Route::NotFound { lang: None },
            PathBuf::from("404.html"),
            None,
        ),
    ];
    for lang in Lang::ALL {
        let code = lang.code();
        out.push((
            Route::Home(lang),
            PathBuf::from(code).join("index.html"),
            Some(home_href(base, lang)),
        ));
        out.push((
            Route::Glossary(lang),
            PathBuf::from(code).join("glossary").join("index.html"),
            Some(glossary_href(base, lang)),
        ));
        out.push((
            Route::Lab(lang),
            PathBuf::from(code)
                .join(crate::paths::LAB_SLUG)
                .join("index.html"),
            Some(lab_href(base, lang)),
        ));
        for (i, l) in LESSONS.iter().enumerate() {
            out.push((
                Route::Lesson(lang, i),
                PathBuf::from(code).join(l.slug).join("index.html"),
                Some(lesson_href(base, lang, l.slug)),
            ));
        }
    }
    out
}

/// The body of `route`'s page as HTML, rendered at `path`.
pub fn render_body(site: Site, route: &Route<usize>, path: &str) -> String {
    let owner = Owner::new();
    let html = owner.with(|| {
        crate::provide_site(site);
        provide_context(Here {
            path: path.to_string(),
            search: String::new(),
        });
        progress::provide_progress();
        theme::provide_theme();
        memory::provide_memory();
        pages::view(route).to_html()
    });
    drop(owner);
    // Leptos marks places for hydration with empty comments; nothing here
    // hydrates, so they only cost bytes.
    html.replace("<!>", "").replace("<!--<() />-->", "")
}

/// Escapes text for an HTML attribute or element.
fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// `template` (trunk's `index.html`) with `meta` and `body` put in: the
/// document's language, title and description, `data-page` on `<html>`
/// (read by `style/boot.js` and the wasm), `head` (links) before
/// `</head>`, and the page as `<body>`.
pub fn fill(template: &str, meta: &PageMeta, head: &str, body: &str) -> Result<String, String> {
    let mut html = template.to_string();
    let replace_between = |html: &mut String, open: &str, close: &str, with: &str| {
        let start = html
            .find(open)
            .ok_or_else(|| format!("the template has no `{open}`"))?;
        let end = html[start..]
            .find(close)
            .map(|i| start + i + close.len())
            .ok_or_else(|| format!("the template has no `{close}` after `{open}`"))?;
        html.replace_range(start..end, with);
        Ok::<(), String>(())
    };
    replace_between(
        &mut html,
        "<html",
        ">",
        &format!(
            r#"<html lang="{}" data-page="{}">"#,
            meta.lang.html_lang(),
            meta.kind
        ),
    )?;
    replace_between(
        &mut html,
        "<title>",
        "</title>",
        &format!("<title>{}</title>", escape(&meta.title)),
    )?;
    replace_between(
        &mut html,
        r#"<meta name="description""#,
        ">",
        &format!(
            r#"<meta name="description" content="{}" />"#,
            escape(&meta.description)
        ),
    )?;
    if !head.is_empty() {
        let end = html
            .find("</head>")
            .ok_or_else(|| "the template has no `</head>`".to_string())?;
        html.insert_str(end, head);
    }
    // Each page loads one wasm: the Lab's on the Lab, the site's elsewhere.
    let (keep, other) = if meta.kind == "lab" {
        (Bin::Lab, Bin::App)
    } else {
        (Bin::App, Bin::Lab)
    };
    html = without_bin(&html, other);
    if meta.kind == "root" {
        // The root only sends the reader on (style/boot.js): loading the
        // wasm there would be cut short by the redirect.
        html = without_bin(&html, keep);
    } else {
        // Trunk preloads the wasm from the head, where its download shares
        // the link with the styles the first paint waits for: on a slow link
        // the text then shows ~0.4 s later (end2end/bench/firstview.mjs).
        // The loader fetches it as soon as it runs.
        html = without_tags(&html, "<link rel=\"preload\"", |tag| {
            tag.contains(".wasm\"")
        });
    }
    let lesson = meta
        .lesson
        .map(|slug| format!(r#" data-lesson="{slug}""#))
        .unwrap_or_default();
    replace_between(
        &mut html,
        "<body",
        "</body>",
        &format!(
            r#"<body data-lang="{}"{lesson}>{body}</body>"#,
            meta.lang.code()
        ),
    )?;
    Ok(html)
}

/// The page's own address and the same page in each language, for search
/// engines and link previews (`rel="canonical"`, `rel="alternate"
/// hreflang`), as paths under the base.
fn links(base: &str, route: &Route<usize>, canonical: Option<&str>) -> String {
    let Some(canonical) = canonical else {
        return String::new();
    };
    let in_lang = |lang: Lang| match *route {
        Route::Home(_) => Some(home_href(base, lang)),
        Route::Glossary(_) => Some(glossary_href(base, lang)),
        Route::Lab(_) => Some(lab_href(base, lang)),
        Route::Lesson(_, i) => Some(lesson_href(base, lang, LESSONS[i].slug)),
        Route::Root | Route::NotFound { .. } => None,
    };
    let mut out = format!(r#"<link rel="canonical" href="{}" />"#, escape(canonical));
    for lang in Lang::ALL {
        if let Some(href) = in_lang(lang) {
            out.push_str(&format!(
                r#"<link rel="alternate" hreflang="{}" href="{}" />"#,
                lang.html_lang(),
                escape(&href)
            ));
        }
    }
    out
}

/// `html` without the tags that start with `open` and that `drop` picks.
fn without_tags(html: &str, open: &str, drop: impl Fn(&str) -> bool) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(i) = rest.find(open) {
        let end = rest[i..].find('>').map_or(rest.len(), |j| i + j + 1);
        out.push_str(&rest[..i]);
        if !drop(&rest[i..end]) {
            out.push_str(&rest[i..end]);
        }
        rest = &rest[end..];
    }
    out.push_str(rest);
    out
}

/// One of the two wasm binaries trunk builds into the template.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Bin {
    /// The site's (`data-bin="app"`: `app-<hash>.js`, `app-<hash>_bg.wasm`).
    App,
    /// The Stream Lab's (`data-bin="lab"`: `lab-<hash>.js`, [`lab_files`]),
    /// with its own style sheet (`lab-<hash>.css`).
    Lab,
}

impl Bin {
    /// Whether `text` (a tag or a loader) names one of this binary's files:
    /// a path segment that starts with `app-` / `lab-`.
    fn named_in(self, text: &str) -> bool {
        let prefix = match self {
            Bin::App => "/app-",
            Bin::Lab => "/lab-",
        };
        text.contains(prefix)
            || text.contains(&format!("\"{}", &prefix[1..]))
            || text.contains(&format!("'{}", &prefix[1..]))
    }
}

/// `html` without `bin`'s module loader (an inline module script that
/// imports its JS), its preloads and its style sheet.
fn without_bin(html: &str, bin: Bin) -> String {
    let html = without_tags(html, "<link rel=\"modulepreload\"", |t| bin.named_in(t));
    let html = without_tags(&html, "<link rel=\"preload\"", |t| bin.named_in(t));
    let mut html = without_tags(&html, "<link rel=\"stylesheet\"", |t| {
        bin == Bin::Lab && bin.named_in(t)
    });
    let mut from = 0;
    while let Some(i) = html[from..].find("<script type=\"module\"") {
        let start = from + i;
        let end = html[start..]
            .find("</script>")
            .map_or(html.len(), |i| start + i + "</script>".len());
        if bin.named_in(&html[start..end]) {
            html.replace_range(start..end, "");
        } else {
            from = end;
        }
    }
    html
}

/// The Lab's wasm and its JS, as served (hashed names, in the site folder).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LabFiles {
    /// `lab-<hash>.js`.
    pub js: String,
    /// `lab-<hash>_bg.wasm`.
    pub wasm: String,
}

/// The Lab page's loader (an inline module script, as trunk writes the
/// app's: `cargo xtask dist` moves both out of the pages).
fn lab_loader(public_url: &str, files: &LabFiles) -> String {
    format!(
        "<script type=\"module\">\nimport init from '{public_url}{js}';\nawait init({{ module_or_path: '{public_url}{wasm}' }});\n</script>",
        js = files.js,
        wasm = files.wasm
    )
}

/// FNV-1a, 64 bits: the content hash in the Lab's file names (the one
/// `cargo xtask dist` gives its loaders).
fn fnv64(data: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in data {
        h ^= u64::from(*b);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    h
}

/// Gives the Lab's files in `dir` (trunk names a worker app's `lab.js` and
/// `lab_bg.wasm`, without a hash) names made from their contents, so a new
/// build is never served from an old cache; returns them. `None` if the
/// build has no Lab. Run twice, it finds the names it gave.
pub fn lab_files(dir: &std::path::Path) -> std::io::Result<Option<LabFiles>> {
    use std::fs;
    let (js, wasm) = (dir.join("lab.js"), dir.join("lab_bg.wasm"));
    if js.is_file() && wasm.is_file() {
        let mut all = fs::read(&js)?;
        all.extend(fs::read(&wasm)?);
        let h = format!("{:016x}", fnv64(&all));
        let files = LabFiles {
            js: format!("lab-{h}.js"),
            wasm: format!("lab-{h}_bg.wasm"),
        };
        // Earlier builds' files (`trunk serve` rebuilds into this folder).
        for e in fs::read_dir(dir)?.flatten() {
            let name = e.file_name().to_string_lossy().into_owned();
            if name.starts_with("lab-") && (name.ends_with(".js") || name.ends_with(".wasm")) {
                fs::remove_file(e.path())?;
            }
        }
        fs::rename(&js, dir.join(&files.js))?;
        fs::rename(&wasm, dir.join(&files.wasm))?;
        return Ok(Some(files));
    }
    let mut found = (None, None);
    for e in fs::read_dir(dir)?.flatten() {
        let name = e.file_name().to_string_lossy().into_owned();
        if name.starts_with("lab-") && name.ends_with("_bg.wasm") {
            found.1 = Some(name);
        } else if name.starts_with("lab-") && name.ends_with(".js") {
            found.0 = Some(name);
        }
    }
    Ok(match found {
        (Some(js), Some(wasm)) => Some(LabFiles { js, wasm }),
        _ => None,
    })
}

/// Every page of the site for a site served at `public_url` (`/`, `/lab/`,
/// `https://x.org/lab/`), in `template`; the Lab page loads `lab` (without
/// it, the Lab page is readable but not live).
pub fn render_site(
    public_url: &str,
    template: &str,
    lab: Option<&LabFiles>,
) -> Result<Vec<Rendered>, String> {
    // The path part of a full URL.
    let path = match public_url.split_once("://") {
        Some((_, rest)) => rest.find('/').map_or("/", |i| &rest[i..]),
        None => public_url,
    };
    let site = Site::with_base(path);
    routes(site.base)
        .into_iter()
        .map(|(route, file, canonical)| {
            let mut head = links(site.base, &route, canonical.as_deref());
            if let (Route::Lab(_), Some(files)) = (&route, lab) {
                // Where trunk's loader imports from: the public URL as given.
                let url = format!("{}/", public_url.trim_end_matches('/'));
                head.push_str(&lab_loader(&url, files));
            }
            let here = canonical.unwrap_or_else(|| format!("{}/404.html", site.base));
            let body = render_body(site, &route, &here);
            let html = fill(template, &pages::meta(&route), &head, &body)?;
            Ok(Rendered { file, html })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use std::collections::{HashMap, HashSet};

    use super::*;

    const TEMPLATE: &str = "<!DOCTYPE html>\n<html lang=\"en\">\n<head><meta charset=\"utf-8\" />\
        <title>x</title><meta name=\"description\" content=\"x\" /></head>\n<body>\n</body>\n</html>\n";

    fn site() -> HashMap<String, String> {
        render_site("/lab/", TEMPLATE, None)
            .expect("the site renders")
            .into_iter()
            .map(|p| (p.file.to_string_lossy().replace('\\', "/"), p.html))
            .collect()
    }

    /// Every `attr="…"` value in `html`.
    fn attrs<'a>(html: &'a str, attr: &str) -> Vec<&'a str> {
        let needle = format!(" {attr}=\"");
        html.match_indices(&needle)
            .filter_map(|(i, _)| {
                let rest = &html[i + needle.len()..];
                rest.find('"').map(|j| &rest[..j])
            })
            .collect()
    }

    /// Each lesson page holds its whole text: the title, every heading of
    /// its contents, its code blocks, and each demo with the recorded
    /// default run (one transcript item per event of the native run).
    #[test]
    fn every_lesson_page_holds_its_text_and_its_default_runs() {
        let pages = site();
        for lang in Lang::ALL {
            for l in LESSONS {
                let file = format!("{}/{}/index.html", lang.code(), l.slug);
                let html = &pages[&file];
                let page = l.page(lang);
                assert!(html.contains("<h1>"), "{file}: an h1");
                assert!(html.contains("data-page=\"lesson\""), "{file}");
                for h in page.toc {
                    assert!(
                        html.contains(&format!("id=\"{}\"", h.id)),
                        "{file}: heading #{}",
                        h.id
                    );
                }
                assert!(html.contains("<pre class=\"code\""), "{file}: code blocks");
                for d in l.demos {
                    if !page
                        .blocks
                        .iter()
                        .any(|b| matches!(b, lessons::Block::Demo(id) if *id == d.id))
                    {
                        continue;
                    }
                    let start = html
                        .find(&format!("<section data-demo=\"{}\"", d.id))
                        .unwrap_or_else(|| panic!("{file}: demo {}", d.id));
                    let end = start + html[start..].find("</section>").expect("closed");
                    let panel = &html[start..end];
                    let native = trace::run_virtual((d.run)(lessons::Knobs::defaults(d.knobs)));
                    let list = &panel[panel.find("class=\"transcript\"").expect("a transcript")..];
                    // Its own items (the legend's come later, after the timeline).
                    let list = &list[..list.find("</ol>").expect("closed")];
                    let items = list.matches("<li data-kind=").count();
                    assert_eq!(items, native.events.len(), "{file}: {}'s transcript", d.id);
                    assert!(panel.contains("<svg"), "{file}: {}'s timeline", d.id);
                    assert!(
                        panel.contains("<noscript>"),
                        "{file}: {}'s no-script line",
                        d.id
                    );
                }
            }
        }
    }

    /// Every link on every page leads to a page of the site, and every
    /// `#anchor` to an element of that page.
    #[test]
    fn every_internal_link_resolves() {
        let pages = site();
        let ids: HashMap<&str, HashSet<&str>> = pages
            .iter()
            .map(|(f, html)| (f.as_str(), attrs(html, "id").into_iter().collect()))
            .collect();
        for (file, html) in &pages {
            for href in attrs(html, "href") {
                if href.starts_with("data:") || href.starts_with("http") {
                    continue;
                }
                let href = href.replace("&amp;", "&");
                let (path, anchor) = href.split_once('#').unwrap_or((&href, ""));
                let path = path.split('?').next().unwrap_or("");
                let rel = path
                    .strip_prefix("/lab/")
                    .unwrap_or_else(|| panic!("{file}: `{href}` is outside /lab/"));
                let target = if rel.is_empty() || rel.ends_with('/') {
                    format!("{rel}index.html")
                } else {
                    rel.to_string()
                };
                let Some(target_ids) = ids.get(target.as_str()) else {
                    panic!("{file}: `{href}` leads to no page ({target})");
                };
                if !anchor.is_empty() {
                    assert!(
                        target_ids.contains(anchor),
                        "{file}: `{href}`: no #{anchor} in {target}"
                    );
                }
            }
        }
    }

    #[test]
    fn pages_do_not_preload_the_wasm_ahead_of_their_styles() {
        let head = "<link rel=\"modulepreload\" href=\"/a.js\"><link rel=\"preload\" href=\"/a_bg.wasm\" as=\"fetch\">\
                    <link rel=\"preload\" href=\"/f.woff2\" as=\"font\">";
        assert_eq!(
            without_tags(head, "<link rel=\"preload\"", |t| t.contains(".wasm\"")),
            "<link rel=\"modulepreload\" href=\"/a.js\"><link rel=\"preload\" href=\"/f.woff2\" as=\"font\">"
        );
    }

    /// Trunk's template as it comes with both binaries (under `/lab/`).
    const BOTH: &str = "<head><script type=\"module\">import init from '/lab/app-1.js';</script>\
        <script type=\"module\">import init from '/lab/lab-2.js';</script>\
        <link rel=\"stylesheet\" href=\"/lab/main-3.css\"/><link rel=\"stylesheet\" href=\"/lab/lab-4.css\"/>\
        <script src=\"boot.js\"></script>\
        <link rel=\"modulepreload\" href=\"/lab/app-1.js\"><link rel=\"preload\" href=\"/lab/app-1_bg.wasm\" as=\"fetch\">\
        <link rel=\"modulepreload\" href=\"/lab/lab-2.js\"><link rel=\"preload\" href=\"/lab/lab-2_bg.wasm\" as=\"fetch\"></head>";

    #[test]
    fn the_root_loads_no_app() {
        assert_eq!(
            without_bin(&without_bin(BOTH, Bin::Lab), Bin::App),
            "<head><link rel=\"stylesheet\" href=\"/lab/main-3.css\"/><script src=\"boot.js\"></script></head>"
        );
    }

    #[test]
    fn a_lesson_loads_only_the_app_and_the_lab_only_its_own() {
        let lesson = without_bin(BOTH, Bin::Lab);
        assert!(
            lesson.contains("app-1.js';</script>") && lesson.contains("href=\"/lab/app-1.js\"")
        );
        assert!(
            !lesson.contains("lab-2") && !lesson.contains("lab-4.css"),
            "{lesson}"
        );
        let lab = without_bin(BOTH, Bin::App);
        assert!(!lab.contains("app-1"), "{lab}");
        assert!(lab.contains("lab-2.js';</script>") && lab.contains("lab-4.css"));
        // At the root too (no base): `href="lab-2.js"`.
        assert!(Bin::Lab.named_in("<link rel=\"modulepreload\" href=\"lab-2.js\">"));
        assert!(!Bin::Lab.named_in("<link rel=\"stylesheet\" href=\"/lab/main-3.css\">"));
    }

    #[test]
    fn the_document_says_its_language_title_and_kind() {
        let pages = site();
        let zh = &pages["zh/index.html"];
        assert!(zh.contains("<html lang=\"zh-CN\" data-page=\"home\">"));
        assert!(zh.contains("<body data-lang=\"zh\">"));
        let l = &pages[&format!("en/{}/index.html", LESSONS[0].slug)];
        assert!(l.contains(&format!("data-lesson=\"{}\"", LESSONS[0].slug)));
        assert!(!l.contains("<!>"), "no hydration markers");
        assert!(l.contains(&format!(
            "<link rel=\"canonical\" href=\"/lab/en/{0}/\" /><link rel=\"alternate\" hreflang=\"zh-CN\" href=\"/lab/zh/{0}/\" />",
            LESSONS[0].slug
        )));
        assert!(pages["index.html"].contains("data-page=\"root\""));
        assert!(pages["404.html"].contains("data-page=\"not-found\""));
        // Pages as `cargo xtask serve` shows them register no offline
        // worker: only `cargo xtask dist` marks them (xtask/offline.mjs).
        assert!(pages.values().all(|html| !html.contains("data-sw")));
        // Text is escaped where it goes into the head.
        let meta = PageMeta {
            lang: Lang::En,
            title: "a <b> & \"c\"".into(),
            description: "d".into(),
            kind: "home",
            lesson: None,
        };
        let html = fill(TEMPLATE, &meta, "", "").expect("fills");
        assert!(html.contains("<title>a &lt;b&gt; &amp; &quot;c&quot;</title>"));
    }

    /// The Lab page holds what a reader can read without a script: the
    /// title, the presets as links, the first preset's code and recorded
    /// run; and it loads the Lab's wasm, not the app's, while no other page
    /// loads the Lab's.
    #[test]
    fn the_lab_page_is_readable_and_loads_only_its_own_wasm() {
        let template = TEMPLATE.replace(
            "</head>",
            "<script type=\"module\">import init from '/lab/app-1.js';</script>\
             <link rel=\"modulepreload\" href=\"/lab/app-1.js\"></head>",
        );
        let files = LabFiles {
            js: "lab-2.js".into(),
            wasm: "lab-2_bg.wasm".into(),
        };
        let pages: HashMap<String, String> = render_site("/lab/", &template, Some(&files))
            .expect("renders")
            .into_iter()
            .map(|p| (p.file.to_string_lossy().replace('\\', "/"), p.html))
            .collect();
        for (lang, title) in [("en", "Stream Lab"), ("zh", "实验台")] {
            let lab = &pages[&format!("{lang}/lab/index.html")];
            assert!(lab.contains("data-page=\"lab\""));
            assert!(lab.contains(&format!("<h1>{title}</h1>")), "{lang}");
            assert!(lab.contains("import init from '/lab/lab-2.js'"), "{lang}");
            assert!(!lab.contains("app-1.js"), "{lang}: the app's loader is out");
            for p in lab::presets::PRESETS {
                let href = format!(
                    "href=\"/lab/{lang}/lab/?{}\"",
                    p.query.replace('&', "&amp;")
                );
                assert!(lab.contains(&href), "{lang}: preset {} as a link", p.id);
            }
            assert!(lab.contains("class=\"lab-needs-js\""), "{lang}");
            let first = crate::lab::address::first_preset();
            let code = lab::rust::rust_code(&first).expect("the first preset runs");
            assert!(
                lab.contains(crate::lab::panel::CODE_PATH),
                "{lang}: the code"
            );
            assert_eq!(
                // The code panel's rows (the Python's have no line numbers).
                lab.matches("data-line=").count(),
                code.text.lines().count(),
                "{lang}: every line of the code"
            );
            let run = lab::run::run_virtual(&first).expect("runs");
            let list = &lab[lab.find("class=\"transcript\"").expect("a transcript")..];
            let list = &list[..list.find("</ol>").expect("closed")];
            assert_eq!(
                list.matches("<li data-kind=").count(),
                run.events.len(),
                "{lang}"
            );
        }
        for (file, html) in &pages {
            if !file.contains("/lab/") {
                assert!(!html.contains("lab-2"), "{file} loads the Lab");
            }
            assert!(
                html.contains("class=\"nav-lab\"") || file == "index.html",
                "{file}: the header's Lab link"
            );
        }
    }
}
