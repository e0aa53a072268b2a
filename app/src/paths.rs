//! Pure URL logic: the base path the site is served under, the routes, the
//! reader's language, and the hrefs of pages.
//!
//! The site can be hosted under any sub-path (`/lab/`), so every internal
//! href is built here from one base, and every path the browser shows is
//! parsed here. Nothing in this module touches the browser, so all of it is
//! tested natively.

use lessons::Lang;

/// The router base for a document whose base URL has this path:
/// `"/lab/"` → `"/lab"`, `"/"` → `""`.
///
/// The base URL names a folder: anything after its last `/` (a file name)
/// is not part of it, as in URL resolution.
pub fn router_base(base_url_path: &str) -> String {
    let folder = match base_url_path.rfind('/') {
        Some(i) => &base_url_path[..i],
        None => "",
    };
    let trimmed = folder.trim_matches('/');
    if trimmed.is_empty() {
        String::new()
    } else {
        format!("/{trimmed}")
    }
}

/// `base` joined with a path relative to it: `("/lab", "en/")` → `"/lab/en/"`.
pub fn join(base: &str, rel: &str) -> String {
    format!("{base}/{}", rel.trim_start_matches('/'))
}

/// The home page of `lang`: `/lab/en/`.
pub fn home_href(base: &str, lang: Lang) -> String {
    join(base, &format!("{}/", lang.code()))
}

/// A lesson page: `/lab/en/break-and-cleanup/`. Trailing slash: the static
/// build has one `index.html` per route folder.
pub fn lesson_href(base: &str, lang: Lang, slug: &str) -> String {
    join(base, &format!("{}/{slug}/", lang.code()))
}

/// The glossary of `lang`: `/lab/en/glossary/`.
pub fn glossary_href(base: &str, lang: Lang) -> String {
    join(base, &format!("{}/{GLOSSARY_SLUG}/", lang.code()))
}

/// The path segment of the glossary (no lesson may use it; the lesson
/// compiler checks that).
pub const GLOSSARY_SLUG: &str = "glossary";

/// The Stream Lab of `lang`: `/lab/en/lab/`.
pub fn lab_href(base: &str, lang: Lang) -> String {
    join(base, &format!("{}/{LAB_SLUG}/", lang.code()))
}

/// The Lab's preset that takes up `demo` (a lesson's demo), as a link:
/// `None` for a demo no preset names.
pub fn lab_preset_href(base: &str, lang: Lang, demo: &lessons::Demo) -> Option<String> {
    lab::presets::PRESETS
        .iter()
        .find(|p| p.demo == demo.id && demo.path.contains(&format!("-{}/", p.lesson_slug)))
        .map(|p| format!("{}?{}", lab_href(base, lang), p.query))
}

/// The path segment of the Stream Lab (no lesson may use it either).
pub const LAB_SLUG: &str = "lab";

/// `href` with `#anchor` appended, if there is one.
pub fn with_anchor(href: &str, anchor: Option<&str>) -> String {
    match anchor {
        Some(a) if !a.is_empty() => format!("{href}#{a}"),
        _ => href.to_string(),
    }
}

/// What a path shows. `L` is what a known lesson resolves to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Route<L> {
    /// The site root: send the reader to their language.
    Root,
    /// A language's home page.
    Home(Lang),
    /// A lesson in a language.
    Lesson(Lang, L),
    /// The glossary in a language.
    Glossary(Lang),
    /// The Stream Lab in a language.
    Lab(Lang),
    /// Nothing here. `lang` is the language the path names, if it names one.
    NotFound {
        /// The language of the path's first segment, if it is one.
        lang: Option<Lang>,
    },
}

/// Parses a location path (as the browser shows it, base included) into a
/// route. `find` resolves a lesson slug (given in lower case). A path
/// outside `base` is not found; a trailing slash, a final `index.html`,
/// doubled slashes and the case of the language and the slug do not matter
/// (a reader typing `/lab/EN/` means English). [`canonical_href`] is the one
/// spelling the site links to.
pub fn parse_route<L>(base: &str, path: &str, find: impl Fn(&str) -> Option<L>) -> Route<L> {
    let Some(rest) = strip_base(base, path) else {
        return Route::NotFound { lang: None };
    };
    let mut segments: Vec<String> = rest
        .split('/')
        .filter(|s| !s.is_empty())
        .map(|s| percent_decode(s).to_ascii_lowercase())
        .collect();
    if segments.last().is_some_and(|s| s == "index.html") {
        segments.pop();
    }
    let lang = segments.first().and_then(|s| Lang::from_code(s));
    match (segments.as_slice(), lang) {
        ([], _) => Route::Root,
        ([_], Some(lang)) => Route::Home(lang),
        ([_, slug], Some(lang)) if slug == GLOSSARY_SLUG => Route::Glossary(lang),
        ([_, slug], Some(lang)) if slug == LAB_SLUG => Route::Lab(lang),
        ([_, slug], Some(lang)) => match find(slug) {
            Some(lesson) => Route::Lesson(lang, lesson),
            None => Route::NotFound { lang: Some(lang) },
        },
        _ => Route::NotFound { lang },
    }
}

/// A path segment with its `%XX` escapes decoded (a static host serves
/// `/lab/en/%65rrors/` as `/lab/en/errors/`). A bad escape is kept as
/// written; invalid UTF-8 becomes `�`.
fn percent_decode(segment: &str) -> String {
    let b = segment.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        let hex = |k: usize| {
            b.get(k)
                .and_then(|c| (*c as char).to_digit(16))
                .map(|d| d as u8)
        };
        match (b[i], hex(i + 1), hex(i + 2)) {
            (b'%', Some(h), Some(l)) => {
                out.push(h * 16 + l);
                i += 3;
            }
            (c, _, _) => {
                out.push(c);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// The address the site itself uses for `route` (`/lab/en/`,
/// `/lab/en/errors/`), or `None` for routes that have none (the root
/// redirects, not-found keeps what was asked). `slug` names a lesson.
pub fn canonical_href<L>(
    base: &str,
    route: &Route<L>,
    slug: impl Fn(&L) -> String,
) -> Option<String> {
    match route {
        Route::Home(lang) => Some(home_href(base, *lang)),
        Route::Lesson(lang, lesson) => Some(lesson_href(base, *lang, &slug(lesson))),
        Route::Glossary(lang) => Some(glossary_href(base, *lang)),
        Route::Lab(lang) => Some(lab_href(base, *lang)),
        Route::Root | Route::NotFound { .. } => None,
    }
}

/// `path` with the base removed, or `None` if it is not under the base.
/// `("/lab", "/lab/en/")` → `"/en/"`; `("/lab", "/lab")` → `""`;
/// `("/lab", "/laboratory/")` → `None`.
pub fn strip_base<'a>(base: &str, path: &'a str) -> Option<&'a str> {
    let rest = path.strip_prefix(base)?;
    (rest.is_empty() || rest.starts_with('/')).then_some(rest)
}

/// The path of the same page in `lang`: the first segment swapped if it is
/// a language, otherwise that language's home page. Query and hash are the
/// caller's to keep.
pub fn switch_lang_path(base: &str, path: &str, lang: Lang) -> String {
    let Some(rest) = strip_base(base, path) else {
        return home_href(base, lang);
    };
    let trimmed = rest.trim_start_matches('/');
    let (first, tail) = trimmed.split_once('/').unwrap_or((trimmed, ""));
    if Lang::from_code(first).is_some() {
        join(base, &format!("{}/{tail}", lang.code()))
    } else {
        home_href(base, lang)
    }
}

/// The reader's language when the URL does not say: a saved choice first,
/// then the browser's languages (any `zh…` means Chinese), then English.
pub fn detect_lang<S: AsRef<str>>(saved: Option<&str>, browser: &[S]) -> Lang {
    if let Some(lang) = saved.and_then(Lang::from_code) {
        return lang;
    }
    if browser.iter().any(|tag| is_chinese_tag(tag.as_ref())) {
        Lang::Zh
    } else {
        Lang::En
    }
}

/// `zh`, `zh-CN`, `zh-Hant-TW`, `ZH-cn` — but not `zhx`.
fn is_chinese_tag(tag: &str) -> bool {
    let tag = tag.trim();
    let primary = tag.split(['-', '_']).next().unwrap_or("");
    primary.eq_ignore_ascii_case("zh")
}

/// Rewrites the relative links of build-time lesson HTML: in-page links
/// (`href="#x"`) to `href="{page}#x"`, and links to sibling pages
/// (`href="../glossary/#stream"`, `href="../errors/"`) to the folder above
/// `page` (`/lab/en/glossary/#stream`).
///
/// With a `<base href="/lab/">` element, a bare `#x` resolves against the
/// base, not the page, and would leave the lesson; `../x/` would climb out
/// of the base.
pub fn absolutize_fragment_links(html: &str, page: &str) -> String {
    let trimmed = page.trim_end_matches('/');
    let parent = match trimmed.rfind('/') {
        Some(i) => &trimmed[..=i],
        None => "/",
    };
    html.replace("href=\"#", &format!("href=\"{page}#"))
        .replace("href=\"../", &format!("href=\"{parent}"))
}

/// Decodes `%XX` escapes and `+` (a space in a query). Bad escapes are kept
/// as written; invalid UTF-8 becomes `�`.
pub fn decode_query_part(s: &str) -> String {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'+' => out.push(b' '),
            b'%' if i + 2 < b.len() => match (hex(b[i + 1]), hex(b[i + 2])) {
                (Some(h), Some(l)) => {
                    out.push(h * 16 + l);
                    i += 2;
                }
                _ => out.push(b'%'),
            },
            c => out.push(c),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

fn hex(c: u8) -> Option<u8> {
    (c as char).to_digit(16).map(|d| d as u8)
}

/// Encodes a query key or value: unreserved characters stay, the rest is `%XX`.
pub fn encode_query_part(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~') {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn find(slug: &str) -> Option<&'static str> {
        ["break-and-cleanup", "errors"]
            .into_iter()
            .find(|s| *s == slug)
    }

    #[test]
    fn router_base_from_base_url_path() {
        assert_eq!(router_base("/lab/"), "/lab");
        assert_eq!(router_base("/any/sub/path/"), "/any/sub/path");
        assert_eq!(router_base("/"), "");
        assert_eq!(router_base(""), "");
        assert_eq!(router_base("/lab/index.html"), "/lab");
        assert_eq!(
            router_base("/lab"),
            "",
            "no trailing slash: the folder is /"
        );
        assert_eq!(router_base("//lab//"), "/lab");
    }

    #[test]
    fn hrefs_are_built_from_one_base() {
        assert_eq!(home_href("/lab", Lang::En), "/lab/en/");
        assert_eq!(home_href("", Lang::Zh), "/zh/");
        assert_eq!(lesson_href("/lab", Lang::Zh, "errors"), "/lab/zh/errors/");
        assert_eq!(lesson_href("", Lang::En, "errors"), "/en/errors/");
        assert_eq!(join("/lab", "/en/"), "/lab/en/");
        assert_eq!(join("", ""), "/");
        assert_eq!(with_anchor("/en/x/", Some("run")), "/en/x/#run");
        assert_eq!(with_anchor("/en/x/", Some("")), "/en/x/");
        assert_eq!(with_anchor("/en/x/", None), "/en/x/");
    }

    #[test]
    fn routes_under_a_sub_path() {
        let r = |p| parse_route("/lab", p, find);
        assert_eq!(r("/lab/"), Route::Root);
        assert_eq!(r("/lab"), Route::Root);
        assert_eq!(r("/lab/index.html"), Route::Root);
        assert_eq!(r("/lab/en/"), Route::Home(Lang::En));
        assert_eq!(r("/lab/zh"), Route::Home(Lang::Zh));
        assert_eq!(r("/lab/zh/index.html"), Route::Home(Lang::Zh));
        assert_eq!(r("/lab/en/errors/"), Route::Lesson(Lang::En, "errors"));
        assert_eq!(
            r("/lab/zh/break-and-cleanup"),
            Route::Lesson(Lang::Zh, "break-and-cleanup")
        );
        assert_eq!(
            r("/lab/zh/errors/index.html"),
            Route::Lesson(Lang::Zh, "errors")
        );
    }

    #[test]
    fn unknown_paths_are_not_found_with_a_language_guess() {
        let r = |p| parse_route("/lab", p, find);
        assert_eq!(
            r("/lab/en/nope/"),
            Route::NotFound {
                lang: Some(Lang::En)
            }
        );
        assert_eq!(
            r("/lab/zh/errors/extra/"),
            Route::NotFound {
                lang: Some(Lang::Zh)
            }
        );
        assert_eq!(r("/lab/fr/"), Route::NotFound { lang: None });
        assert_eq!(r("/lab/fr/errors/"), Route::NotFound { lang: None });
        assert_eq!(r("/lab/english/"), Route::NotFound { lang: None });
        assert_eq!(r("/elsewhere/en/"), Route::NotFound { lang: None });
        assert_eq!(r("/laboratory/en/"), Route::NotFound { lang: None });
    }

    #[test]
    fn odd_spellings_of_a_page_find_it() {
        let r = |p| parse_route("/lab", p, find);
        assert_eq!(r("/lab/EN/"), Route::Home(Lang::En));
        assert_eq!(r("/lab/Zh/Errors/"), Route::Lesson(Lang::Zh, "errors"));
        assert_eq!(r("/lab/en//"), Route::Home(Lang::En));
        assert_eq!(r("/lab//en///errors//"), Route::Lesson(Lang::En, "errors"));
        assert_eq!(r("/lab/en/INDEX.HTML"), Route::Home(Lang::En));
        assert_eq!(
            r("/lab/en/errors/index.html/x"),
            Route::NotFound {
                lang: Some(Lang::En)
            }
        );
        assert_eq!(r("/lab/%65n/%65rrors/"), Route::Lesson(Lang::En, "errors"));
        for garbage in [
            "/lab/en/%",
            "/lab/en/%zz/",
            "/lab/en/%E4%B8/",
            "/lab/en/%00/",
        ] {
            assert_eq!(
                r(garbage),
                Route::NotFound {
                    lang: Some(Lang::En)
                },
                "{garbage}"
            );
        }
        assert_eq!(percent_decode("a%2"), "a%2");
        assert_eq!(percent_decode("%E4%B8%AD"), "中");
    }

    #[test]
    fn canonical_hrefs() {
        let slug = |s: &&str| s.to_string();
        assert_eq!(
            canonical_href("/lab", &Route::Home(Lang::Zh), slug).as_deref(),
            Some("/lab/zh/")
        );
        assert_eq!(
            canonical_href("", &Route::Lesson(Lang::En, "errors"), slug).as_deref(),
            Some("/en/errors/")
        );
        assert_eq!(canonical_href("/lab", &Route::Root, slug), None);
        assert_eq!(
            canonical_href("/lab", &Route::NotFound { lang: None }, slug),
            None
        );
    }

    #[test]
    fn routes_at_the_root() {
        let r = |p| parse_route("", p, find);
        assert_eq!(r("/"), Route::Root);
        assert_eq!(r(""), Route::Root);
        assert_eq!(r("/en/"), Route::Home(Lang::En));
        assert_eq!(r("/zh/errors/"), Route::Lesson(Lang::Zh, "errors"));
        assert_eq!(r("/lab/en/"), Route::NotFound { lang: None });
    }

    #[test]
    fn switching_language_keeps_the_page() {
        assert_eq!(
            switch_lang_path("/lab", "/lab/en/errors/", Lang::Zh),
            "/lab/zh/errors/"
        );
        assert_eq!(switch_lang_path("/lab", "/lab/zh/", Lang::En), "/lab/en/");
        assert_eq!(switch_lang_path("/lab", "/lab/zh", Lang::En), "/lab/en/");
        assert_eq!(switch_lang_path("", "/en/nope/x", Lang::Zh), "/zh/nope/x");
        assert_eq!(switch_lang_path("/lab", "/lab/fr/x/", Lang::Zh), "/lab/zh/");
        assert_eq!(switch_lang_path("/lab", "/other/", Lang::En), "/lab/en/");
    }

    #[test]
    fn language_detection() {
        let none: [&str; 0] = [];
        assert_eq!(detect_lang(None, &none), Lang::En);
        assert_eq!(detect_lang(None, &["zh-CN", "zh"]), Lang::Zh);
        assert_eq!(detect_lang(None, &["en-US", "en"]), Lang::En);
        assert_eq!(detect_lang(None, &["fr-FR", "zh-TW"]), Lang::Zh);
        assert_eq!(detect_lang(None, &["zh-Hant-HK"]), Lang::Zh);
        assert_eq!(detect_lang(None, &["ZH_cn"]), Lang::Zh);
        assert_eq!(detect_lang(None, &["zhx", "de"]), Lang::En);
        assert_eq!(detect_lang(Some("en"), &["zh-CN"]), Lang::En);
        assert_eq!(detect_lang(Some("zh"), &["en-US"]), Lang::Zh);
        assert_eq!(
            detect_lang(Some("klingon"), &["zh-CN"]),
            Lang::Zh,
            "a corrupt saved value is ignored"
        );
    }

    #[test]
    fn fragment_links_point_at_the_page() {
        assert_eq!(
            absolutize_fragment_links(
                r##"<a href="#run">run</a> <a href="https://x.org/#y">x</a>"##,
                "/lab/en/errors/"
            ),
            r##"<a href="/lab/en/errors/#run">run</a> <a href="https://x.org/#y">x</a>"##
        );
        // Sibling pages, as lessons link them, under any base.
        assert_eq!(
            absolutize_fragment_links(
                r#"<a href="../glossary/#stream">流</a> <a href="../errors/">6</a>"#,
                "/lab/zh/errors/"
            ),
            r#"<a href="/lab/zh/glossary/#stream">流</a> <a href="/lab/zh/errors/">6</a>"#
        );
        assert_eq!(
            absolutize_fragment_links(r#"<a href="../glossary/#pin">pin</a>"#, "/en/x/"),
            r#"<a href="/en/glossary/#pin">pin</a>"#
        );
    }

    #[test]
    fn the_glossary_has_a_route_in_each_language() {
        let r = |p| parse_route("/lab", p, find);
        assert_eq!(r("/lab/en/glossary/"), Route::Glossary(Lang::En));
        assert_eq!(r("/lab/ZH/Glossary"), Route::Glossary(Lang::Zh));
        assert_eq!(r("/lab/zh/glossary/index.html"), Route::Glossary(Lang::Zh));
        assert_eq!(r("/lab/glossary/"), Route::NotFound { lang: None });
        assert_eq!(glossary_href("/lab", Lang::Zh), "/lab/zh/glossary/");
        assert_eq!(
            canonical_href("/lab", &Route::<&str>::Glossary(Lang::En), |s| s
                .to_string()),
            Some("/lab/en/glossary/".to_string())
        );
    }

    #[test]
    fn the_lab_has_a_route_in_each_language() {
        let r = |p| parse_route("/lab", p, find);
        assert_eq!(r("/lab/en/lab/"), Route::Lab(Lang::En));
        assert_eq!(r("/lab/ZH/Lab"), Route::Lab(Lang::Zh));
        assert_eq!(r("/lab/zh//lab/index.html"), Route::Lab(Lang::Zh));
        assert_eq!(r("/lab/%6Cab/"), Route::NotFound { lang: None });
        assert_eq!(
            r("/lab/en/lab/x/"),
            Route::NotFound {
                lang: Some(Lang::En)
            }
        );
        assert_eq!(r("/en/lab/"), Route::NotFound { lang: None });
        assert_eq!(parse_route("", "/en/lab/", find), Route::Lab(Lang::En));
        assert_eq!(lab_href("/lab", Lang::Zh), "/lab/zh/lab/");
        assert_eq!(lab_href("", Lang::En), "/en/lab/");
        assert_eq!(
            canonical_href("/lab", &Route::<&str>::Lab(Lang::En), |s| s.to_string()),
            Some("/lab/en/lab/".to_string())
        );
        assert_eq!(
            switch_lang_path("/lab", "/lab/en/lab/", Lang::Zh),
            "/lab/zh/lab/"
        );
    }

    /// Every preset's lesson has the demo it names, so each preset is
    /// linked from exactly one demo panel, and a renamed demo fails here.
    #[test]
    fn each_preset_is_linked_from_its_lessons_demo() {
        for p in lab::presets::PRESETS {
            let linked: Vec<&str> = lessons::LESSONS
                .iter()
                .flat_map(|l| l.demos.iter())
                .filter(|d| {
                    lab_preset_href("/lab", Lang::Zh, d).is_some_and(|h| h.ends_with(p.query))
                })
                .map(|d| d.path)
                .collect();
            assert_eq!(linked.len(), 1, "preset {}: linked from {linked:?}", p.id);
            assert!(
                linked[0].contains(&format!("-{}/", p.lesson_slug)),
                "{}",
                p.id
            );
        }
        let d = lessons::by_slug("break-and-cleanup")
            .expect("lesson")
            .demo("cleanup")
            .expect("demo");
        assert_eq!(
            lab_preset_href("/lab", Lang::Zh, d).as_deref(),
            Some("/lab/zh/lab/?a=counter:100,5&break=2")
        );
    }
}
