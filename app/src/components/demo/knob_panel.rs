//! The knobs of a demo: a number field, a checkbox or a list per knob, each
//! labelled with its words and its id (the name the text and the address
//! use, e.g. `break_at`), with
//! a clear message next to any value the demo cannot run with, and notices
//! for URL values that were ignored.
//!
//! Messages and values are rendered as text, never as HTML: they may come
//! from a link anyone can craft.

use leptos::prelude::*;
use lessons::{KnobError, KnobKind, Lang};

use super::{strings, DemoState};

/// The knob fields of a demo.
#[component]
pub fn KnobPanel(
    /// The panel's shared state.
    state: DemoState,
    /// The text of each knob's field, in `demo.knobs` order.
    texts: Vec<RwSignal<String>>,
    /// Each knob's current error, in the same order.
    errors: Vec<Memo<Option<KnobError>>>,
    /// URL values that were ignored, already worded.
    notices: Vec<String>,
) -> impl IntoView {
    let demo = state.demo;
    let lang = state.lang;
    let t = strings(lang);
    if demo.knobs.is_empty() && notices.is_empty() {
        return ().into_any();
    }
    let fields = demo
        .knobs
        .iter()
        .zip(texts)
        .zip(errors)
        .map(|((knob, text), error)| {
            let id = format!("demo-{}-{}-{}", state.uid, demo.id, knob.name);
            let err_id = format!("{id}-error");
            let label = match lang {
                Lang::En => knob.label_en,
                Lang::Zh => knob.label_zh,
            };
            let invalid = move || error.with(Option::is_some);
            // The field owns its text while the reader types; a value set
            // from outside (a predict question's case, a kept run) is
            // written into the field only when the two differ, so a
            // half-typed "-" or "2." is never wiped.
            let field = NodeRef::<leptos::html::Input>::new();
            Effect::watch(
                move || text.get(),
                move |v, _, _| {
                    if let Some(input) = field.get_untracked() {
                        if knob.kind != KnobKind::Bool && input.value() != *v {
                            input.set_value(v);
                        }
                    }
                },
                false,
            );
            let message = move || error.with(|e| e.as_ref().map(|e| (t.knob_error)(e)));
            let control = match knob.kind {
                KnobKind::Int { min, max, unit } => view! {
                    <input
                        node_ref=field
                        id=id.clone()
                        type="number"
                        inputmode="numeric"
                        min=min
                        max=max
                        step="1"
                        name=knob.name
                        // Set once, never written back: the field owns its
                        // text. Writing the parsed value back while the
                        // reader types "-3" or "2.5" wiped the half-typed
                        // "-" or "2." (a number field reads as "" then).
                        prop:value=text.get_untracked()
                        // The same as an attribute, for the page as built.
                        value=text.get_untracked()
                        on:input=move |ev| text.set(event_target_value(&ev))
                        aria-invalid=move || if invalid() { "true" } else { "false" }
                        aria-describedby=err_id.clone()
                    />
                    {(!unit.is_empty()).then(|| view! { <span class="knob-unit">{unit}</span> })}
                }
                .into_any(),
                KnobKind::Bool => view! {
                    <input
                        id=id.clone()
                        type="checkbox"
                        name=knob.name
                        checked=text.with_untracked(|v| knob.parse(v) == Ok(1))
                        prop:checked=move || text.with(|v| knob.parse(v) == Ok(1))
                        on:change=move |ev| {
                            text.set(if event_target_checked(&ev) { "1" } else { "0" }.to_string())
                        }
                        aria-describedby=err_id.clone()
                    />
                }
                .into_any(),
                KnobKind::Choice(choices) => view! {
                    <select
                        id=id.clone()
                        name=knob.name
                        prop:value=move || text.get()
                        on:change=move |ev| text.set(event_target_value(&ev))
                        aria-describedby=err_id.clone()
                    >
                        {choices
                            .iter()
                            .map(|c| {
                                let chosen = text.with_untracked(|v| v == c);
                                view! { <option value=*c selected=chosen>{*c}</option> }
                            })
                            .collect_view()}
                    </select>
                }
                .into_any(),
            };
            view! {
                <div class="knob" class:invalid=invalid data-knob=knob.name>
                    <label for=id>
                        {label} " " <code class="knob-id" translate="no">{knob.name}</code>
                    </label>
                    <span class="knob-control">{control}</span>
                    <span class="knob-error" id=err_id aria-live="polite">
                        {message}
                    </span>
                </div>
            }
        })
        .collect_view();
    let notices = notices
        .into_iter()
        .map(|n| view! { <p class="knob-notice" role="note">{n}</p> })
        .collect_view();
    view! {
        <fieldset class="demo-knobs">
            <legend>{t.knobs}</legend>
            {notices}
            <div class="knob-list">{fields}</div>
        </fieldset>
    }
    .into_any()
}
