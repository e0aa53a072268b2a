//! The lesson compiler, run on the host by `lessons/build.rs`: finds the
//! lesson folders `lessons/NN-slug/`, renders their Markdown (front matter,
//! CommonMark, custom `:::` blocks, highlighted code) to HTML, and writes the
//! Rust source of the registry (`LESSONS`), including each demo file as a
//! module so the code a reader sees is the code that runs.
//!
//! It also serves the content checks in `lessons/tests/` (as a
//! dev-dependency): they re-read the lessons with [`compile_all`] and compare
//! the two languages' structure ([`checks`]), run the Python blocks, and so on.
//!
//! Not for the browser: nothing here ships in the wasm — only the strings it
//! generates do. The format it implements is `docs/authoring.md`.

use std::fmt;
use std::fs;
use std::path::{Path, PathBuf};

pub mod checks;
mod codegen;
pub mod drops;
pub mod glossary;
pub mod highlight;
pub mod page;

pub use page::{Block, CodeBlock, Heading, Item, ItemKind, Page, PageLang};

/// A problem in a lesson, with where it is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diag {
    /// The file, relative to the repository (`lessons/04-x/en.md`).
    pub file: String,
    /// 1-based line, when the problem has one.
    pub line: Option<usize>,
    /// What is wrong and, where it helps, what to do.
    pub message: String,
}

impl fmt::Display for Diag {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.line {
            Some(line) => write!(f, "{}:{line}: {}", self.file, self.message),
            None => write!(f, "{}: {}", self.file, self.message),
        }
    }
}

/// Every problem found, one per line when displayed.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Diags(pub Vec<Diag>);

impl fmt::Display for Diags {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, d) in self.0.iter().enumerate() {
            if i > 0 {
                f.write_str("\n")?;
            }
            write!(f, "{d}")?;
        }
        Ok(())
    }
}

impl std::error::Error for Diags {}

/// A lesson folder found on disk.
#[derive(Debug, Clone)]
pub struct LessonDir {
    /// `NN` from the folder name.
    pub number: u32,
    /// The folder name without `NN-`.
    pub slug: String,
    /// The folder.
    pub dir: PathBuf,
    /// Demo files (`*.rs`), sorted by name.
    pub demos: Vec<PathBuf>,
}

impl LessonDir {
    /// The folder name, `NN-slug`.
    pub fn name(&self) -> String {
        format!("{:02}-{}", self.number, self.slug)
    }
}

/// A compiled lesson.
#[derive(Debug, Clone)]
pub struct Lesson {
    /// `NN`.
    pub number: u32,
    /// The URL segment.
    pub slug: String,
    /// The folder.
    pub dir: PathBuf,
    /// `lessons/NN-slug` (for messages).
    pub rel_dir: String,
    /// The demos, in file-name order.
    pub demos: Vec<DemoSource>,
    /// `en.md`.
    pub en: Page,
    /// `zh.md`.
    pub zh: Page,
    /// A draft: the folder has demo files but neither `en.md` nor `zh.md`
    /// yet. Its demos are compiled and tested; it is not on the site.
    pub draft: bool,
}

impl Lesson {
    /// The page in `lang`.
    pub fn page(&self, lang: PageLang) -> &Page {
        match lang {
            PageLang::En => &self.en,
            PageLang::Zh => &self.zh,
        }
    }

    /// `lessons/NN-slug/en.md` or `…/zh.md`.
    pub fn file(&self, lang: PageLang) -> String {
        format!("{}/{}.md", self.rel_dir, lang.code())
    }
}

/// A demo file, read and checked.
#[derive(Debug, Clone)]
pub struct DemoSource {
    /// The file stem (`cleanup`).
    pub id: String,
    /// The Rust module it becomes (`l04_cleanup`).
    pub module: String,
    /// The file.
    pub path: PathBuf,
    /// The file relative to the repository (`lessons/04-x/cleanup.rs`).
    pub rel_path: String,
    /// File line of the first shown line.
    pub first_line: u32,
    /// The shown lines (between the ANCHOR lines).
    pub lines: Vec<String>,
    /// `predict_<id>` functions it defines (the `<id>` parts).
    pub predicts: Vec<String>,
    /// The knob names it declares (`Knob::int("n", …)` → `n`), read from
    /// the source so a predict's case can be checked at its own line.
    pub knobs: Vec<String>,
}

/// Finds `NN-slug` folders under `lessons_dir`, in order.
pub fn find_lessons(lessons_dir: &Path) -> Result<Vec<LessonDir>, String> {
    let mut out = Vec::new();
    let entries = fs::read_dir(lessons_dir)
        .map_err(|e| format!("cannot read {}: {e}", lessons_dir.display()))?;
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().to_string();
        let Some((num, slug)) = parse_folder_name(&name) else {
            continue;
        };
        if !entry.path().is_dir() {
            continue;
        }
        let mut demos: Vec<PathBuf> = fs::read_dir(entry.path())
            .map_err(|e| format!("cannot read {}: {e}", entry.path().display()))?
            .flatten()
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|x| x == "rs") && p.is_file())
            .collect();
        demos.sort();
        out.push(LessonDir {
            number: num,
            slug: slug.to_string(),
            dir: entry.path(),
            demos,
        });
    }
    out.sort_by_key(|l| l.number);
    for pair in out.windows(2) {
        if pair[0].number == pair[1].number {
            return Err(format!(
                "two lessons are numbered {:02}: {} and {}",
                pair[0].number,
                pair[0].name(),
                pair[1].name()
            ));
        }
    }
    Ok(out)
}

/// `04-break-and-cleanup` → `(4, "break-and-cleanup")`.
pub fn parse_folder_name(name: &str) -> Option<(u32, &str)> {
    let (num, slug) = name.split_once('-')?;
    if num.len() != 2 || !num.bytes().all(|b| b.is_ascii_digit()) || slug.is_empty() {
        return None;
    }
    if !slug
        .bytes()
        .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
    {
        return None;
    }
    Some((num.parse().ok()?, slug))
}

/// A problem at a line (if it has one) of a file.
pub type LineError = (Option<usize>, String);

/// The lines of a demo file between `// ANCHOR: demo` and
/// `// ANCHOR_END: demo`, and the 1-based file line of the first one.
/// Errors are `(line, message)`.
pub fn demo_region(source: &str) -> Result<(u32, Vec<&str>), LineError> {
    let lines: Vec<&str> = source.lines().collect();
    let find = |marker: &str| -> Result<usize, LineError> {
        let mut found = lines
            .iter()
            .enumerate()
            .filter(|(_, l)| l.trim() == marker)
            .map(|(i, _)| i);
        let first = found.next().ok_or_else(|| {
            (
                None,
                format!(
                    "no `{marker}` line: mark the code to show with `// ANCHOR: demo` … `// ANCHOR_END: demo`"
                ),
            )
        })?;
        if let Some(second) = found.next() {
            return Err((
                Some(second + 1),
                format!(
                    "a second `{marker}` line (the first is at line {})",
                    first + 1
                ),
            ));
        }
        Ok(first)
    };
    let start = find("// ANCHOR: demo")?;
    let end = find("// ANCHOR_END: demo")?;
    if end <= start {
        return Err((
            Some(end + 1),
            format!(
                "`// ANCHOR_END: demo` comes before `// ANCHOR: demo` (line {})",
                start + 1
            ),
        ));
    }
    if end == start + 1 {
        return Err((Some(end + 1), "the demo region is empty".into()));
    }
    Ok(((start + 2) as u32, lines[start + 1..end].to_vec()))
}

/// HTML escaping for text and attribute values (`&`, `<`, `>`, `"`, `'`),
/// with pulldown-cmark's own escaper (so the pages escape one way).
pub fn escape_html(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    pulldown_cmark_escape::escape_html(&mut out, s).expect("writing to a String cannot fail");
    out
}

/// The line of byte `offset` of `text`, whose first line is line `first_line`
/// of its file.
pub(crate) fn line_at(text: &str, offset: usize, first_line: usize) -> usize {
    let end = offset.min(text.len());
    first_line
        + text.as_bytes()[..end]
            .iter()
            .filter(|&&b| b == b'\n')
            .count()
}

/// An error of the `toml` crate as `(line, message)`: the line its span
/// starts on (`first_line` when it has none) and its message (without the
/// crate's excerpt of the source: the caller names the file and line). A
/// repeated key is named: "`title` is given twice".
pub(crate) fn toml_error(text: &str, first_line: usize, e: &toml::de::Error) -> (usize, String) {
    let span = e.span();
    let line = span
        .as_ref()
        .map_or(first_line, |s| line_at(text, s.start, first_line));
    let message = match span.as_ref().and_then(|s| text.get(s.clone())) {
        Some(key) if e.message() == "duplicate key" && !key.is_empty() => {
            format!("`{key}` is given twice")
        }
        _ => e.message().to_string(),
    };
    (line, message)
}

/// `path` relative to `root` with `/` separators, for messages.
fn rel(path: &Path, root: &Path) -> String {
    let p = path.strip_prefix(root).unwrap_or(path);
    p.components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}

/// Reads and checks one demo file.
fn read_demo(path: &Path, number: u32, root: &Path) -> Result<DemoSource, Diag> {
    let rel_path = rel(path, root);
    let diag = |line: Option<usize>, message: String| Diag {
        file: rel_path.clone(),
        line,
        message,
    };
    let stem = path
        .file_stem()
        .and_then(|s| s.to_str())
        .unwrap_or_default()
        .to_string();
    let valid = stem.starts_with(|c: char| c.is_ascii_lowercase())
        && stem
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_' || b == b'-');
    if !valid {
        return Err(diag(
            None,
            "a demo file name must be lowercase letters, digits, `_` or `-`, starting with a letter (it is the demo id)".into(),
        ));
    }
    let source =
        fs::read_to_string(path).map_err(|e| diag(None, format!("cannot read the file: {e}")))?;
    let (first_line, region) = demo_region(&source).map_err(|(line, m)| diag(line, m))?;
    let has = |needle: &[&str]| {
        source
            .lines()
            .any(|l| needle.iter().any(|n| l.trim_start().starts_with(n)))
    };
    if !has(&["pub const KNOBS", "pub static KNOBS"]) {
        return Err(diag(
            None,
            "no `pub const KNOBS: &[Knob]` (every demo declares its knobs; `&[]` if it has none)"
                .into(),
        ));
    }
    if !has(&["pub async fn run(", "pub fn run("]) {
        return Err(diag(None, "no `pub async fn run(k: Knobs)`".into()));
    }
    let predicts = source
        .lines()
        .filter_map(|l| {
            // `pub fn`, `pub(crate) fn`: the generated registry is in this crate.
            let l = l.trim_start();
            if !l.starts_with("pub") {
                return None;
            }
            let rest = &l[l.find("fn predict_")? + "fn predict_".len()..];
            let id: String = rest
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                .collect();
            (!id.is_empty()).then_some(id)
        })
        .collect();
    let knobs = knob_names(&source);
    Ok(DemoSource {
        module: format!("l{number:02}_{}", stem.replace('-', "_")),
        id: stem,
        path: path.to_path_buf(),
        rel_path,
        first_line,
        lines: region.iter().map(|l| l.to_string()).collect(),
        predicts,
        knobs,
    })
}

/// The first string literal after each `Knob::<constructor>(` in `source`:
/// the knob's name (the declarations may span lines).
fn knob_names(source: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = source;
    while let Some(at) = rest.find("Knob::") {
        rest = &rest[at + "Knob::".len()..];
        let ctor_len = rest
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
            .unwrap_or(rest.len());
        let after = rest[ctor_len..].trim_start();
        let Some(args) = after.strip_prefix('(') else {
            continue;
        };
        let Some(args) = args.trim_start().strip_prefix('"') else {
            continue;
        };
        if let Some(end) = args.find('"') {
            out.push(args[..end].to_string());
        }
    }
    out
}

/// Compiles one lesson folder; `root` is the repository root (for paths in
/// messages). All problems found are returned.
pub fn compile_lesson(dir: &LessonDir, root: &Path) -> Result<Lesson, Vec<Diag>> {
    let rel_dir = rel(&dir.dir, root);
    let mut diags = Vec::new();
    let mut demos: Vec<DemoSource> = Vec::new();
    for path in &dir.demos {
        match read_demo(path, dir.number, root) {
            Ok(d) => {
                if let Some(other) = demos.iter().find(|o| o.module == d.module) {
                    diags.push(Diag {
                        file: d.rel_path.clone(),
                        line: None,
                        message: format!(
                            "its module name `{}` clashes with {}",
                            d.module, other.rel_path
                        ),
                    });
                }
                demos.push(d);
            }
            Err(d) => diags.push(d),
        }
    }
    let ids: Vec<String> = dir
        .demos
        .iter()
        .filter_map(|p| p.file_stem().and_then(|s| s.to_str()).map(str::to_string))
        .collect();
    let has_predict = |demo: &str, id: &str| {
        demos
            .iter()
            .find(|d| d.id == demo)
            // A demo that failed to read is reported already; do not pile on.
            .is_none_or(|d| d.predicts.iter().any(|p| p == id))
    };
    let knobs_of = |demo: &str| -> Option<Vec<String>> {
        demos.iter().find(|d| d.id == demo).map(|d| d.knobs.clone())
    };
    let draft = !dir.dir.join("en.md").exists() && !dir.dir.join("zh.md").exists();
    let mut pages = Vec::new();
    for lang in [PageLang::En, PageLang::Zh] {
        if draft {
            pages.push(Page::default());
            continue;
        }
        let file = format!("{rel_dir}/{}.md", lang.code());
        let path = dir.dir.join(format!("{}.md", lang.code()));
        let text = match fs::read_to_string(&path) {
            Ok(t) => t,
            Err(e) => {
                let what = if e.kind() == std::io::ErrorKind::NotFound {
                    "missing: every lesson has both en.md and zh.md, with the same structure"
                        .to_string()
                } else {
                    format!("cannot read: {e}")
                };
                diags.push(Diag {
                    file,
                    line: None,
                    message: what,
                });
                pages.push(Page::default());
                continue;
            }
        };
        let cx = page::PageContext {
            file: &file,
            lang,
            demos: &ids,
            has_predict: &has_predict,
            knobs_of: &knobs_of,
        };
        match page::compile(&text, &cx) {
            Ok(p) => pages.push(p),
            Err(d) => {
                diags.extend(d);
                pages.push(Page::default());
            }
        }
    }
    if !diags.is_empty() {
        return Err(diags);
    }
    let zh = pages.pop().unwrap_or_default();
    let en = pages.pop().unwrap_or_default();
    Ok(Lesson {
        number: dir.number,
        slug: dir.slug.clone(),
        dir: dir.dir.clone(),
        rel_dir,
        demos,
        en,
        zh,
        draft,
    })
}

/// Compiles every lesson under `lessons_dir` (the `lessons` crate folder).
/// Returns the lessons that compiled and every problem found.
pub fn compile_all(lessons_dir: &Path) -> (Vec<Lesson>, Vec<Diag>) {
    let root = lessons_dir.parent().unwrap_or(lessons_dir);
    let dirs = match find_lessons(lessons_dir) {
        Ok(d) => d,
        Err(e) => {
            return (
                Vec::new(),
                vec![Diag {
                    file: rel(lessons_dir, root),
                    line: None,
                    message: e,
                }],
            )
        }
    };
    let mut lessons = Vec::new();
    let mut diags = Vec::new();
    for dir in &dirs {
        match compile_lesson(dir, root) {
            Ok(l) => lessons.push(l),
            Err(d) => diags.extend(d),
        }
    }
    // The glossary, and the links between pages.
    let file = rel(&lessons_dir.join("glossary.toml"), root);
    match glossary::read(lessons_dir, &file) {
        Ok(terms) => diags.extend(glossary::check(&lessons, &terms, &file)),
        Err(d) => diags.extend(d),
    }
    (lessons, diags)
}

/// What [`generate`] produces.
pub struct Generated {
    /// Files and folders whose change must re-run the build script —
    /// also when the build failed, so that fixing the file re-runs it.
    pub watched: Vec<PathBuf>,
    /// Problems that do not stop the build (draft lessons).
    pub warnings: Vec<Diag>,
    /// The registry source (`$OUT_DIR/lessons.rs`), or every error found.
    pub result: Result<String, Diags>,
}

/// Generates the registry source for the lessons under `manifest_dir` (the
/// `lessons` crate's folder).
pub fn generate(manifest_dir: &Path) -> Generated {
    let mut watched = vec![manifest_dir.to_path_buf()];
    let glossary_file = manifest_dir.join("glossary.toml");
    if glossary_file.exists() {
        watched.push(glossary_file);
    }
    if let Ok(dirs) = find_lessons(manifest_dir) {
        for d in dirs {
            // A path that does not exist would re-run the script on every
            // build; a new file shows up in its folder's scan anyway.
            watched.push(d.dir.clone());
            watched.extend(
                ["en.md", "zh.md"]
                    .map(|f| d.dir.join(f))
                    .into_iter()
                    .filter(|p| p.exists()),
            );
            watched.extend(d.demos.iter().cloned());
        }
    }
    let (lessons, diags) = compile_all(manifest_dir);
    let warnings = lessons
        .iter()
        .filter(|l| l.draft)
        .map(|l| Diag {
            file: l.rel_dir.clone(),
            line: None,
            message: "draft: no en.md or zh.md yet, so the lesson is not on the site (its demos are compiled and tested)".into(),
        })
        .collect();
    let result = if diags.is_empty() {
        let mut code = String::new();
        codegen::registry(&lessons, &mut code).expect("writing to a String cannot fail");
        // compile_all read it without errors.
        let terms = glossary::read(manifest_dir, "glossary.toml").unwrap_or_default();
        glossary::write_registry(&terms, &mut code).expect("writing to a String cannot fail");
        Ok(code)
    } else {
        Err(Diags(diags))
    };
    Generated {
        watched,
        warnings,
        result,
    }
}

#[cfg(test)]
mod tests;
