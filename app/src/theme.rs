//! Light and dark themes: follow the system by default; a remembered choice
//! overrides it.
//!
//! The choice is `data-theme="light|dark"` on `<html>` (absent: system) and
//! `lab.theme` in storage. `style/boot.js` applies the same key and attribute
//! before the app loads, so the page does not flash; the colours themselves
//! are CSS custom properties in `style/main.css`.

use leptos::prelude::*;

use crate::i18n::Ui;
use crate::storage;

/// The reader's theme choice.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ThemePref {
    /// Follow `prefers-color-scheme`.
    #[default]
    System,
    /// Always light.
    Light,
    /// Always dark.
    Dark,
}

impl ThemePref {
    /// From the stored value; unknown or missing values mean [`ThemePref::System`].
    pub fn from_stored(value: Option<&str>) -> Self {
        match value {
            Some("light") => Self::Light,
            Some("dark") => Self::Dark,
            _ => Self::System,
        }
    }

    /// The stored value and `data-theme` attribute (`None`: remove them).
    pub fn stored(self) -> Option<&'static str> {
        match self {
            Self::System => None,
            Self::Light => Some("light"),
            Self::Dark => Some("dark"),
        }
    }

    /// The choice after this one when the toggle is pressed.
    pub fn next(self) -> Self {
        match self {
            Self::System => Self::Light,
            Self::Light => Self::Dark,
            Self::Dark => Self::System,
        }
    }

    /// The name shown on the toggle.
    pub fn label(self, ui: &Ui) -> &'static str {
        match self {
            Self::System => ui.theme_system,
            Self::Light => ui.theme_light,
            Self::Dark => ui.theme_dark,
        }
    }
}

/// The theme choice, shared through context.
#[derive(Debug, Clone, Copy)]
pub struct Theme(pub RwSignal<ThemePref>);

impl Theme {
    /// Sets, applies and remembers a choice.
    pub fn set(&self, pref: ThemePref) {
        apply(pref);
        match pref.stored() {
            Some(v) => storage::set(storage::THEME_KEY, v),
            None => storage::remove(storage::THEME_KEY),
        }
        self.0.set(pref);
    }
}

/// Sets or removes `data-theme` on `<html>`.
fn apply(pref: ThemePref) {
    if crate::is_static() {
        return;
    }
    let Some(root) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.document_element())
    else {
        return;
    };
    let _ = match pref.stored() {
        Some(v) => root.set_attribute("data-theme", v),
        None => root.remove_attribute("data-theme"),
    };
    // The browser's bar follows (style/boot.js made the meta).
    let system_dark = web_sys::window()
        .and_then(|w| w.match_media("(prefers-color-scheme: dark)").ok().flatten())
        .is_some_and(|m| m.matches());
    let dark = match pref {
        ThemePref::Dark => true,
        ThemePref::Light => false,
        ThemePref::System => system_dark,
    };
    if let Some(meta) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.query_selector("meta[name=theme-color]").ok().flatten())
    {
        let _ = meta.set_attribute("content", if dark { THEME_DARK } else { THEME_LIGHT });
    }
}

/// The browser bar's colour in each theme (the page background; the same
/// values as style/boot.js).
const THEME_LIGHT: &str = "#fbfaf7";
const THEME_DARK: &str = "#141619";

/// Reads the saved choice and provides [`Theme`]. Call once, in [`crate::App`].
pub fn provide_theme() {
    let pref = ThemePref::from_stored(storage::get(storage::THEME_KEY).as_deref());
    apply(pref);
    provide_context(Theme(RwSignal::new(pref)));
}

/// The [`Theme`] that [`provide_theme`] provided.
pub fn use_theme() -> Theme {
    expect_context::<Theme>()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cycles_through_all_three() {
        let mut p = ThemePref::System;
        let mut seen = vec![];
        for _ in 0..3 {
            seen.push(p);
            p = p.next();
        }
        assert_eq!(p, ThemePref::System);
        assert_eq!(seen, [ThemePref::System, ThemePref::Light, ThemePref::Dark]);
    }

    #[test]
    fn stored_round_trip() {
        for p in [ThemePref::System, ThemePref::Light, ThemePref::Dark] {
            assert_eq!(ThemePref::from_stored(p.stored()), p);
        }
        assert_eq!(ThemePref::from_stored(Some("solarized")), ThemePref::System);
    }
}
