//! One lesson page (`en.md` or `zh.md`) → blocks of HTML, demos and predict
//! questions, plus what the checks need: the table of contents, the
//! structure signature compared across languages, and every code block.
//!
//! The page is read in three passes:
//! 1. front matter (`+++` … `+++`: TOML, read with the `toml` crate);
//! 2. containers (`:::name args` … `:::`), found line by line outside fenced
//!    code, so a `:::` inside a code block is just text;
//! 3. Markdown (pulldown-cmark) for the text between and inside containers,
//!    with headings, code blocks and footnotes rendered here so that ids and
//!    numbering are shared by the whole page, not restarted per piece.

use std::collections::HashMap;

use pulldown_cmark::{CodeBlockKind, CowStr, Event, HeadingLevel, Options, Parser, Tag, TagEnd};

use crate::highlight::{self, Lang as HlLang};
use serde::Deserialize;
use toml::Spanned;

use crate::{escape_html, toml_error, Diag};

/// The language of a page: it decides the labels of panels and boxes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PageLang {
    /// `en.md`.
    En,
    /// `zh.md`.
    Zh,
}

impl PageLang {
    /// `en` or `zh`.
    pub fn code(self) -> &'static str {
        match self {
            PageLang::En => "en",
            PageLang::Zh => "zh",
        }
    }

    fn label(self, what: Label) -> &'static str {
        match (self, what) {
            (PageLang::En, Label::PythonSide) => "Python side",
            (PageLang::Zh, Label::PythonSide) => "Python 写法",
            (PageLang::En, Label::Output) => "Output",
            (PageLang::Zh, Label::Output) => "输出",
            (PageLang::En, Label::Myth) => "Common myth",
            (PageLang::Zh, Label::Myth) => "常见误区",
            (PageLang::En, Label::Truth) => "What is true",
            (PageLang::Zh, Label::Truth) => "实际上",
            (PageLang::En, Label::CompileFail) => "Does not compile",
            (PageLang::Zh, Label::CompileFail) => "无法编译",
            (PageLang::En, Label::ShouldPanic) => "Panics",
            (PageLang::Zh, Label::ShouldPanic) => "会 panic",
        }
    }
}

#[derive(Clone, Copy)]
enum Label {
    PythonSide,
    Output,
    Myth,
    Truth,
    CompileFail,
    ShouldPanic,
}

/// The highest myth id of `docs/myths.md` (M1…M37; the content test checks
/// that the table has exactly these).
pub const MAX_MYTH: u32 = 37;

/// What a page may refer to: the demos of its lesson.
pub struct PageContext<'a> {
    /// The file, as shown in messages (`lessons/04-x/en.md`).
    pub file: &'a str,
    /// The language.
    pub lang: PageLang,
    /// Demo ids of the lesson.
    pub demos: &'a [String],
    /// Whether demo `demo` defines `predict_<id>` (a textual check, so the
    /// error can name the lesson line rather than generated code).
    pub has_predict: &'a dyn Fn(&str, &str) -> bool,
    /// The knob names demo `demo` declares (`None`: no such demo, or its
    /// file could not be read, which is reported elsewhere).
    pub knobs_of: &'a dyn Fn(&str) -> Option<Vec<String>>,
}

/// Whether every option must explain itself and a question must come before
/// its demo (on; a switch so a lesson can be moved to the shape in steps).
pub const STRICT_PREDICTS: bool = true;

/// A compiled page.
#[derive(Clone, Debug, Default)]
pub struct Page {
    /// From front matter.
    pub title: String,
    /// From front matter.
    pub summary: String,
    /// The body, in order (adjacent HTML merged).
    pub blocks: Vec<Block>,
    /// `##` and `###` headings.
    pub toc: Vec<Heading>,
    /// The structure signature (compared between `en.md` and `zh.md`).
    pub structure: Vec<Item>,
    /// Every fenced code block, in order.
    pub code: Vec<CodeBlock>,
}

/// A piece of a page.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Block {
    /// Rendered HTML.
    Html(String),
    /// A demo placement.
    Demo {
        /// The demo id.
        id: String,
        /// Line of the `:::demo`.
        line: usize,
    },
    /// A predict question.
    Predict {
        /// The demo id.
        demo: String,
        /// The question id (`predict_<id>`).
        id: String,
        /// Question HTML (inline).
        question: String,
        /// Option HTML (inline), in order.
        options: Vec<String>,
        /// Per option, the line shown when the reader picks it (inline
        /// HTML; empty if the author gave none).
        why: Vec<String>,
        /// The case the question is about: knob values that differ from
        /// the defaults, as written (`break_at=9`), in order.
        case: Vec<(String, String)>,
        /// Line of the `:::predict`.
        line: usize,
    },
}

/// A heading with its anchor.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Heading {
    /// 1…6.
    pub level: u8,
    /// The anchor.
    pub id: String,
    /// Plain text.
    pub text: String,
    /// Source line.
    pub line: usize,
}

/// One element of the structure signature.
#[derive(Clone, Debug)]
pub struct Item {
    /// What must match across languages.
    pub kind: ItemKind,
    /// Source line (not compared).
    pub line: usize,
}

/// The comparable part of an [`Item`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ItemKind {
    /// A heading (levels 1–6) and its id.
    Heading {
        /// Level.
        level: u8,
        /// Anchor.
        id: String,
    },
    /// A `:::demo`.
    Demo(String),
    /// A `:::myth`, by number.
    Myth(u32),
    /// A `:::predict`.
    Predict {
        /// Demo id.
        demo: String,
        /// Question id.
        id: String,
        /// Number of options.
        options: usize,
        /// The case, `name=value` pairs joined by spaces.
        case: String,
    },
    /// A ```` ```rust ```` block and its flags (`compile_fail,E0277`).
    Rust(String),
    /// A ```` ```python ```` block and the output blocks that follow it.
    Python {
        /// The Python versions of each ```` ```output ```` block after it:
        /// `""` for a plain one (every version), `"3.11 3.12"`; empty if
        /// none follows.
        outputs: Vec<String>,
    },
}

impl std::fmt::Display for ItemKind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ItemKind::Heading { level, id } => {
                write!(f, "{} heading {{#{id}}}", "#".repeat(*level as usize))
            }
            ItemKind::Demo(id) => write!(f, ":::demo {id}"),
            ItemKind::Myth(n) => write!(f, ":::myth M{n}"),
            ItemKind::Predict {
                demo,
                id,
                options,
                case,
            } => {
                let sep = if case.is_empty() { "" } else { " " };
                write!(f, ":::predict {demo} {id}{sep}{case} ({options} options)")
            }
            ItemKind::Rust(flags) if flags.is_empty() => f.write_str("```rust block"),
            ItemKind::Rust(flags) => write!(f, "```rust,{flags} block"),
            ItemKind::Python { outputs } if outputs.is_empty() => {
                f.write_str("```python block without an output block")
            }
            ItemKind::Python { outputs } => {
                f.write_str("```python block with ")?;
                for (i, v) in outputs.iter().enumerate() {
                    let sep = if i == 0 { "" } else { ", " };
                    let v = if v.is_empty() {
                        String::new()
                    } else {
                        format!(" {v}")
                    };
                    write!(f, "{sep}```output{v}")?;
                }
                Ok(())
            }
        }
    }
}

/// A fenced code block.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CodeBlock {
    /// The info string as written (`rust,compile_fail,E0277`).
    pub info: String,
    /// Its first word (`rust`), or empty.
    pub lang: String,
    /// The code, with hidden `# ` lines (they are compiled).
    pub code: String,
    /// Line of the opening fence.
    pub line: usize,
    /// For a `python` block: the `output` blocks directly after it (one
    /// for every Python version, or one per group of versions).
    pub outputs: Vec<OutputBlock>,
}

/// An ```` ```output ```` block after a Python block.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OutputBlock {
    /// What the page says the code prints.
    pub text: String,
    /// Line of its fence.
    pub line: usize,
    /// The Python versions that print it (```` ```output 3.11 3.12 ````);
    /// empty for a plain ```` ```output ````: every version.
    pub versions: Vec<String>,
}

impl CodeBlock {
    /// The words after the language (`["compile_fail", "E0277"]`).
    pub fn flags(&self) -> Vec<&str> {
        info_words(&self.info).skip(1).collect()
    }
}

fn info_words(info: &str) -> impl Iterator<Item = &str> {
    info.split(|c: char| c == ',' || c.is_whitespace())
        .filter(|w| !w.is_empty())
}

/// Rustdoc's block attributes: a block starting with one of them would be
/// Rust to rustdoc but not to us, so we ask for `rust,` in front.
const RUSTDOC_ATTRS: &[&str] = &[
    "compile_fail",
    "no_run",
    "ignore",
    "should_panic",
    "test_harness",
    "edition2015",
    "edition2018",
    "edition2021",
    "edition2024",
];

/// Compiles a page. All problems found are returned, each with its line.
pub fn compile(text: &str, cx: &PageContext<'_>) -> Result<Page, Vec<Diag>> {
    let mut b = Builder::new(cx);
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let Some((front, body, body_line)) = split_front_matter(text, &mut b) else {
        return Err(b.diags);
    };
    b.front_matter(front);
    b.body(body, body_line);
    for (line, message) in crate::checks::output_coverage(&b.page) {
        b.err(line, message);
    }
    if b.diags.is_empty() {
        Ok(b.finish())
    } else {
        Err(b.diags)
    }
}

/// The front matter: both keys are required (checked by the caller, so
/// that a missing key gets its own message), and no other key is allowed.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct FrontMatter {
    title: Option<Spanned<String>>,
    summary: Option<Spanned<String>>,
}

/// `(front matter text, body, line of the body's first line)`.
fn split_front_matter<'t>(text: &'t str, b: &mut Builder<'_>) -> Option<(&'t str, &'t str, usize)> {
    let mut lines = text.split_inclusive('\n');
    let first = lines.next().unwrap_or("");
    if first.trim_end() != "+++" {
        let hint = if first.trim_end() == "---" {
            " (YAML `---` front matter is not supported: use TOML between `+++` lines)"
        } else {
            ""
        };
        b.err(1, format!("the file must start with a `+++` line and TOML front matter (title, summary){hint}"));
        return None;
    }
    let mut offset = first.len();
    for (i, line) in lines.enumerate() {
        if line.trim_end() == "+++" {
            let front = &text[first.len()..offset];
            let body = &text[offset + line.len()..];
            return Some((front, body, i + 3));
        }
        offset += line.len();
    }
    b.err(1, "front matter is not closed: no second `+++` line".into());
    None
}

/// A container found in the body.
struct Container<'t> {
    name: &'t str,
    args: Vec<&'t str>,
    /// Line of `:::name`.
    line: usize,
    body: String,
    /// Line of the first body line.
    body_line: usize,
}

enum Segment<'t> {
    Text { text: String, line: usize },
    Container(Container<'t>),
}

/// Tracks fenced code blocks line by line (``` or ~~~, three or more).
#[derive(Default)]
struct FenceState {
    open: Option<(char, usize)>,
}

impl FenceState {
    /// Feeds a line; returns true if the line is inside (or opens/closes) a fence.
    fn feed(&mut self, line: &str) -> bool {
        let t = line.trim_start();
        let fence = |c: char| t.chars().take_while(|&x| x == c).count();
        match self.open {
            Some((c, n)) => {
                let k = fence(c);
                if k >= n && t[k * c.len_utf8()..].trim().is_empty() {
                    self.open = None;
                }
                true
            }
            None => {
                for c in ['`', '~'] {
                    let k = fence(c);
                    if k >= 3 {
                        self.open = Some((c, k));
                        return true;
                    }
                }
                false
            }
        }
    }
}

const CONTAINERS: &[&str] = &["demo", "python", "myth", "predict"];

struct Builder<'c> {
    cx: &'c PageContext<'c>,
    diags: Vec<Diag>,
    page: Page,
    /// Ids used on the page (headings).
    ids: HashMap<String, usize>,
    /// Footnote label → number, by first appearance.
    footnotes: HashMap<String, usize>,
    /// Footnote labels defined anywhere on the page.
    footnote_labels: Vec<String>,
    /// Reference-style link definitions of the whole page.
    refdefs: HashMap<String, (String, String)>,
    /// Demo id → line of its placement.
    placed: HashMap<String, usize>,
    /// (demo, id) of predicts already on the page.
    predicts: HashMap<(String, String), usize>,
    /// The demo placed last: a step code in the text after it (`R(0)`)
    /// names a step of that demo's run.
    last_demo: Option<String>,
    /// Inside a heading (no buttons there).
    in_heading: bool,
}

fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_HEADING_ATTRIBUTES
}

impl<'c> Builder<'c> {
    fn new(cx: &'c PageContext<'c>) -> Self {
        Builder {
            cx,
            diags: Vec::new(),
            page: Page::default(),
            ids: HashMap::new(),
            footnotes: HashMap::new(),
            footnote_labels: Vec::new(),
            refdefs: HashMap::new(),
            placed: HashMap::new(),
            predicts: HashMap::new(),
            last_demo: None,
            in_heading: false,
        }
    }

    fn err(&mut self, line: usize, message: String) {
        self.diags.push(Diag {
            file: self.cx.file.to_string(),
            line: Some(line),
            message,
        });
    }

    fn front_matter(&mut self, front: &str) {
        // `front` starts on line 2, after the first `+++`.
        let parsed = match toml::de::DeTable::parse(front) {
            Err(e) => {
                // A syntax error: most often an unquoted value (`title = x`).
                let (line, m) = toml_error(front, 2, &e);
                let hint = if m.ends_with("given twice") {
                    ""
                } else {
                    " (front matter is TOML: `key = \"value\"` lines; strings need quotes)"
                };
                Err((line, format!("{m}{hint}")))
            }
            // Unknown keys and values that are not strings are the
            // deserializer's errors, at their line.
            Ok(table) => FrontMatter::deserialize(toml::de::Deserializer::from(table))
                .map_err(|e| toml_error(front, 2, &e)),
        };
        let fm = match parsed {
            Ok(fm) => fm,
            Err((line, m)) => return self.err(line, format!("front matter: {m}")),
        };
        let mut value = |name: &str, v: Option<Spanned<String>>| match v {
            None => {
                self.err(1, format!("front matter: `{name} = \"…\"` is missing"));
                String::new()
            }
            Some(s) if s.get_ref().trim().is_empty() || s.get_ref().contains('\n') => {
                let line = crate::line_at(front, s.span().start, 2);
                self.err(
                    line,
                    format!("front matter: `{name}` must be a non-empty string on one line"),
                );
                String::new()
            }
            Some(s) => s.into_inner(),
        };
        let title = value("title", fm.title);
        let summary = value("summary", fm.summary);
        // Shown as plain text (the window title, links, the contents):
        // inline Markdown such as `code` is reduced to its text.
        self.page.title = plain_inline(&title);
        self.page.summary = plain_inline(&summary);
    }

    fn body(&mut self, body: &str, first_line: usize) {
        // Reference definitions anywhere on the page serve links everywhere.
        {
            let mut p = Parser::new_ext(body, options());
            for e in p.by_ref() {
                if let Event::Start(Tag::FootnoteDefinition(label)) = e {
                    self.footnote_labels.push(label.to_string());
                }
            }
            for (label, def) in p.reference_definitions().iter() {
                self.refdefs.insert(
                    label.to_lowercase(),
                    (
                        def.dest.to_string(),
                        def.title
                            .as_ref()
                            .map(|t| t.to_string())
                            .unwrap_or_default(),
                    ),
                );
            }
        }
        for seg in self.segments(body, first_line) {
            match seg {
                Segment::Text { text, line } => {
                    let html = self.markdown(&text, line);
                    self.html(html);
                }
                Segment::Container(c) => self.container(c),
            }
        }
        for demo in self.cx.demos {
            if !self.placed.contains_key(demo) {
                self.diags.push(Diag {
                    file: self.cx.file.to_string(),
                    line: None,
                    message: format!(
                        "demo `{demo}` is not placed on the page: add `:::demo {demo}` and a `:::` line where it belongs"
                    ),
                });
            }
        }
    }

    fn segments<'t>(&mut self, body: &'t str, first_line: usize) -> Vec<Segment<'t>> {
        let mut out = Vec::new();
        let mut fence = FenceState::default();
        let mut text = String::new();
        let mut text_line = first_line;
        let mut open: Option<Container<'t>> = None;
        let mut fence_in_container_line = 0;
        for (i, raw) in body.split_inclusive('\n').enumerate() {
            let line_no = first_line + i;
            let was_in_fence = fence.open.is_some();
            let in_fence = fence.feed(raw);
            let trimmed = raw.trim_end();
            if !in_fence {
                if let Some(rest) = trimmed.strip_prefix(":::") {
                    if rest.trim().is_empty() {
                        match open.take() {
                            Some(c) => {
                                out.push(Segment::Container(c));
                                text_line = line_no + 1;
                            }
                            None => self.err(line_no, "`:::` closes no container".into()),
                        }
                        continue;
                    }
                    let mut words = rest.split_whitespace();
                    let name = words.next().unwrap_or("");
                    if let Some(c) = &open {
                        let msg = format!(
                            "`:::{name}` inside the `:::{}` container opened at line {}: containers do not nest (is a `:::` line missing?)",
                            c.name, c.line
                        );
                        self.err(line_no, msg);
                        continue;
                    }
                    if !CONTAINERS.contains(&name) {
                        self.err(
                            line_no,
                            format!(
                                "unknown container `:::{name}` (known: {})",
                                CONTAINERS.join(", ")
                            ),
                        );
                    }
                    if !text.trim().is_empty() {
                        out.push(Segment::Text {
                            text: std::mem::take(&mut text),
                            line: text_line,
                        });
                    }
                    text.clear();
                    open = Some(Container {
                        name,
                        args: words.collect(),
                        line: line_no,
                        body: String::new(),
                        body_line: line_no + 1,
                    });
                    continue;
                }
            } else if !was_in_fence && open.is_some() {
                fence_in_container_line = line_no;
            }
            match &mut open {
                Some(c) => c.body.push_str(raw),
                None => text.push_str(raw),
            }
        }
        if let Some(c) = open {
            let hint = if fence.open.is_some() {
                format!(
                    " (a code fence opened at line {fence_in_container_line} is not closed either)"
                )
            } else {
                String::new()
            };
            self.err(
                c.line,
                format!(
                    "`:::{}` is not closed: add a `:::` line after its content{hint}",
                    c.name
                ),
            );
        } else if !text.trim().is_empty() {
            out.push(Segment::Text {
                text,
                line: text_line,
            });
        }
        out
    }

    /// Appends HTML to the page. A `##` or `###` section starts a new block,
    /// so the app can pin each demo beside the section that introduces it.
    fn html(&mut self, html: String) {
        if html.is_empty() {
            return;
        }
        let mut starts: Vec<usize> = html
            .match_indices("<h")
            .map(|(i, _)| i)
            .filter(|&i| is_section_start(&html[i..]))
            .filter(|&i| i == 0 || html.as_bytes()[i - 1] == b'\n')
            .collect();
        if starts.first() != Some(&0) {
            starts.insert(0, 0);
        }
        for (k, &start) in starts.iter().enumerate() {
            let part = &html[start..starts.get(k + 1).copied().unwrap_or(html.len())];
            let new_section = is_section_start(part);
            match self.page.blocks.last_mut() {
                Some(Block::Html(prev)) if !new_section => prev.push_str(part),
                _ => self.page.blocks.push(Block::Html(part.to_string())),
            }
        }
    }

    fn container(&mut self, c: Container<'_>) {
        let lang = self.cx.lang;
        match c.name {
            "demo" => {
                let [id] = c.args[..] else {
                    return self.err(c.line, "write `:::demo <id>` with one demo id".into());
                };
                if !c.body.trim().is_empty() {
                    self.err(
                        c.body_line,
                        "`:::demo` takes no content: close it with `:::` on the next line".into(),
                    );
                }
                if !self.cx.demos.iter().any(|d| d == id) {
                    return self.err(c.line, self.unknown_demo(id));
                }
                if let Some(prev) = self.placed.insert(id.to_string(), c.line) {
                    self.err(
                        c.line,
                        format!(
                            "demo `{id}` is already placed at line {prev}; place each demo once"
                        ),
                    );
                }
                self.page.structure.push(Item {
                    kind: ItemKind::Demo(id.to_string()),
                    line: c.line,
                });
                self.page.blocks.push(Block::Demo {
                    id: id.to_string(),
                    line: c.line,
                });
                self.last_demo = Some(id.to_string());
            }
            "python" => {
                if !c.args.is_empty() {
                    self.err(c.line, "`:::python` takes no arguments".into());
                }
                let inner = self.markdown(&c.body, c.body_line);
                self.html(format!(
                    "<section class=\"python-side\"><p class=\"panel-label\">{}</p>\n{inner}</section>\n",
                    lang.label(Label::PythonSide)
                ));
            }
            "myth" => self.myth(&c),
            "predict" => self.predict(&c),
            _ => {} // reported when the container was opened
        }
    }

    fn unknown_demo(&self, id: &str) -> String {
        if self.cx.demos.is_empty() {
            format!("unknown demo `{id}`: this lesson has no demo files (`{id}.rs` would be one)")
        } else {
            format!(
                "unknown demo `{id}` (this lesson's demos: {}; a demo is a `.rs` file in the lesson folder)",
                self.cx.demos.join(", ")
            )
        }
    }

    fn myth(&mut self, c: &Container<'_>) {
        let n = match c.args[..] {
            [id] => id
                .strip_prefix('M')
                .and_then(|n| n.parse::<u32>().ok())
                .filter(|n| (1..=MAX_MYTH).contains(n) && !id.starts_with("M0")),
            _ => None,
        };
        let Some(n) = n else {
            return self.err(
                c.line,
                format!(
                    "write `:::myth Mnn` with a myth id M1…M{MAX_MYTH} of docs/myths.md, found `:::myth {}`",
                    c.args.join(" ")
                ),
            );
        };
        // Split at the `---` line (outside code fences).
        let mut fence = FenceState::default();
        let mut claim = String::new();
        let mut truth: Option<(String, usize)> = None;
        for (i, raw) in c.body.split_inclusive('\n').enumerate() {
            let in_fence = fence.feed(raw);
            if !in_fence && raw.trim() == "---" {
                if truth.is_some() {
                    return self.err(
                        c.body_line + i,
                        "a myth box has one `---` line (claim above, what is true below)".into(),
                    );
                }
                truth = Some((String::new(), c.body_line + i + 1));
                continue;
            }
            match &mut truth {
                Some((t, _)) => t.push_str(raw),
                None => claim.push_str(raw),
            }
        }
        let Some((truth, truth_line)) = truth else {
            return self.err(
                c.line,
                format!("`:::myth M{n}` needs a `---` line between the claim and what is true"),
            );
        };
        if claim.trim().is_empty() || truth.trim().is_empty() {
            return self.err(c.line, format!("`:::myth M{n}`: both the claim (before `---`) and what is true (after it) must be written"));
        }
        // The box is a landmark (`aside`): its label must be unique on the
        // page, so a myth met a second time gets a numbered id.
        let seen = self
            .page
            .structure
            .iter()
            .filter(|i| matches!(i.kind, ItemKind::Myth(m) if m == n))
            .count();
        let id = match seen {
            0 => format!("myth-m{n}"),
            k => format!("myth-m{n}-{}", k + 1),
        };
        self.page.structure.push(Item {
            kind: ItemKind::Myth(n),
            line: c.line,
        });
        let claim_html = self.markdown(&claim, c.body_line);
        let truth_html = self.markdown(&truth, truth_line);
        let lang = self.cx.lang;
        self.html(format!(
            "<aside class=\"myth\" data-myth=\"M{n}\" aria-labelledby=\"{id}\">\
             <p class=\"myth-label\" id=\"{id}\">{} · M{n}</p>\n\
             <div class=\"myth-claim\">{claim_html}</div>\n\
             <p class=\"myth-truth-label\">{}</p>\n\
             <div class=\"myth-truth\">{truth_html}</div></aside>\n",
            lang.label(Label::Myth),
            lang.label(Label::Truth)
        ));
    }

    fn predict(&mut self, c: &Container<'_>) {
        let [demo, id, ref case_args @ ..] = c.args[..] else {
            return self.err(
                c.line,
                "write `:::predict <demo> <id> [knob=value …]`, e.g. `:::predict cleanup when break_at=9`".into(),
            );
        };
        let mut ok = true;
        if !self.cx.demos.iter().any(|d| d == demo) {
            self.err(c.line, self.unknown_demo(demo));
            ok = false;
        }
        let valid_id = id.starts_with(|c: char| c.is_ascii_lowercase())
            && id
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_');
        if !valid_id {
            self.err(c.line, format!("predict id `{id}` must be lowercase letters, digits and `_` (it names `predict_{id}`)"));
            ok = false;
        } else if ok && !(self.cx.has_predict)(demo, id) {
            self.err(
                c.line,
                format!(
                    "demo `{demo}` has no `pub fn predict_{id}(t: &Trace) -> Option<usize>`; add it to {demo}.rs (it returns the option the recorded trace shows to be true)"
                ),
            );
            ok = false;
        }
        if let Some(prev) = self
            .predicts
            .insert((demo.to_string(), id.to_string()), c.line)
        {
            self.err(
                c.line,
                format!("`:::predict {demo} {id}` is already at line {prev}"),
            );
            ok = false;
        }
        if STRICT_PREDICTS {
            if let Some(&at) = self.placed.get(demo) {
                self.err(
                    c.line,
                    format!("`:::predict {demo} {id}` must come before `:::demo {demo}` (line {at}): the reader answers before seeing the run, and before any text that gives the answer away"),
                );
                ok = false;
            }
        }
        let case = match self.predict_case(c, demo, id, case_args) {
            Some(case) => case,
            None => {
                ok = false;
                Vec::new()
            }
        };
        let Some((question, options_html, why)) = self.predict_body(c, demo, id) else {
            return;
        };
        if STRICT_PREDICTS && why.iter().any(String::is_empty) {
            self.err(
                c.line,
                format!("`:::predict {demo} {id}`: every option needs one nested line saying why it is right or wrong, e.g.\n- After `after scope`\n  - No: the stream is dropped at the closing brace, before `after scope`."),
            );
            ok = false;
        }
        let case_text = case
            .iter()
            .map(|(k, v)| format!("{k}={v}"))
            .collect::<Vec<_>>()
            .join(" ");
        self.page.structure.push(Item {
            kind: ItemKind::Predict {
                demo: demo.to_string(),
                id: id.to_string(),
                options: options_html.len(),
                case: case_text,
            },
            line: c.line,
        });
        if ok {
            self.page.blocks.push(Block::Predict {
                demo: demo.to_string(),
                id: id.to_string(),
                question,
                options: options_html,
                why,
                case,
                line: c.line,
            });
        }
    }

    /// The `knob=value` pairs after a predict's id; `None` after reporting
    /// a malformed pair, an unknown knob or a knob named twice.
    fn predict_case(
        &mut self,
        c: &Container<'_>,
        demo: &str,
        id: &str,
        args: &[&str],
    ) -> Option<Vec<(String, String)>> {
        let known = (self.cx.knobs_of)(demo);
        let mut case: Vec<(String, String)> = Vec::new();
        let mut ok = true;
        for arg in args {
            let Some((name, value)) = arg
                .split_once('=')
                .filter(|(n, v)| !n.is_empty() && !v.is_empty())
            else {
                self.err(c.line, format!("`:::predict {demo} {id}`: `{arg}` is not `knob=value` (e.g. `break_at=9`); the case lists the knobs that differ from their defaults"));
                ok = false;
                continue;
            };
            if let Some(known) = &known {
                if !known.iter().any(|k| k == name) {
                    self.err(c.line, format!("`:::predict {demo} {id}`: demo `{demo}` has no knob `{name}` (its knobs: {})", if known.is_empty() { "none".to_string() } else { known.join(", ") }));
                    ok = false;
                    continue;
                }
            }
            if case.iter().any(|(n, _)| n == name) {
                self.err(
                    c.line,
                    format!("`:::predict {demo} {id}`: knob `{name}` is named twice"),
                );
                ok = false;
                continue;
            }
            case.push((name.to_string(), value.to_string()));
        }
        ok.then_some(case)
    }

    /// The question, the options and each option's explanation; `None`
    /// after reporting a body of the wrong shape.
    fn predict_body(
        &mut self,
        c: &Container<'_>,
        demo: &str,
        id: &str,
    ) -> Option<(String, Vec<String>, Vec<String>)> {
        // The body: one paragraph (the question), then one list (the
        // options), each option with at most one nested item (why).
        let events: Vec<_> = Parser::new_ext(&c.body, options())
            .into_offset_iter()
            .collect();
        let line_of = |off: usize| c.body_line + c.body[..off].matches('\n').count();
        let strip_para = |e: &Event<'_>| {
            !matches!(
                e,
                Event::Start(Tag::Paragraph) | Event::End(TagEnd::Paragraph)
            )
        };
        let mut i = 0;
        let mut question = None;
        let mut options_html = Vec::new();
        let mut why = Vec::new();
        while i < events.len() {
            let (e, r) = &events[i];
            match e {
                Event::Start(Tag::Paragraph) if question.is_none() && options_html.is_empty() => {
                    let end = matching_end(&events, i);
                    let inner: Vec<Event<'_>> =
                        events[i + 1..end].iter().map(|(e, _)| e.clone()).collect();
                    question = Some(self.inline_html(inner, line_of(r.start)));
                    i = end + 1;
                }
                Event::Start(Tag::List(_)) if question.is_some() && options_html.is_empty() => {
                    let end = matching_end(&events, i);
                    let mut j = i + 1;
                    while j < end {
                        let item_end = matching_end(&events, j);
                        let item_line = line_of(events[j].1.start);
                        let body = &events[j + 1..item_end];
                        let nested = body
                            .iter()
                            .position(|(e, _)| matches!(e, Event::Start(Tag::List(_))));
                        let (option, explained) = match nested {
                            Some(k) => (&body[..k], &body[k..]),
                            None => (body, &body[..0]),
                        };
                        let inner: Vec<Event<'_>> = option
                            .iter()
                            .map(|(e, _)| e.clone())
                            .filter(strip_para)
                            .collect();
                        options_html.push(self.inline_html(inner, item_line));
                        let mut text = String::new();
                        if !explained.is_empty() {
                            let list_end = matching_end(explained, 0);
                            let mut items = Vec::new();
                            let mut k = 1;
                            while k < list_end {
                                let e = matching_end(explained, k);
                                items.push((k, e));
                                k = e + 1;
                            }
                            if items.len() != 1 || list_end + 1 != explained.len() {
                                self.err(item_line, format!("`:::predict {demo} {id}`: an option has one nested line (why it is right or wrong), found {}", items.len().max(2)));
                                return None;
                            }
                            let (a, b) = items[0];
                            let inner: Vec<Event<'_>> = explained[a + 1..b]
                                .iter()
                                .map(|(e, _)| e.clone())
                                .filter(strip_para)
                                .collect();
                            text = self.inline_html(inner, item_line);
                        }
                        why.push(text);
                        j = item_end + 1;
                    }
                    i = end + 1;
                }
                _ => {
                    let what = if question.is_none() {
                        "the question (a paragraph) must come first"
                    } else if options_html.is_empty() {
                        "the options (a `-` list) must follow the question"
                    } else {
                        "nothing may follow the list of options"
                    };
                    self.err(
                        line_of(r.start),
                        format!("`:::predict {demo} {id}`: {what}"),
                    );
                    return None;
                }
            }
        }
        let Some(question) = question else {
            self.err(c.line, format!("`:::predict {demo} {id}` has no question"));
            return None;
        };
        if options_html.len() < 2 {
            self.err(
                c.line,
                format!("`:::predict {demo} {id}` needs a list of at least two options"),
            );
            return None;
        }
        Some((question, options_html, why))
    }

    /// Renders inline events (a paragraph's or list item's content).
    fn inline_html(&mut self, events: Vec<Event<'_>>, line: usize) -> String {
        let events = self.transform(events.into_iter().map(|e| (e, line)).collect());
        let mut html = String::new();
        pulldown_cmark::html::push_html(&mut html, events.into_iter());
        html.trim().to_string()
    }

    /// Renders a piece of Markdown that starts at `first_line`.
    fn markdown(&mut self, text: &str, first_line: usize) -> String {
        let line_starts: Vec<usize> = std::iter::once(0)
            .chain(text.match_indices('\n').map(|(i, _)| i + 1))
            .collect();
        let line_of = |off: usize| first_line + line_starts.partition_point(|&s| s <= off) - 1;
        let refdefs = self.refdefs.clone();
        let mut callback = |link: pulldown_cmark::BrokenLink<'_>| {
            refdefs
                .get(&link.reference.to_lowercase())
                .map(|(d, t)| (CowStr::from(d.clone()), CowStr::from(t.clone())))
        };
        // pulldown-cmark only sees a footnote reference if its definition
        // is in the same text, so definitions made elsewhere on the page are
        // stood in for by dummies after the text, whose events are dropped.
        let mut source = text.to_string();
        if text.contains("[^") {
            for label in &self.footnote_labels {
                if !text.contains(&format!("[^{label}]:")) {
                    source.push_str(&format!("\n\n[^{label}]: -\n"));
                }
            }
        }
        let parser = Parser::new_with_broken_link_callback(&source, options(), Some(&mut callback))
            .into_offset_iter();
        let mut events: Vec<(Event<'_>, usize)> = Vec::new();
        let mut dummy_depth = 0usize;
        for (e, r) in parser {
            if r.start >= text.len() || dummy_depth > 0 {
                match e {
                    Event::Start(_) => dummy_depth += 1,
                    Event::End(_) => dummy_depth = dummy_depth.saturating_sub(1),
                    _ => {}
                }
                continue;
            }
            events.push((e, line_of(r.start)));
        }
        let events = self.transform(events);
        let mut html = String::new();
        pulldown_cmark::html::push_html(&mut html, events.into_iter());
        html
    }

    /// Rewrites headings, code blocks and footnotes; records structure.
    fn transform<'e>(&mut self, events: Vec<(Event<'e>, usize)>) -> Vec<Event<'e>> {
        let mut out = Vec::with_capacity(events.len());
        let mut it = events.into_iter().peekable();
        // The last python block, while nothing but its output may follow.
        let mut pending_python: Option<usize> = None;
        while let Some((e, line)) = it.next() {
            let is_output_start = matches!(&e, Event::Start(Tag::CodeBlock(CodeBlockKind::Fenced(info)))
                if info_words(info).next() == Some("output"));
            if !is_output_start {
                pending_python = None;
            }
            match e {
                Event::Start(Tag::Heading {
                    level,
                    id,
                    classes,
                    attrs,
                }) => {
                    let mut inner = Vec::new();
                    let mut text = String::new();
                    for (e, _) in it.by_ref() {
                        match &e {
                            Event::End(TagEnd::Heading(_)) => break,
                            Event::Text(t) | Event::Code(t) => text.push_str(t),
                            _ => {}
                        }
                        inner.push(e);
                    }
                    self.in_heading = true;
                    let inner = self.transform(inner.into_iter().map(|e| (e, line)).collect());
                    self.in_heading = false;
                    let id = self.heading_id(level, id.as_deref(), &text, line);
                    let level_n = level as u8;
                    if (2..=3).contains(&level_n) {
                        self.page.toc.push(Heading {
                            level: level_n,
                            id: id.clone(),
                            text: text.trim().to_string(),
                            line,
                        });
                    }
                    self.page.structure.push(Item {
                        kind: ItemKind::Heading {
                            level: level_n,
                            id: id.clone(),
                        },
                        line,
                    });
                    out.push(Event::Start(Tag::Heading {
                        level,
                        id: Some(CowStr::from(id)),
                        classes,
                        attrs,
                    }));
                    out.extend(inner);
                    out.push(Event::End(TagEnd::Heading(level)));
                }
                Event::Start(Tag::CodeBlock(kind)) => {
                    let mut code = String::new();
                    for (e, _) in it.by_ref() {
                        match e {
                            Event::End(TagEnd::CodeBlock) => break,
                            Event::Text(t) => code.push_str(&t),
                            _ => {}
                        }
                    }
                    let info = match &kind {
                        CodeBlockKind::Fenced(info) => info.trim().to_string(),
                        CodeBlockKind::Indented => String::new(),
                    };
                    let (html, is_python) = self.code_block(&info, code, line, &mut pending_python);
                    out.push(Event::Html(CowStr::from(html)));
                    if is_python {
                        pending_python = Some(self.page.code.len() - 1);
                    }
                }
                // A table scrolls in a box of its own on a narrow screen
                // instead of squeezing its code; the box takes focus so
                // the keyboard can scroll it too.
                Event::Start(Tag::Table(align)) => {
                    out.push(Event::Html(CowStr::from(
                        "<div class=\"table-wrap\" tabindex=\"0\">",
                    )));
                    out.push(Event::Start(Tag::Table(align)));
                }
                Event::End(TagEnd::Table) => {
                    out.push(Event::End(TagEnd::Table));
                    out.push(Event::Html(CowStr::from("</div>\n")));
                }
                Event::FootnoteReference(label) => {
                    let n = self.footnote_number(&label);
                    let id = footnote_id(&label);
                    out.push(Event::InlineHtml(CowStr::from(format!(
                        "<sup class=\"footnote-ref\" id=\"fnref-{id}\"><a href=\"#fn-{id}\">{n}</a></sup>"
                    ))));
                }
                Event::Start(Tag::FootnoteDefinition(label)) => {
                    let n = self.footnote_number(&label);
                    let id = footnote_id(&label);
                    out.push(Event::Html(CowStr::from(format!(
                        "<div class=\"footnote\" id=\"fn-{id}\"><span class=\"footnote-label\">{n}</span>"
                    ))));
                }
                Event::End(TagEnd::FootnoteDefinition) => {
                    out.push(Event::Html(CowStr::from("</div>\n")));
                }
                Event::SoftBreak => {
                    // A line break inside Chinese text is not a space.
                    let prev = match out.last() {
                        Some(Event::Text(t) | Event::Code(t)) => t.chars().last(),
                        _ => None,
                    };
                    let next = match it.peek() {
                        Some((Event::Text(t) | Event::Code(t), _)) => t.chars().next(),
                        _ => None,
                    };
                    if !joins_without_space(prev, next) {
                        out.push(Event::SoftBreak);
                    }
                }
                Event::Code(t) if !self.in_heading && is_step_code(&t) => {
                    match &self.last_demo {
                        // A step of the demo above: a button that selects
                        // it on the timeline, in the transcript and the code.
                        Some(demo) => out.push(Event::InlineHtml(CowStr::from(format!(
                            "<button type=\"button\" class=\"step-link\" data-demo=\"{demo}\" data-step=\"{s}\"><code>{s}</code></button>",
                            s = escape_html(&t)
                        )))),
                        None => out.push(Event::Code(t)),
                    }
                }
                e => out.push(e),
            }
        }
        out
    }

    fn footnote_number(&mut self, label: &str) -> usize {
        let next = self.footnotes.len() + 1;
        *self.footnotes.entry(label.to_string()).or_insert(next)
    }

    fn heading_id(
        &mut self,
        level: HeadingLevel,
        explicit: Option<&str>,
        text: &str,
        line: usize,
    ) -> String {
        if let Some(id) = explicit {
            let valid = !id.is_empty()
                && id
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_');
            if !valid {
                self.err(
                    line,
                    format!("heading id `{id}` may only use ASCII letters, digits, `-` and `_`"),
                );
            }
            if let Some(prev) = self.ids.insert(id.to_string(), line) {
                self.err(
                    line,
                    format!("heading id `{id}` is already used at line {prev}"),
                );
            }
            return id.to_string();
        }
        let base = slug(text);
        if base.is_empty() {
            if matches!(level, HeadingLevel::H2 | HeadingLevel::H3) {
                self.err(
                    line,
                    format!("heading `{}` has no ASCII letters to make an anchor from: end it with an explicit `{{#id}}` (the same id as in the other language)", text.trim()),
                );
            }
            return String::from("section");
        }
        let mut id = base.clone();
        let mut k = 2;
        while self.ids.contains_key(&id) {
            id = format!("{base}-{k}");
            k += 1;
        }
        self.ids.insert(id.clone(), line);
        id
    }

    /// Renders a code block, records it (and, for Rust and Python, its
    /// structure item). Returns the HTML and whether it was a Python block.
    fn code_block(
        &mut self,
        info: &str,
        code: String,
        line: usize,
        pending_python: &mut Option<usize>,
    ) -> (String, bool) {
        let mut words = info_words(info);
        let lang = words.next().unwrap_or("").to_string();
        let flags: Vec<&str> = words.collect();
        let lang_cx = self.cx.lang;
        if RUSTDOC_ATTRS.contains(&lang.as_str()) {
            self.err(
                line,
                format!("write ```rust,{info} (the language comes first)"),
            );
        }
        let mut html = String::new();
        match lang.as_str() {
            "rust" => {
                let shown = visible_rust(&code);
                let compile_fail = flags.contains(&"compile_fail");
                let should_panic = flags.contains(&"should_panic");
                let codes: Vec<&str> = flags.iter().copied().filter(|f| is_error_code(f)).collect();
                if !codes.is_empty() && !compile_fail {
                    self.err(line, format!("the error code {} only means something with `compile_fail`: ```rust,compile_fail,{}", codes.join(","), codes.join(",")));
                }
                for f in &flags {
                    let known = is_error_code(f) || RUSTDOC_ATTRS.contains(f);
                    if !known {
                        self.err(line, format!("unknown flag `{f}` on a rust block (known: compile_fail, E0123 codes, no_run, should_panic, ignore, edition2021…)"));
                    }
                }
                let mut classes = String::from("code");
                for (flag, class) in [
                    ("compile_fail", "compile-fail"),
                    ("should_panic", "should-panic"),
                    ("no_run", "no-run"),
                    ("ignore", "ignore"),
                ] {
                    if flags.contains(&flag) {
                        classes.push(' ');
                        classes.push_str(class);
                    }
                }
                let note = if compile_fail {
                    let codes = if codes.is_empty() {
                        String::new()
                    } else {
                        format!(" · {}", codes.join(", "))
                    };
                    format!(
                        "<p class=\"code-label\">{}{codes}</p>",
                        lang_cx.label(Label::CompileFail)
                    )
                } else if should_panic {
                    format!(
                        "<p class=\"code-label\">{}</p>",
                        lang_cx.label(Label::ShouldPanic)
                    )
                } else {
                    String::new()
                };
                let pre = format!(
                    "<pre class=\"{classes}\" data-lang=\"rust\"><code class=\"language-rust\">{}</code></pre>",
                    highlight::highlight(&shown, HlLang::Rust)
                );
                if note.is_empty() {
                    html.push_str(&pre);
                } else {
                    // The flags' classes only: `code` styles the `<pre>`.
                    let flags_only = classes.trim_start_matches("code").trim_start();
                    html.push_str(&format!(
                        "<div class=\"code-block {flags_only}\">{note}{pre}</div>"
                    ));
                }
                html.push('\n');
                self.page.structure.push(Item {
                    kind: ItemKind::Rust(flags.join(",")),
                    line,
                });
            }
            "output" => {
                // ```output 3.11 3.12: what those Python versions print.
                let versions: Vec<String> = flags.iter().map(|v| v.to_string()).collect();
                for v in &versions {
                    if !crate::checks::PYTHON_VERSIONS.contains(&v.as_str()) {
                        self.err(line, format!("unknown Python version `{v}` on an output block (the checks run {}; write e.g. ```output 3.11 3.12)", crate::checks::PYTHON_VERSIONS.join(", ")));
                    }
                }
                if !versions.is_empty() && pending_python.is_none() {
                    self.err(line, "an ```output block with Python versions must come right after a ```python block (or after another output block of it)".into());
                }
                let (label, data) = if versions.is_empty() {
                    (lang_cx.label(Label::Output).to_string(), String::new())
                } else {
                    let sep = if lang_cx == PageLang::Zh { "、" } else { ", " };
                    (
                        format!(
                            "{} · Python {}",
                            lang_cx.label(Label::Output),
                            versions.join(sep)
                        ),
                        format!(" data-python=\"{}\"", escape_html(&versions.join(" "))),
                    )
                };
                let body = highlight::highlight(code.trim_end_matches('\n'), HlLang::Plain);
                html.push_str(&format!(
                    "<div class=\"output\"{data}><p class=\"output-label\">{label}</p><pre class=\"code\" data-lang=\"output\"><code>{body}</code></pre></div>\n",
                ));
                // Several output blocks may follow one python block: the
                // pairing ends at anything that is not an output block.
                if let Some(i) = *pending_python {
                    self.page.code[i].outputs.push(OutputBlock {
                        text: code.clone(),
                        line,
                        versions: versions.clone(),
                    });
                    if let Some(Item {
                        kind: ItemKind::Python { outputs },
                        ..
                    }) = self.page.structure.last_mut()
                    {
                        outputs.push(versions.join(" "));
                    }
                }
            }
            _ => {
                let hl = HlLang::from_info(&lang);
                let data_lang = if lang.is_empty() {
                    "text".to_string()
                } else {
                    escape_html(&lang)
                };
                let class_lang = if hl == HlLang::Plain {
                    String::new()
                } else {
                    format!(" class=\"language-{data_lang}\"")
                };
                html.push_str(&format!(
                    "<pre class=\"code\" data-lang=\"{data_lang}\"><code{class_lang}>{}</code></pre>\n",
                    highlight::highlight(code.trim_end_matches('\n'), hl)
                ));
                if hl == HlLang::Python {
                    self.page.structure.push(Item {
                        kind: ItemKind::Python {
                            outputs: Vec::new(),
                        },
                        line,
                    });
                }
            }
        }
        let is_python = HlLang::from_info(&lang) == HlLang::Python;
        self.page.code.push(CodeBlock {
            info: info.to_string(),
            lang,
            code,
            line,
            outputs: Vec::new(),
        });
        (html, is_python)
    }

    fn finish(self) -> Page {
        self.page
    }
}

/// Chinese, Japanese and Korean characters and their punctuation.
fn is_cjk(c: char) -> bool {
    matches!(c as u32,
        0x2E80..=0x2FFF // radicals
        | 0x3000..=0x303F // CJK symbols and punctuation: 、。「」
        | 0x3040..=0x30FF // kana
        | 0x3400..=0x4DBF
        | 0x4E00..=0x9FFF // ideographs
        | 0xAC00..=0xD7AF // hangul
        | 0xF900..=0xFAFF
        | 0xFF00..=0xFFEF // full-width forms: ，：（）
        | 0x20000..=0x3FFFF)
}

/// Full-width punctuation (，。：「」（）): it carries its own spacing.
fn is_cjk_punct(c: char) -> bool {
    matches!(c as u32, 0x3000..=0x303F | 0xFF00..=0xFF65)
}

/// Whether a line break between `a` and `b` is dropped rather than shown as
/// a space: between two CJK characters, next to full-width punctuation, or
/// between CJK text and a curly quote. Between CJK text and Latin text or
/// code the space stays (the usual spacing in Chinese technical writing).
fn joins_without_space(a: Option<char>, b: Option<char>) -> bool {
    let quote = |c: char| {
        matches!(
            c,
            '\u{2018}' | '\u{2019}' | '\u{201C}' | '\u{201D}' | '—' | '…'
        )
    };
    if a.is_some_and(is_cjk_punct) || b.is_some_and(is_cjk_punct) {
        return true;
    }
    let (Some(a), Some(b)) = (a, b) else {
        return false;
    };
    (is_cjk(a) && (is_cjk(b) || quote(b))) || (quote(a) && is_cjk(b))
}

fn is_error_code(f: &str) -> bool {
    f.len() == 5 && f.starts_with('E') && f[1..].bytes().all(|b| b.is_ascii_digit())
}

/// The index of the event that closes the one started at `start`.
/// Whether inline code is a step in the timeline notation (`P`, `W`,
/// `R(0)`, `R∅`, `B(x)`, `D`, `C`, `T+100`, `T✕`): the text after a demo
/// names steps of its run that way.
pub fn is_step_code(code: &str) -> bool {
    let inner = |prefix: &str| {
        code.strip_prefix(prefix)
            .and_then(|r| r.strip_suffix(')'))
            .is_some_and(|v| !v.is_empty() && !v.contains(['(', ')', ' ']))
    };
    matches!(code, "P" | "W" | "R∅" | "D" | "C" | "T✕")
        || inner("R(")
        || inner("B(")
        || code
            .strip_prefix("T+")
            .is_some_and(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
}

fn matching_end<T>(events: &[(Event<'_>, T)], start: usize) -> usize {
    let mut depth = 0usize;
    for (i, (e, _)) in events.iter().enumerate().skip(start) {
        match e {
            Event::Start(_) => depth += 1,
            Event::End(_) => {
                depth -= 1;
                if depth == 0 {
                    return i;
                }
            }
            _ => {}
        }
    }
    events.len().saturating_sub(1)
}

fn footnote_id(label: &str) -> String {
    label
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' || c == '_' {
                c
            } else {
                '-'
            }
        })
        .collect()
}

/// The text of one line of inline Markdown (`` `break` and *when* `` →
/// `break and when`).
pub fn plain_inline(md: &str) -> String {
    let mut out = String::new();
    for e in Parser::new_ext(md, options()) {
        match e {
            Event::Text(t) | Event::Code(t) => out.push_str(&t),
            Event::SoftBreak | Event::HardBreak => out.push(' '),
            _ => {}
        }
    }
    out.trim().to_string()
}

/// The anchor made from a heading's text: lowercase ASCII letters and
/// digits, words joined by `-`; everything else dropped.
pub fn slug(text: &str) -> String {
    let mut out = String::new();
    let mut dash = false;
    for c in text.chars() {
        if c.is_ascii_alphanumeric() {
            if dash && !out.is_empty() {
                out.push('-');
            }
            dash = false;
            out.push(c.to_ascii_lowercase());
        } else if c.is_whitespace() || c == '-' || c == '_' {
            dash = true;
        }
    }
    out
}

/// A Rust block as shown: rustdoc's hidden lines (`# code`, a lone `#`)
/// removed, and `##` unescaped to `#`.
pub fn visible_rust(code: &str) -> String {
    let mut out = String::new();
    for line in code.lines() {
        let t = line.trim_start();
        if t == "#" || t.starts_with("# ") {
            continue;
        }
        if t.starts_with("##") {
            let indent = &line[..line.len() - t.len()];
            out.push_str(indent);
            out.push_str(&t[1..]);
        } else {
            out.push_str(line);
        }
        out.push('\n');
    }
    out.trim_end_matches('\n').to_string()
}

/// Whether `html` starts with a `##` or `###` heading.
fn is_section_start(html: &str) -> bool {
    html.starts_with("<h2 ") || html.starts_with("<h3 ")
}
