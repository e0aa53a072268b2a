//! Generates the lesson registry (`$OUT_DIR/lessons.rs`) from the lesson
//! folders `lessons/NN-slug/`. The heavy lifting (Markdown, highlighting,
//! custom blocks) is in the `lesson-build` crate so it can be tested natively.

use std::{env, fs, path::PathBuf};

fn main() {
    let manifest =
        PathBuf::from(env::var("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR"));
    let out = PathBuf::from(env::var("OUT_DIR").expect("cargo sets OUT_DIR")).join("lessons.rs");
    match lesson_build::generate(&manifest) {
        Ok(gen) => {
            for path in &gen.watched {
                println!("cargo:rerun-if-changed={}", path.display());
            }
            fs::write(&out, gen.code).expect("OUT_DIR is writable");
        }
        Err(e) => {
            // A broken lesson must not hide the others' errors behind a panic
            // backtrace: say what is wrong and where.
            println!("cargo:warning=lesson build failed: {e}");
            eprintln!("error: {e}");
            std::process::exit(1);
        }
    }
}
