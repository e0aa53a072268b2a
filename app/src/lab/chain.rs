//! The chain of adapters (each with its parameters, moved or removed by
//! buttons, the check's message at the stage it names), the menu that adds
//! one, and the consumer loop's two numbers.

use lab::check::Place;
use lab::model::{Consumer, Stage, MAX_STAGES};
use leptos::prelude::*;

use super::params::{self, Field};
use super::strings::strings;
use super::track::NumberField;
use super::view::Lab;

/// The adapters in order, and the menu to add one.
#[component]
pub fn StageChain(lab: Lab) -> impl IntoView {
    let t = strings(lab.lang);
    let n = Memo::new(move |_| lab.pipeline.with(|p| p.stages.len()));
    // One row per stage, redrawn when that stage changes.
    let rows = move || {
        (0..n.get())
            .map(|i| view! { <StageRow lab i count=n /> })
            .collect_view()
    };
    let menu = params::menu(1)
        .into_iter()
        .map(|(group, stages)| {
            let options = stages
                .iter()
                .map(|s| {
                    let name = params::name(s);
                    view! { <option value=name>{name}</option> }
                })
                .collect_view();
            view! { <optgroup label=(t.group)(group)>{options}</optgroup> }
        })
        .collect_view();
    // The menu only chooses (arrow keys move through it without adding
    // anything); the button adds.
    let chosen = RwSignal::new(String::new());
    let add = move |_| {
        let name = chosen.get_untracked();
        if let Some(stage) = params::menu(1)
            .into_iter()
            .flat_map(|(_, s)| s)
            .find(|s| params::name(s) == name)
        {
            lab.add_stage(stage);
        }
    };
    view! {
        <p class="lab-none" hidden=move || { n.get() > 0 }>{t.no_stages}</p>
        <ol class="lab-stages">{rows}</ol>
        <div class="lab-add-stage">
            <label class="lab-field">
                <span>{t.add_stage}</span>
                <select class="lab-control" on:change=move |ev| chosen.set(event_target_value(&ev))>
                    <option value="" selected>{t.add_stage_pick}</option>
                    {menu}
                </select>
            </label>
            <button
                type="button"
                class="lab-button lab-add-stage-button"
                disabled=move || { chosen.with(String::is_empty) || n.get() >= MAX_STAGES }
                on:click=add
            >
                {t.add}
            </button>
        </div>
    }
}

/// Stage `i`: its name, its fields, its buttons and its error.
#[component]
fn StageRow(lab: Lab, i: usize, count: Memo<usize>) -> impl IntoView {
    let t = strings(lab.lang);
    let stage = Memo::new(move |_| lab.pipeline.with(|p| p.stages.get(i).cloned()));
    let error = move || lab.error_at(Place::Stage(i));
    let body = move || {
        let s = stage.get()?;
        let name = params::name(&s);
        let fields = params::fields(&s)
            .into_iter()
            .enumerate()
            .map(|(f, field)| field_view(lab, i, &s, f, field))
            .collect_view();
        Some(view! {
            <div class="lab-stage-head">
                <span class="lab-stage-n" aria-hidden="true">{i + 1}</span>
                <code class="lab-stage-name">{format!(".{name}()")}</code>
            </div>
            <div class="lab-stage-fields" role="group" aria-label=(t.stage_label)(i + 1, name)>
                {fields}
            </div>
            <div class="lab-stage-buttons">
                <button
                    type="button"
                    class="lab-button"
                    disabled=move || i == 0
                    on:click=move |_| lab.move_stage(i, true)
                    aria-label=format!("{} ({})", t.move_up, (t.stage_label)(i + 1, name))
                >
                    "↑"
                </button>
                <button
                    type="button"
                    class="lab-button"
                    disabled=move || { i + 1 >= count.get() }
                    on:click=move |_| lab.move_stage(i, false)
                    aria-label=format!("{} ({})", t.move_down, (t.stage_label)(i + 1, name))
                >
                    "↓"
                </button>
                <button
                    type="button"
                    class="lab-button lab-remove-stage"
                    on:click=move |_| lab.remove_stage(i)
                    aria-label=format!("{} ({})", t.remove_stage, (t.stage_label)(i + 1, name))
                >
                    "✕"
                </button>
            </div>
        })
    };
    view! {
        <li class="lab-stage" class:invalid=move || error().is_some() data-stage=i>
            {body}
            <p class="lab-error" aria-live="polite">{error}</p>
        </li>
    }
}

/// One field of stage `i`.
fn field_view(lab: Lab, i: usize, s: &Stage, f: usize, field: Field) -> impl IntoView {
    let t = strings(lab.lang);
    let s = s.clone();
    let s2 = s.clone();
    match field {
        Field::Choice { param, options, at } => view! {
            <label class="lab-field">
                <span>{(t.param)(param)}</span>
                <select
                    class="lab-control"
                    on:change=move |ev| {
                        if let Ok(v) = event_target_value(&ev).parse::<i64>() {
                            lab.set_stage(i, params::with_field(&s, f, v));
                        }
                    }
                >
                    {options
                        .iter()
                        .enumerate()
                        .map(|(k, o)| view! { <option value=k selected=k == at>{*o}</option> })
                        .collect_view()}
                </select>
            </label>
        }
        .into_any(),
        Field::Num {
            param,
            value,
            min,
            max,
        } => view! {
            <label class="lab-field">
                <span>{(t.param)(param)}</span>
                <input
                    type="number"
                    inputmode="numeric"
                    class="lab-control"
                    min=min
                    max=max
                    step="1"
                    value=value
                    on:change=move |ev| {
                        if let Ok(v) = event_target_value(&ev).trim().parse::<i64>() {
                            lab.set_stage(i, params::with_field(&s2, f, v.clamp(min, max)));
                        }
                    }
                />
            </label>
        }
        .into_any(),
    }
}

/// The loop: how long its body takes, and `break` after how many items.
#[component]
pub fn ConsumerForm(lab: Lab) -> impl IntoView {
    let t = strings(lab.lang);
    let c = lab.pipeline.with_untracked(|p| p.consumer);
    let error = move || lab.error_at(Place::Consumer);
    let set = move |body: Option<u32>, brk: Option<u32>| {
        let mut c: Consumer = lab.pipeline.with_untracked(|p| p.consumer);
        if let Some(b) = body {
            c.body_ms = b;
        }
        if let Some(n) = brk {
            c.break_after = (n > 0).then_some(n);
        }
        lab.set_consumer(c);
    };
    view! {
        <div class="lab-consumer">
            <h3>{t.consumer}</h3>
            <code class="lab-loop">"while let Some(x) = s.next().await { … }"</code>
            <div class="lab-numbers">
                <NumberField label=t.body_ms value=c.body_ms max=60_000 on_set=move |v| set(Some(v), None) />
                <NumberField
                    label=t.break_after
                    value=c.break_after.unwrap_or(0)
                    max=10_000
                    on_set=move |v| set(None, Some(v))
                />
            </div>
            <p class="lab-hint">{t.break_hint}</p>
            <p class="lab-error" aria-live="polite">{error}</p>
        </div>
    }
}
