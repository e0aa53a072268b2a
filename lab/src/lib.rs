//! The Stream Lab's pipelines, apart from any page.
//!
//! A [`model::Pipeline`] is what the reader builds: sources on tracks, a
//! chain of adapters from a menu, and a consumer loop. This crate gives it
//! every form the Lab needs, each derived from the one model:
//!
//! - its text forms: marble notation per track and the page's address;
//! - a run: the real adapters of the `futures` crate, built from the model
//!   and recorded by `trace` on the virtual or the live clock;
//! - the Rust that builds the same pipeline (compiled and run natively in
//!   the corpus test, whose trace must equal the Lab's), and the Python
//!   `async for` equivalent where one exists.
//!
//! The modules: [`model`] (the data), [`check`] (the type check and the
//! reader's error messages), [`value`] (the run-time item), [`run`] (the
//! real adapters on the recorder; its lane names), [`rust`] (the code).
//! The crate `lab/corpus` proves that [`rust`]'s code records [`run`]'s
//! trace.
//!
//! Nothing here knows about the page (that is the app's `lab` module).

pub mod check;
pub mod marbles;
pub mod model;
pub mod presets;
pub mod python;
pub mod run;
pub mod rust;
pub mod url;
pub mod value;

#[cfg(test)]
mod testgen;
