//! `cargo run -p lesson-compiler --bin lesson-check [-- --python] [lessons-dir]`
//!
//! Checks the lesson folders quickly, without compiling any Rust: Markdown
//! and front matter errors, en/zh structure, myth coverage and, with
//! `--python`, the Python blocks' output on Python 3.11, 3.12 and 3.13. The same checks run in
//! `cargo test -p lessons`; this is the fast loop while writing.

use std::path::PathBuf;
use std::process::ExitCode;

use lesson_compiler::checks;

fn main() -> ExitCode {
    let mut python = false;
    let mut dir = None;
    for arg in std::env::args().skip(1) {
        match arg.as_str() {
            "--python" => python = true,
            "-h" | "--help" => {
                println!("usage: lesson-check [--python] [lessons-dir]");
                return ExitCode::SUCCESS;
            }
            other => dir = Some(PathBuf::from(other)),
        }
    }
    let dir = dir.unwrap_or_else(|| PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/..")));
    // Messages show paths relative to the folder above the lessons.
    let dir = dir.canonicalize().unwrap_or(dir);
    let (lessons, diags) = lesson_compiler::compile_all(&dir);
    let mut problems: Vec<String> = diags.iter().map(ToString::to_string).collect();
    for l in &lessons {
        if l.draft {
            problems.push(format!("{}: draft (no en.md or zh.md yet)", l.rel_dir));
        } else if let Err(e) = checks::compare_structure(l) {
            problems.push(e);
        }
    }
    let table = checks::read_myth_table(&dir.join("../docs/myths.md"));
    match (
        table,
        checks::read_left_out(&dir.join("myths-left-out.toml")),
    ) {
        (Ok(table), Ok(left)) => {
            let found = checks::check_myth_coverage(&lessons, &table, &left);
            for note in &found.notes {
                println!("note: {note}\n");
            }
            problems.extend(found.problems);
        }
        (Err(e), _) | (_, Err(e)) => problems.push(e),
    }
    if python {
        match checks::find_pythons() {
            Ok(pys) => {
                let snippets: Vec<_> = lessons.iter().flat_map(checks::python_snippets).collect();
                let start = std::time::Instant::now();
                let (found, mut slow) = checks::check_all_python(&pys, &snippets, 6);
                problems.extend(found);
                slow.sort();
                let versions: Vec<&str> = pys.iter().map(|p| p.version).collect();
                println!(
                    "{} Python blocks ({} distinct) on Python {} in {:.1} s; the slowest (all versions):",
                    snippets.len(),
                    slow.len(),
                    versions.join(", "),
                    start.elapsed().as_secs_f64()
                );
                for (d, at) in slow.iter().rev().take(5) {
                    println!("  {:.1} s  {at}", d.as_secs_f64());
                }
                println!();
            }
            Err(e) => problems.push(e),
        }
    }
    let pages = lessons.iter().filter(|l| !l.draft).count();
    for p in &problems {
        println!("{p}\n");
    }
    println!(
        "{} lesson folders ({pages} with text), {} problems",
        lessons.len(),
        problems.len()
    );
    if problems.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}
