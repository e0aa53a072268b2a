//! The browser side of the live clock.

/// `performance.now()` in ms; 0 if the page has no `Performance` (never in
/// a browser, but a worker or a test shim might lack it).
pub(crate) fn performance_now() -> f64 {
    web_sys::window()
        .and_then(|w| w.performance())
        .map_or(0.0, |p| p.now())
}
