//! Content checks over every lesson folder: the two languages match in
//! structure, every Python block prints what the page says (on Python 3.11,
//! 3.12 and 3.13), and every myth of `docs/myths.md` has its box in the
//! lessons the table names.
//!
//! They re-read the lessons with `lesson-compiler`, the same compiler the build
//! script uses, so a line number here is a line in the lesson's file.

use std::path::{Path, PathBuf};

use lesson_compiler::checks::{self, PythonSnippet};
use lesson_compiler::{compile_all, Lesson};

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
    // Every version must be there: a missing one fails with how to install it.
    let pythons = checks::find_pythons().unwrap_or_else(|e| panic!("{e}"));
    let snippets: Vec<PythonSnippet> = lessons().iter().flat_map(checks::python_snippets).collect();
    // Most of a run is interpreter start-up: run several at once.
    let (problems, times) = checks::check_all_python(&pythons, &snippets, 6);
    fail_with(&problems, "Python block(s) do not do what the page says");
    eprintln!(
        "checked {} Python blocks ({} distinct) on Python {}",
        snippets.len(),
        times.len(),
        pythons
            .iter()
            .map(|p| p.version)
            .collect::<Vec<_>>()
            .join(", ")
    );
}

/// The project's own myth table.
fn myth_table() -> Vec<checks::MythRow> {
    let path = lessons_dir().join("../docs/myths.md");
    checks::read_myth_table(&path).unwrap_or_else(|e| panic!("{e}"))
}

#[test]
fn every_myth_of_docs_myths_md_is_corrected_where_the_table_says() {
    let table = myth_table();
    // The myths are M1…Mn, all of them, and the compiler accepts exactly those.
    let ids: Vec<u32> = table.iter().map(|r| r.myth).collect();
    let n = ids.len() as u32;
    assert_eq!(
        ids,
        (1..=n).collect::<Vec<_>>(),
        "docs/myths.md: ids M1…M{n}"
    );
    assert_eq!(
        n,
        lesson_compiler::page::MAX_MYTH,
        "docs/myths.md has {n} myths: set page::MAX_MYTH to match"
    );
    let path = lessons_dir().join("myths-left-out.toml");
    let left_out = checks::read_left_out(&path).unwrap_or_else(|e| panic!("{e}"));
    let found = checks::check_myth_coverage(&lessons(), &table, &left_out);
    for note in &found.notes {
        eprintln!("note: {note}");
    }
    fail_with(
        &found.problems,
        "myth(s) are not corrected where docs/myths.md says",
    );
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

#[test]
fn the_glossary_is_on_the_site() {
    let file = "lessons/glossary.toml";
    let terms = lesson_compiler::glossary::read(&lessons_dir(), file).unwrap_or_else(|d| {
        let list: Vec<String> = d.iter().map(ToString::to_string).collect();
        panic!("{}", list.join("\n"))
    });
    assert!(terms.len() >= 35, "the glossary has {} terms", terms.len());
    let ids: Vec<&str> = terms.iter().map(|t| t.id.as_str()).collect();
    let on_site: Vec<&str> = lessons::GLOSSARY.iter().map(|t| t.id).collect();
    assert_eq!(on_site, ids);
    for t in lessons::GLOSSARY {
        assert!(
            lessons::by_slug(t.lesson).is_some(),
            "{}: {}",
            t.id,
            t.lesson
        );
        for lang in lessons::Lang::ALL {
            assert!(!t.name(lang).is_empty() && !t.definition(lang).is_empty());
        }
    }
}
