//! The theme button: system → light → dark → system, remembered.

use leptos::prelude::*;
use lessons::Lang;

use crate::i18n::ui;
use crate::theme::{use_theme, ThemePref};

/// A button that cycles the theme and shows the current choice.
#[component]
pub fn ThemeToggle(
    /// The page language.
    lang: Lang,
) -> impl IntoView {
    let t = ui(lang);
    let theme = use_theme();
    let pref = theme.0;
    let icon = move || match pref.get() {
        ThemePref::System => "◐",
        ThemePref::Light => "☀",
        ThemePref::Dark => "☾",
    };
    view! {
        <button
            type="button"
            class="theme-toggle"
            title=t.theme_hint
            data-theme-choice=move || pref.get().stored().unwrap_or("system")
            on:click=move |_| theme.set(pref.get_untracked().next())
        >
            <span class="theme-icon" aria-hidden="true">
                {icon}
            </span>
            <span class="theme-label">
                {format!("{}{}", t.theme, t.colon)} {move || pref.get().label(t)}
            </span>
        </button>
    }
}
