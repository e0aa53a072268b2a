//! Reusable components.
pub mod demo;
