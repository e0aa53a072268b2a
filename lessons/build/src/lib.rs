//! The lesson compiler, run on the host by `lessons/build.rs`: finds the
//! lesson folders, renders their Markdown to HTML and writes the Rust source
//! of the registry (`LESSONS`), including each demo file as a module.
//!
//! Not for the browser: nothing here ships in the wasm.

use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};

/// The generated registry source and the files it was made from.
pub struct Generated {
    /// Rust source for `$OUT_DIR/lessons.rs`.
    pub code: String,
    /// Files and folders whose change must re-run the build script.
    pub watched: Vec<PathBuf>,
}

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
            .filter(|p| p.extension().is_some_and(|x| x == "rs"))
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
                pair[0].number, pair[0].slug, pair[1].slug
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

/// The lines of a demo file between `// ANCHOR: demo` and
/// `// ANCHOR_END: demo`, and the 1-based file line of the first one.
pub fn demo_region(source: &str) -> Result<(u32, Vec<&str>), String> {
    let lines: Vec<&str> = source.lines().collect();
    let start = lines
        .iter()
        .position(|l| l.trim() == "// ANCHOR: demo")
        .ok_or("no `// ANCHOR: demo` line")?;
    let end = lines
        .iter()
        .position(|l| l.trim() == "// ANCHOR_END: demo")
        .ok_or("no `// ANCHOR_END: demo` line")?;
    if end <= start {
        return Err("`// ANCHOR_END: demo` comes before `// ANCHOR: demo`".into());
    }
    Ok(((start + 2) as u32, lines[start + 1..end].to_vec()))
}

/// Minimal HTML escaping for text and attribute values.
pub fn escape_html(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// Generates the registry for the lessons under `manifest_dir` (the
/// `lessons` crate's folder).
pub fn generate(manifest_dir: &Path) -> Result<Generated, String> {
    let lessons = find_lessons(manifest_dir)?;
    let mut watched = vec![manifest_dir.to_path_buf()];
    let mut modules = String::new();
    let mut entries = String::new();
    for lesson in &lessons {
        watched.push(lesson.dir.clone());
        let mut demos = String::new();
        for demo in &lesson.demos {
            watched.push(demo.clone());
            let stem = demo
                .file_stem()
                .and_then(|s| s.to_str())
                .ok_or_else(|| format!("bad demo file name {}", demo.display()))?;
            let module = format!("l{:02}_{}", lesson.number, stem.replace('-', "_"));
            let source = fs::read_to_string(demo)
                .map_err(|e| format!("cannot read {}: {e}", demo.display()))?;
            let (first_line, region) =
                demo_region(&source).map_err(|e| format!("{}: {e}", demo.display()))?;
            writeln!(
                modules,
                "#[path = {:?}]\npub mod {module};",
                demo.display().to_string()
            )
            .expect("writing to a String");
            let rel = format!(
                "lessons/{}/{}",
                lesson
                    .dir
                    .file_name()
                    .map(|s| s.to_string_lossy())
                    .unwrap_or_default(),
                demo.file_name()
                    .map(|s| s.to_string_lossy())
                    .unwrap_or_default()
            );
            let html: Vec<String> = region.iter().map(|l| escape_html(l)).collect();
            writeln!(
                demos,
                "Demo {{ id: {stem:?}, knobs: {module}::KNOBS, run: |k| ::std::boxed::Box::pin({module}::run(k)), \
                 code: &{html:?}, code_text: &{region:?}, first_line: {first_line}, path: {rel:?} }},"
            )
            .expect("writing to a String");
        }
        let page = |lang: &str| -> Result<String, String> {
            let path = lesson.dir.join(format!("{lang}.md"));
            let text = fs::read_to_string(&path).unwrap_or_default();
            let title = front_value(&text, "title").unwrap_or_else(|| lesson.slug.clone());
            let summary = front_value(&text, "summary").unwrap_or_default();
            Ok(format!(
                "Page {{ title: {title:?}, summary: {summary:?}, blocks: &[], toc: &[] }}"
            ))
        };
        writeln!(
            entries,
            "Lesson {{ number: {}, slug: {:?}, en: {}, zh: {}, demos: &[{demos}] }},",
            lesson.number,
            lesson.slug,
            page("en")?,
            page("zh")?
        )
        .expect("writing to a String");
    }
    let code = format!("{modules}\npub static LESSONS: &[Lesson] = &[\n{entries}];\n");
    Ok(Generated { code, watched })
}

/// A `key = "value"` line of TOML front matter (placeholder parser).
fn front_value(text: &str, key: &str) -> Option<String> {
    let body = text.strip_prefix("+++")?;
    let end = body.find("\n+++")?;
    body[..end].lines().find_map(|l| {
        let (k, v) = l.split_once('=')?;
        (k.trim() == key).then(|| v.trim().trim_matches('"').to_string())
    })
}
