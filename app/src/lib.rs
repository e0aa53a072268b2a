//! The Async Iteration Lab website: a Leptos client-side-rendered app.
//!
//! Components live in modules here (not in `main.rs`) so that browser tests
//! in `tests/web.rs` can mount them.

pub mod components;

use leptos::prelude::*;

/// Installs the panic hook and mounts [`App`] on `<body>`.
pub fn start() {
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(App);
}

/// The whole site.
#[component]
pub fn App() -> impl IntoView {
    view! { <h1>"Async Iteration Lab · 异步迭代实验室"</h1> }
}
