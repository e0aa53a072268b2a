//! Guarded access to `localStorage`.
//!
//! Storage can be missing (`window.localStorage` is `null` in some embedded
//! views), throw (privacy modes, blocked cookies) or be full. The site works
//! without it: every read here returns `None` and every write is best-effort.
//!
//! Keys (all prefixed `lab.`): `lab.lang`, `lab.theme` (also read by
//! `style/boot.js` before the app loads), `lab.visited`, `lab.last`.

/// The saved language choice (`en` / `zh`).
pub const LANG_KEY: &str = "lab.lang";
/// The saved theme (`light` / `dark`; absent: follow the system).
pub const THEME_KEY: &str = "lab.theme";
/// Visited lessons (see [`crate::progress`]).
pub const VISITED_KEY: &str = "lab.visited";
/// The last reading position (see [`crate::progress`]).
pub const LAST_KEY: &str = "lab.last";

fn storage() -> Option<web_sys::Storage> {
    // Nothing is remembered while a page is rendered at build time.
    if crate::is_static() {
        return None;
    }
    web_sys::window()?.local_storage().ok().flatten()
}

/// The value under `key`, if storage works and has one.
pub fn get(key: &str) -> Option<String> {
    storage()?.get_item(key).ok().flatten()
}

/// Stores `value` under `key`; ignores a storage that refuses.
pub fn set(key: &str, value: &str) {
    if let Some(s) = storage() {
        // A full or blocked storage is not the reader's problem: the site
        // works without it, it only forgets.
        let _ = s.set_item(key, value);
    }
}

/// Removes `key`; ignores a storage that refuses.
pub fn remove(key: &str) {
    if let Some(s) = storage() {
        let _ = s.remove_item(key);
    }
}
