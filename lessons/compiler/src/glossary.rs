//! The glossary, `lessons/glossary.toml`: one `[id]` section per term with
//! its name and one-line definition in each language and the lesson that
//! teaches it. Compiled like the lessons (inline Markdown → HTML at build
//! time) into `GLOSSARY`, which the app shows at `/en/glossary/` and
//! `/zh/glossary/`.
//!
//! Also the check of the lessons' relative links: `../glossary/#id` must
//! name a term, `../<slug>/` a lesson. (Links inside a page, `#id`, and
//! absolute ones are not checked here.)
//!
//! Not here: how the page looks (the app's `pages/glossary.rs`).

use std::fmt::{self, Write};
use std::path::Path;

use pulldown_cmark::{Event, LinkType, Options, Parser, Tag, TagEnd};

use serde::Deserialize;
use toml::de::{DeTable, ValueDeserializer};
use toml::Spanned;

use crate::{line_at, toml_error, Diag, Lesson, PageLang};

/// The keys of a term, all required.
const KEYS: [&str; 5] = ["en", "zh", "lesson", "en_def", "zh_def"];

/// What a term's `[id]` must look like.
const ID_RULE: &str = "a term starts with `[id]`, the id in lowercase ASCII letters, digits and `-` (the English term in kebab-case, e.g. `[event-loop]`)";

/// The path segment of the glossary page; no lesson may use it as its slug.
pub const SLUG: &str = "glossary";

/// Addresses beside the lessons' under `/en/` and `/zh/`, which no lesson
/// may take (the app's `paths` routes them first), with the page's name.
pub const RESERVED: [(&str, &str); 2] = [(SLUG, "glossary"), ("lab", "Stream Lab")];

/// One term.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Term {
    /// The anchor (`stream`): lowercase ASCII letters, digits and `-`.
    pub id: String,
    /// The English name (HTML, inline).
    pub en: String,
    /// The Chinese name (HTML, inline).
    pub zh: String,
    /// The slug of the lesson that teaches it.
    pub lesson: String,
    /// The English definition (HTML, inline).
    pub en_def: String,
    /// The Chinese definition (HTML, inline).
    pub zh_def: String,
    /// Line of its `[id]`.
    pub line: usize,
}

impl Term {
    /// The name in `lang`.
    pub fn name(&self, lang: PageLang) -> &str {
        match lang {
            PageLang::En => &self.en,
            PageLang::Zh => &self.zh,
        }
    }
}

/// Reads the glossary of the lessons folder (`glossary.toml`); a folder
/// without one has an empty glossary. `file` is the path shown in messages.
pub fn read(lessons_dir: &Path, file: &str) -> Result<Vec<Term>, Vec<Diag>> {
    match std::fs::read_to_string(lessons_dir.join("glossary.toml")) {
        Ok(text) => parse(&text, file),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(Vec::new()),
        Err(e) => Err(vec![Diag {
            file: file.to_string(),
            line: None,
            message: format!("cannot read: {e}"),
        }]),
    }
}

/// One term as written: every key is optional here so that a missing one
/// gets its own message; an unknown key is the deserializer's error.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct TermToml {
    en: Option<Spanned<String>>,
    zh: Option<Spanned<String>>,
    lesson: Option<Spanned<String>>,
    en_def: Option<Spanned<String>>,
    zh_def: Option<Spanned<String>>,
}

/// Parses the text of `glossary.toml`. Every problem is returned, each with
/// its line: all syntax errors (then nothing else, as they hide what the
/// author meant), or else each term's problems.
pub fn parse(text: &str, file: &str) -> Result<Vec<Term>, Vec<Diag>> {
    let mut diags = Vec::new();
    let err = |diags: &mut Vec<Diag>, line: usize, message: String| {
        diags.push(Diag {
            file: file.to_string(),
            line: Some(line),
            message,
        })
    };
    let (root, syntax) = DeTable::parse_recoverable(text);
    for e in &syntax {
        let (line, message) = toml_error(text, 1, e);
        let source = text.lines().nth(line - 1).unwrap_or("").trim();
        let message = if let Some(id) = source
            .strip_prefix('[')
            .and_then(|s| s.strip_suffix(']'))
            .filter(|_| message.ends_with("given twice"))
        {
            // A repeated `[id]`: say where the first one is.
            let first = text
                .lines()
                .position(|l| l.trim() == source)
                .map_or(0, |i| i + 1);
            format!("the term `{id}` is already defined at line {first}")
        } else if source.starts_with('[') {
            format!("`{source}`: {ID_RULE} (TOML: {message})")
        } else {
            message
        };
        err(&mut diags, line, message);
    }
    if !diags.is_empty() {
        return Err(diags);
    }
    // In the order of the file (the table's own order is by key).
    let mut sections: Vec<_> = root.into_inner().into_iter().collect();
    sections.sort_by_key(|(_, v)| v.span().start);
    let mut terms = Vec::new();
    for (key, value) in sections {
        let id = key.get_ref().to_string();
        let line = line_at(text, value.span().start, 1);
        if !value.get_ref().is_table() {
            err(
                &mut diags,
                line,
                format!("text before the first `[id]` section: `{id} = …` belongs to no term"),
            );
            continue;
        }
        let valid = id.starts_with(|c: char| c.is_ascii_lowercase())
            && id
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-');
        if !valid {
            err(&mut diags, line, format!("`[{id}]`: {ID_RULE}"));
        }
        let raw = match TermToml::deserialize(ValueDeserializer::from(value)) {
            Ok(raw) => raw,
            Err(e) => {
                let (l, m) = toml_error(text, 1, &e);
                err(&mut diags, l, m);
                continue;
            }
        };
        let fields = [raw.en, raw.zh, raw.lesson, raw.en_def, raw.zh_def];
        let mut values = Vec::new();
        for (key, v) in KEYS.iter().zip(fields) {
            match v {
                Some(s) if !s.get_ref().trim().is_empty() && !s.get_ref().contains('\n') => {
                    values.push(s.into_inner().trim().to_string());
                }
                Some(s) => err(
                    &mut diags,
                    line_at(text, s.span().start, 1),
                    format!("`{key}` must be a non-empty string on one line"),
                ),
                None => err(&mut diags, line, format!("the term `{id}` has no `{key} = \"…\"` (every term has {}: the zh/en structure of the glossary)", KEYS.join(", "))),
            }
        }
        let [en, zh, lesson, en_def, zh_def] = &values[..] else {
            continue;
        };
        terms.push(Term {
            id,
            en: inline_html(en),
            zh: inline_html(zh),
            lesson: lesson.clone(),
            en_def: inline_html(en_def),
            zh_def: inline_html(zh_def),
            line,
        });
    }
    if diags.is_empty() {
        Ok(terms)
    } else {
        Err(diags)
    }
}

/// One line of inline Markdown as HTML (no `<p>` around it).
pub fn inline_html(md: &str) -> String {
    let events = Parser::new_ext(md, Options::ENABLE_STRIKETHROUGH).filter(|e| {
        !matches!(
            e,
            Event::Start(Tag::Paragraph) | Event::End(TagEnd::Paragraph)
        )
    });
    let mut html = String::new();
    pulldown_cmark::html::push_html(&mut html, events);
    html.trim().to_string()
}

/// The links of a Markdown text, with the line each starts on.
pub fn links(text: &str) -> Vec<(String, usize)> {
    let opts = Options::ENABLE_TABLES | Options::ENABLE_FOOTNOTES | Options::ENABLE_STRIKETHROUGH;
    Parser::new_ext(text, opts)
        .into_offset_iter()
        .filter_map(|(e, r)| match e {
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                ..
            }) if !matches!(link_type, LinkType::Email) => Some((
                dest_url.to_string(),
                text[..r.start].matches('\n').count() + 1,
            )),
            _ => None,
        })
        .collect()
}

/// Checks the glossary against the lessons (each term's lesson exists, no
/// lesson is called `glossary`) and every relative link of every lesson
/// page: `../glossary/#id` must name a term, `../<slug>/` (with or without
/// `#anchor`) a lesson.
pub fn check(lessons: &[Lesson], terms: &[Term], file: &str) -> Vec<Diag> {
    let mut diags = Vec::new();
    let on_site: Vec<&str> = lessons
        .iter()
        .filter(|l| !l.draft)
        .map(|l| l.slug.as_str())
        .collect();
    for l in lessons {
        if let Some((_, page)) = RESERVED.iter().find(|(slug, _)| *slug == l.slug) {
            diags.push(Diag {
                file: l.rel_dir.clone(),
                line: None,
                message: format!(
                    "a lesson may not be called `{}`: that is the {page}'s address",
                    l.slug
                ),
            });
        }
    }
    for t in terms {
        if !on_site.contains(&t.lesson.as_str()) {
            diags.push(Diag {
                file: file.to_string(),
                line: Some(t.line),
                message: format!(
                    "the term `{}` names the lesson `{}`, which does not exist (lessons: {})",
                    t.id,
                    t.lesson,
                    on_site.join(", ")
                ),
            });
        }
    }
    for l in lessons.iter().filter(|l| !l.draft) {
        for lang in [PageLang::En, PageLang::Zh] {
            let path = l.dir.join(format!("{}.md", lang.code()));
            let Ok(text) = std::fs::read_to_string(&path) else {
                continue; // reported by the lesson compiler
            };
            for (dest, line) in links(&text) {
                if let Some(problem) = check_link(&dest, terms, &on_site) {
                    diags.push(Diag {
                        file: l.file(lang),
                        line: Some(line),
                        message: problem,
                    });
                }
            }
        }
    }
    diags
}

/// What is wrong with a link of a lesson page, if anything.
fn check_link(dest: &str, terms: &[Term], lessons: &[&str]) -> Option<String> {
    let rest = dest.strip_prefix("../")?;
    let (path, anchor) = match rest.split_once('#') {
        Some((p, a)) => (p, Some(a)),
        None => (rest, None),
    };
    let Some(segment) = path.strip_suffix('/').filter(|s| !s.contains('/')) else {
        return Some(format!(
            "the link `{dest}` leaves the lesson but names no page: write `../<lesson-slug>/` or `../glossary/#<term>` (with the `/`)"
        ));
    };
    if segment == SLUG {
        return match anchor {
            None => None,
            Some(id) if terms.iter().any(|t| t.id == id) => None,
            Some(id) => {
                let mut near: Vec<&str> = terms
                    .iter()
                    .map(|t| t.id.as_str())
                    .filter(|t| t.starts_with(id.get(..2).unwrap_or(id)))
                    .collect();
                near.truncate(5);
                let hint = if near.is_empty() {
                    String::new()
                } else {
                    format!(" (close: {})", near.join(", "))
                };
                Some(format!(
                    "the glossary has no term `{id}`{hint}: link an existing one or add `[{id}]` to lessons/glossary.toml"
                ))
            }
        };
    }
    if lessons.contains(&segment) {
        None
    } else {
        Some(format!(
            "the link `{dest}` names no lesson: `{segment}` is not a lesson slug (lessons: {})",
            lessons.join(", ")
        ))
    }
}

/// Writes `GLOSSARY` into the generated registry.
pub(crate) fn write_registry(terms: &[Term], out: &mut String) -> fmt::Result {
    writeln!(
        out,
        "\n/// The glossary (`lessons/glossary.toml`), in its order.\npub static GLOSSARY: &[crate::glossary::Term] = &["
    )?;
    for t in terms {
        writeln!(
            out,
            "    crate::glossary::Term {{ id: {:?}, en: {:?}, zh: {:?}, lesson: {:?}, en_def: {:?}, zh_def: {:?} }},",
            t.id, t.en, t.zh, t.lesson, t.en_def, t.zh_def
        )?;
    }
    writeln!(out, "];")
}

#[cfg(test)]
mod tests {
    use super::*;

    const FILE: &str = "lessons/glossary.toml";

    fn term(id: &str, lesson: &str) -> String {
        format!("[{id}]\nen = \"{id} (`X`)\"\nzh = \"流\"\nlesson = \"{lesson}\"\nen_def = \"A *thing*.\"\nzh_def = \"一个东西。\"\n\n")
    }

    #[test]
    fn terms_are_read_and_rendered() {
        let t = parse(
            &format!("# c\n\n{}{}", term("stream", "a"), term("event-loop", "b")),
            FILE,
        )
        .expect("valid");
        assert_eq!(t.len(), 2);
        assert_eq!(t[0].id, "stream");
        assert_eq!(t[0].en, "stream (<code>X</code>)");
        assert_eq!(t[0].en_def, "A <em>thing</em>.");
        assert_eq!(t[1].line, 10);
        assert_eq!(t[1].name(PageLang::Zh), "流");
    }

    #[test]
    fn glossary_errors_name_their_line() {
        let msgs = |text: &str| -> Vec<String> {
            parse(text, FILE)
                .unwrap_err()
                .iter()
                .map(ToString::to_string)
                .collect()
        };
        let e = msgs(&format!("{}[stream]\nen = \"s\"\n", term("stream", "a")));
        assert!(
            e.iter().any(|m| m.starts_with(
                "lessons/glossary.toml:8: the term `stream` is already defined at line 1"
            )),
            "{e:?}"
        );
        // The `toml` crate merges the two sections, so the second `en` is
        // a repeated key.
        assert!(
            e.iter().any(|m| m.contains(":9: `en` is given twice")),
            "{e:?}"
        );
        let e = msgs("# c\n[stream]\nen = \"s\"\n");
        assert!(
            e.iter()
                .any(|m| m.contains(":2: the term `stream` has no `zh = \"…\"`")),
            "{e:?}"
        );
        let e = msgs(&term("stream", "a").replace("zh = \"流\"", "zh = \" \""));
        assert!(
            e[0].contains(":3: `zh` must be a non-empty string on one line"),
            "{e:?}"
        );
        let e = msgs("[event-Loop]\nen = \"x\"\n");
        assert!(
            e[0].contains(":1: `[event-Loop]`: a term starts with `[id]`"),
            "{e:?}"
        );
        let e = msgs("[Event Loop]\n");
        assert!(
            e[0].contains(":1: `[Event Loop]`: a term starts with `[id]`"),
            "{e:?}"
        );
        let e = msgs(&format!("{}\ncolour = \"x\"\n", term("a", "b").trim_end()));
        assert!(
            e[0].contains(":7: unknown field `colour`, expected one of `en`, `zh`"),
            "{e:?}"
        );
        let e = msgs("en = \"x\"\n");
        assert!(
            e[0].contains(":1: text before the first `[id]` section"),
            "{e:?}"
        );
    }

    #[test]
    fn the_compiler_reports_bad_links_and_terms_at_their_line() {
        let root = std::env::temp_dir().join(format!("glossary-check-{}", std::process::id()));
        let lessons = root.join("lessons");
        let dir = lessons.join("01-intro");
        std::fs::create_dir_all(&dir).expect("temp dir");
        let page =
            |links: &str| format!("+++\ntitle = \"t\"\nsummary = \"s\"\n+++\n\nText.\n{links}\n");
        std::fs::write(
            dir.join("en.md"),
            page("A [stream](../glossary/#stream), a [poll](../glossary/#pol)\nand [lesson 2](../two/)."),
        )
        .expect("write");
        std::fs::write(dir.join("zh.md"), page("[流](../glossary/#stream)")).expect("write");
        std::fs::write(
            lessons.join("glossary.toml"),
            format!(
                "# terms\n{}{}",
                term("stream", "intro"),
                term("poll", "missing")
            ),
        )
        .expect("write");
        let (compiled, diags) = crate::compile_all(&lessons);
        let _ = std::fs::remove_dir_all(&root);
        assert_eq!(compiled.len(), 1);
        let msgs: Vec<String> = diags.iter().map(ToString::to_string).collect();
        assert_eq!(msgs.len(), 3, "{msgs:#?}");
        assert!(
            msgs[0]
                .starts_with("lessons/glossary.toml:9: the term `poll` names the lesson `missing`"),
            "{msgs:#?}"
        );
        assert!(
            msgs[1].starts_with(
                "lessons/01-intro/en.md:7: the glossary has no term `pol` (close: poll)"
            ),
            "{msgs:#?}"
        );
        assert!(
            msgs[2].starts_with("lessons/01-intro/en.md:8: the link `../two/` names no lesson"),
            "{msgs:#?}"
        );
    }

    #[test]
    fn links_are_checked() {
        let terms = parse(&term("stream", "errors"), FILE).expect("valid");
        let lessons = ["errors", "after-the-end"];
        let check = |d: &str| check_link(d, &terms, &lessons);
        assert_eq!(check("../glossary/#stream"), None);
        assert_eq!(check("../glossary/"), None);
        assert_eq!(check("../errors/"), None);
        assert_eq!(check("../errors/#what-happened"), None);
        assert_eq!(check("#local"), None);
        assert_eq!(check("https://example.org/x"), None);
        assert!(check("../glossary/#streams")
            .is_some_and(|m| m.contains("no term `streams` (close: stream)")));
        assert!(check("../glossary#stream").is_some_and(|m| m.contains("with the `/`")));
        assert!(check("../erors/").is_some_and(|m| m.contains("`erors` is not a lesson slug")));
        assert!(check("../errors").is_some_and(|m| m.contains("names no page")));
        let text = "+++\n+++\nA [流](../glossary/#stream) and\n[x][r] and <https://a.b>.\n\n[r]: ../errors/\n";
        assert_eq!(
            links(text),
            [
                ("../glossary/#stream".to_string(), 3),
                ("../errors/".to_string(), 4),
                ("https://a.b".to_string(), 4)
            ]
        );
    }
}
