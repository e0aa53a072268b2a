//! The legend: every kind in the record (all of them before a run), each
//! shape beside the code the lessons' text uses for it (`P`, `R(x)`,
//! `T+n` …) and its name; the waiting span, the same-instant band, the axis
//! break (when there is one); and the switch that shows or hides timer events.

use leptos::prelude::*;
use trace::Kind;

use super::shapes::{code, shape};
use super::Tl;

/// The legend of one timeline.
#[component]
pub fn Legend(tl: Tl) -> impl IntoView {
    let t = tl.t;
    let state = tl.state;
    let kinds = Memo::new(move |_| {
        let present: Vec<Kind> = tl.with(|m| {
            let mut seen = [false; Kind::ALL.len()];
            for e in m.events() {
                seen[e.kind as usize] = true;
            }
            Kind::ALL
                .into_iter()
                .filter(|k| seen[*k as usize])
                .collect()
        });
        if present.is_empty() {
            Kind::ALL.to_vec()
        } else {
            present
        }
    });
    let items = move || {
        kinds
            .get()
            .into_iter()
            .map(|k| {
                view! {
                    <li data-kind=k.as_str()>
                        <svg class=format!("tl-key k-{}", k.as_str()) width="18" height="18" viewBox="-9 -9 18 18" aria-hidden="true">
                            <path class="mk" d=shape(k)></path>
                        </svg>
                        <code class="tl-code">{code(k)}</code>
                        {t.kind(k)}
                    </li>
                }
            })
            .collect_view()
    };
    let timers_id = format!("demo-{}-timers", state.uid);
    let timers_for = timers_id.clone();
    view! {
        <div class="tl-legend">
            <span class="tl-legend-title">{t.legend}</span>
            <ul>
                {items}
                <li>
                    <svg class="tl-key" width="22" height="16" viewBox="0 -8 22 16" aria-hidden="true">
                        <rect class="tl-span woken" x="1" y="-4" width="20" height="8" rx="4"></rect>
                    </svg>
                    {t.legend_waiting}
                </li>
                <li>
                    <svg class="tl-key" width="16" height="16" viewBox="0 -8 16 16" aria-hidden="true">
                        <rect class="tl-burst" x="1" y="-8" width="14" height="16"></rect>
                    </svg>
                    {t.legend_instant}
                </li>
                <Show when=move || !super::hazards::snoozes(tl).is_empty()>
                    <li data-hazard="snooze">
                        <svg class="tl-key" width="22" height="16" viewBox="0 -8 22 16" aria-hidden="true">
                            <g class="tl-snooze"><rect x="1" y="-7" width="20" height="14" rx="3"></rect></g>
                        </svg>
                        {t.legend_snooze}
                    </li>
                </Show>
                <Show when=move || super::hazards::stalled(tl)>
                    <li data-hazard="hang">
                        <svg class="tl-key" width="12" height="16" viewBox="0 -8 12 16" aria-hidden="true">
                            <g class="tl-hang"><line x1="6" y1="-8" x2="6" y2="8"></line></g>
                        </svg>
                        {t.legend_hang}
                    </li>
                </Show>
                <Show when=move || tl.with(|m| !m.breaks().is_empty())>
                    <li>
                        <svg class="tl-key" width="16" height="16" viewBox="0 -8 16 16" aria-hidden="true">
                            <path class="tl-break" d="M5,-8L9,-3L5,2L9,8M9,-8L13,-3L9,2L13,8"></path>
                        </svg>
                        {t.legend_break}
                    </li>
                </Show>
            </ul>
            <label class="tl-timers" for=timers_for>
                <input
                    id=timers_id
                    type="checkbox"
                    // The attribute for the page as built, the property after.
                    checked=state.show_timers.get_untracked()
                    prop:checked=move || state.show_timers.get()
                    on:change=move |e| state.show_timers.set(event_target_checked(&e))
                />
                {t.show_timers}
            </label>
        </div>
    }
}
