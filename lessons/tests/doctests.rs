//! The lessons' ```` ```rust ```` blocks are compiled as doc tests of this
//! crate (`cargo test -p lessons --doc`, part of `cargo test -p lessons`).
//! These tests check the machinery: that every block became a doc test, and
//! that a `compile_fail,E0277` block failing with another error fails —
//! which stable rustdoc would let pass, hence the wrapper configured in
//! `.cargo/config.toml` — and that the wrapper leaves other crates alone.

use std::path::{Path, PathBuf};
use std::process::Command;

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("lessons/ is in the repository")
        .to_path_buf()
}

const WRAPPER: &str = "lessons/compiler/rustdoc-checking-error-codes.sh";

#[test]
fn cargo_uses_the_rustdoc_that_checks_error_codes() {
    let config = std::fs::read_to_string(repo().join(".cargo/config.toml"))
        .expect(".cargo/config.toml exists");
    assert!(
        config.contains(&format!("rustdoc = \"{WRAPPER}\"")),
        ".cargo/config.toml must set `[build] rustdoc = \"{WRAPPER}\"`, or the lessons' compile_fail error codes go unchecked"
    );
}

/// Runs the wrapper on a fixture as cargo runs it for the crate `crate_name`.
fn rustdoc_test(fixture: &str, crate_name: &str) -> (bool, String) {
    let md = repo()
        .join("lessons/compiler/tests/fixtures/rustdoc")
        .join(fixture);
    let out = Command::new(repo().join(WRAPPER))
        .args(["--edition", "2021", "--crate-name", crate_name, "--test"])
        .arg(&md)
        // Only the wrapper may turn the check on.
        .env_remove("RUSTC_BOOTSTRAP")
        .output()
        .unwrap_or_else(|e| panic!("cannot run {WRAPPER}: {e}"));
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    (out.status.success(), text)
}

#[test]
fn a_compile_fail_block_with_the_wrong_error_code_fails() {
    let (ok, out) = rustdoc_test("wrong-error-code.md", "lessons");
    assert!(
        !ok,
        "the doc test passed although the error code is wrong:\n{out}"
    );
    assert!(
        out.contains("Some expected error codes were not found: [\"E0277\"]"),
        "{out}"
    );
    let (ok, out) = rustdoc_test("right-error-code.md", "lessons");
    assert!(ok, "{out}");
    assert!(out.contains("2 passed"), "{out}");
}

#[test]
fn other_crates_get_plain_stable_rustdoc() {
    // Without RUSTC_BOOTSTRAP, stable rustdoc does not check the code: the
    // wrapper left this crate's doc tests alone.
    let (ok, out) = rustdoc_test("wrong-error-code.md", "trace");
    assert!(
        ok,
        "the wrapper changed the doc tests of a crate other than `lessons`:\n{out}"
    );
}

#[test]
fn every_rust_block_is_a_doc_test() {
    let generated = std::fs::read_to_string(Path::new(env!("OUT_DIR")).join("lessons.rs"))
        .expect("the build script wrote lessons.rs");
    let (lessons, _) = lesson_compiler::compile_all(Path::new(env!("CARGO_MANIFEST_DIR")));
    for l in lessons.iter().filter(|l| !l.draft) {
        let mut distinct: Vec<(&str, &str)> = Vec::new();
        for lang in [lesson_compiler::PageLang::En, lesson_compiler::PageLang::Zh] {
            for b in l.page(lang).code.iter().filter(|b| b.lang == "rust") {
                if !distinct.contains(&(b.info.as_str(), b.code.as_str())) {
                    distinct.push((&b.info, &b.code));
                }
                assert!(
                    generated.contains(&format!("{} line {}", l.file(lang), b.line)),
                    "{}:{}: this rust block is not among the doc tests",
                    l.file(lang),
                    b.line
                );
            }
        }
        let prefix = format!("pub struct L{:02}_", l.number);
        assert_eq!(
            generated.matches(&prefix).count(),
            distinct.len(),
            "{}: doc test count",
            l.rel_dir
        );
    }
}
