//! Content checks over every lesson folder: the two languages match in
//! structure, every Python block prints what the page says, and every
//! curriculum myth is corrected somewhere (or listed as left out, with why).
//!
//! They re-read the lessons with `lesson-build`, the same compiler the build
//! script uses, so a line number here is a line in the lesson's file.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;

use lesson_build::checks::{self, PythonSnippet};
use lesson_build::{compile_all, Lesson};

fn lessons_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The lessons, or a failure listing every error (the build reports the
/// same ones, so this only fires if the build was skipped).
fn lessons() -> Vec<Lesson> {
    let (lessons, diags) = compile_all(&lessons_dir());
    if !diags.is_empty() {
        let list: Vec<String> = diags.iter().map(ToString::to_string).collect();
        panic!("the lessons do not compile:\n{}", list.join("\n"));
    }
    lessons
}

fn fail_with(problems: &[String], what: &str) {
    assert!(
        problems.is_empty(),
        "{} {what}:\n\n{}\n",
        problems.len(),
        problems.join("\n\n")
    );
}

#[test]
fn every_lesson_has_both_languages_with_the_same_structure() {
    let mut problems = Vec::new();
    for l in lessons() {
        if l.draft {
            problems.push(format!(
                "{}: no en.md and no zh.md yet (a draft: its demos build, but it is not on the site)",
                l.rel_dir
            ));
            continue;
        }
        if let Err(e) = checks::compare_structure(&l) {
            problems.push(e);
        }
    }
    fail_with(
        &problems,
        "lesson(s) are incomplete or differ between en.md and zh.md",
    );
}

#[test]
fn python_blocks_print_what_the_page_says() {
    let python = checks::find_python().unwrap_or_else(|e| panic!("{e}"));
    let snippets: Vec<PythonSnippet> = lessons().iter().flat_map(checks::python_snippets).collect();
    // The two languages usually show the same code: run each once, at the
    // first place it appears.
    let mut first_place: HashMap<(&str, Option<&str>), usize> = HashMap::new();
    fn key(s: &PythonSnippet) -> (&str, Option<&str>) {
        (&s.code, s.expected.as_ref().map(|(o, _)| o.as_str()))
    }
    let distinct: Vec<usize> = (0..snippets.len())
        .filter(|&i| *first_place.entry(key(&snippets[i])).or_insert(i) == i)
        .collect();
    // Most of their time is `asyncio.sleep`: run several at once.
    let results: Vec<Mutex<Option<Result<(), String>>>> =
        distinct.iter().map(|_| Mutex::new(None)).collect();
    let next = AtomicUsize::new(0);
    std::thread::scope(|scope| {
        for _ in 0..8 {
            scope.spawn(|| loop {
                let j = next.fetch_add(1, Ordering::Relaxed);
                let Some(&i) = distinct.get(j) else { break };
                let r = checks::check_python(&python, &snippets[i]);
                *results[j].lock().expect("no panics while holding it") = Some(r);
            });
        }
    });
    let mut problems = Vec::new();
    for (j, &i) in distinct.iter().enumerate() {
        let result = results[j]
            .lock()
            .expect("no panics while holding it")
            .take();
        if let Some(Err(e)) = result {
            problems.push(e);
            let first = &snippets[i];
            for s in snippets.iter().skip(i + 1).filter(|s| key(s) == key(first)) {
                problems.push(format!(
                    "{}:{}: the same code and output as {}:{}, which fails (above)",
                    s.file, s.line, first.file, first.line
                ));
            }
        }
    }
    fail_with(&problems, "Python block(s) do not do what the page says");
    eprintln!(
        "checked {} Python blocks ({} distinct)",
        snippets.len(),
        distinct.len()
    );
}

#[test]
fn every_myth_is_corrected_or_listed_as_left_out() {
    let path = lessons_dir().join("myths-left-out.toml");
    let left_out = checks::read_left_out(&path).unwrap_or_else(|e| panic!("{e}"));
    let problems = checks::check_myth_coverage(&lessons(), &left_out);
    fail_with(&problems, "myth(s) are not covered");
}

#[test]
fn the_site_has_every_compiled_lesson() {
    // What the build put into `LESSONS` is what this re-reading finds
    // (drafts excluded), in the same order.
    let expected: Vec<(u32, String)> = lessons()
        .into_iter()
        .filter(|l| !l.draft)
        .map(|l| (l.number, l.slug))
        .collect();
    let actual: Vec<(u32, String)> = lessons::LESSONS
        .iter()
        .map(|l| (l.number, l.slug.to_string()))
        .collect();
    assert_eq!(actual, expected);
    for l in lessons::LESSONS {
        for lang in lessons::Lang::ALL {
            let p = l.page(lang);
            assert!(!p.title.is_empty() && !p.summary.is_empty());
            assert!(Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("..")
                .join(l.demos.first().map_or("", |d| d.path))
                .exists());
        }
    }
}
