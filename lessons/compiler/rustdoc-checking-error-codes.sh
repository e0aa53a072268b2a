#!/bin/sh
# rustdoc, as configured in .cargo/config.toml (`build.rustdoc`). Cargo runs
# it for every crate of the workspace, but it changes something only for the
# crate `lessons`, whose doc tests are the lessons' ```rust blocks.
#
# Stable rustdoc accepts ```rust,compile_fail,E0277 blocks that fail with
# *any* error; it only checks the error code on a nightly compiler. The
# lessons quote real error codes, so their doc tests must check them: when
# the crate being documented or tested is `lessons` (cargo passes
# `--crate-name lessons`), this runs rustdoc with RUSTC_BOOTSTRAP=1, which
# turns that check on. Every other call (other crates, `rustdoc -vV`) goes to
# plain stable rustdoc, unchanged, so no other crate's doc tests run with
# RUSTC_BOOTSTRAP. rustc builds do not go through rustdoc, and the lessons'
# doc tests use no unstable features.
real="${LESSONS_REAL_RUSTDOC:-rustdoc}"
prev=
for arg in "$@"; do
    if { [ "$prev" = "--crate-name" ] && [ "$arg" = "lessons" ]; } || [ "$arg" = "--crate-name=lessons" ]; then
        RUSTC_BOOTSTRAP=1 exec "$real" "$@"
    fi
    prev=$arg
done
exec "$real" "$@"
