//! Renders every page of the site to HTML at build time (natively, with
//! Leptos `ssr`), into the page template trunk made (`index.html` with the
//! hashed script and style links). `src/bin/prerender.rs` writes the files;
//! the wasm then brings each page to life in place ([`crate::client`]).
//!
//! One file per route, as a static host serves them: `index.html` (the
//! root, which sends the reader to their language), `404.html`,
//! `<lang>/index.html`, `<lang>/glossary/index.html` and
//! `<lang>/<slug>/index.html`.

use std::path::PathBuf;

use leptos::prelude::*;
use lessons::{Lang, LESSONS};

use crate::pages::{self, PageMeta};
use crate::paths::{glossary_href, home_href, lesson_href, Route};
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
    if meta.kind == "root" {
        // The root only sends the reader on (style/boot.js): loading the
        // wasm there would be cut short by the redirect.
        html = without_app(&html);
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

/// `html` without trunk's module loader (one inline module script) and its
/// preloads.
fn without_app(html: &str) -> String {
    let html = without_tags(html, "<link rel=\"modulepreload\"", |_| true);
    let html = without_tags(&html, "<link rel=\"preload\"", |_| true);
    let Some(start) = html.find("<script type=\"module\"") else {
        return html;
    };
    let end = html[start..]
        .find("</script>")
        .map_or(html.len(), |i| start + i + "</script>".len());
    format!("{}{}", &html[..start], &html[end..])
}

/// Every page of the site for a site served at `public_url` (`/`, `/lab/`,
/// `https://x.org/lab/`), in `template`.
pub fn render_site(public_url: &str, template: &str) -> Result<Vec<Rendered>, String> {
    // The path part of a full URL.
    let path = match public_url.split_once("://") {
        Some((_, rest)) => rest.find('/').map_or("/", |i| &rest[i..]),
        None => public_url,
    };
    let site = Site::with_base(path);
    routes(site.base)
        .into_iter()
        .map(|(route, file, canonical)| {
            let head = links(site.base, &route, canonical.as_deref());
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
        render_site("/lab/", TEMPLATE)
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

    #[test]
    fn the_root_loads_no_app() {
        let head = "<head><script type=\"module\">import init from '/a.js';</script>\
                    <link rel=\"stylesheet\" href=\"/m.css\"/><script src=\"boot.js\"></script>\
                    <link rel=\"modulepreload\" href=\"/a.js\"><link rel=\"preload\" href=\"/a.wasm\" as=\"fetch\"></head>";
        assert_eq!(
            without_app(head),
            "<head><link rel=\"stylesheet\" href=\"/m.css\"/><script src=\"boot.js\"></script></head>"
        );
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
}
