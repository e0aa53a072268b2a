//! Generates the lesson registry (`$OUT_DIR/lessons.rs`) from the lesson
//! folders `lessons/NN-slug/`. The heavy lifting (Markdown, highlighting,
//! custom blocks) is in the `lesson-compiler` crate (`lessons/compiler/`) so
//! it can be tested natively.

use std::{env, fs, path::PathBuf};

fn main() {
    let manifest =
        PathBuf::from(env::var("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR"));
    let out = PathBuf::from(env::var("OUT_DIR").expect("cargo sets OUT_DIR")).join("lessons.rs");
    let gen = lesson_compiler::generate(&manifest);
    // Printed on failure too: fixing the lesson must re-run this script.
    for path in &gen.watched {
        println!("cargo:rerun-if-changed={}", path.display());
    }
    for w in &gen.warnings {
        println!("cargo:warning={w}");
    }
    // Where each traced value is dropped (`src/drops.rs`).
    let drops_out = out.with_file_name("drops.rs");
    let drops_ok = match lesson_compiler::drops::generate(&manifest) {
        Ok(code) => {
            if fs::read_to_string(&drops_out).ok().as_deref() != Some(code.as_str()) {
                fs::write(&drops_out, code).expect("OUT_DIR is writable");
            }
            true
        }
        Err(diags) => {
            for d in &diags.0 {
                println!("cargo:warning={d}");
            }
            eprintln!("error: the drop analysis cannot place every drop:\n{diags}");
            false
        }
    };
    match gen.result {
        Ok(code) => {
            // Rewriting an unchanged file would only cost a recompile.
            if fs::read_to_string(&out).ok().as_deref() != Some(code.as_str()) {
                fs::write(&out, code).expect("OUT_DIR is writable");
            }
        }
        Err(diags) => {
            // Say what is wrong and where, once per problem, without a
            // panic backtrace in the way.
            for d in &diags.0 {
                println!("cargo:warning={d}");
            }
            eprintln!("error: the lessons do not build:\n{diags}");
            std::process::exit(1);
        }
    }
    if !drops_ok {
        std::process::exit(1);
    }
}
