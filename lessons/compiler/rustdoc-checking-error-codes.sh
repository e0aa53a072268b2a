#!/bin/sh
# rustdoc, as configured in .cargo/config.toml (`build.rustdoc`).
#
# Stable rustdoc accepts ```rust,compile_fail,E0277 blocks that fail with
# *any* error; it only checks the error code on a nightly compiler. The
# lessons quote real error codes, so their doc tests must check them: this
# runs the same rustdoc with RUSTC_BOOTSTRAP=1, which turns that check on.
# Nothing else changes (rustc builds do not go through rustdoc), and the
# lessons' doc tests use no unstable features.
RUSTC_BOOTSTRAP=1 exec "${LESSONS_REAL_RUSTDOC:-rustdoc}" "$@"
