//! The Stream Lab's proof that its code is honest: every pipeline of
//! [`pipelines::corpus`] is written out as the Rust the Lab shows
//! (`lab::rust::rust_code`, by `build.rs`), compiled here as module `pN`,
//! and run natively on the virtual clock; its trace must equal the Lab's
//! own run of the model (`lab::run::run_virtual`): the same lanes and the
//! same events (kind, lane, value, time) in the same order.
//!
//! Not here: the Lab's unit tests (in `lab`), or anything the page uses.

pub mod pipelines;

/// The generated modules `p0`, `p1` … and their table [`generated::NATIVE`].
/// The shown code must compile without a warning (an unused import is a
/// reader's first annoyance); clippy's style lints are the reader's call.
#[deny(warnings)]
#[allow(clippy::all)]
pub mod generated {
    include!(concat!(env!("OUT_DIR"), "/corpus.rs"));
}

#[cfg(test)]
mod tests;
