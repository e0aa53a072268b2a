//! Beside the plot, never over it: one line that always describes the
//! selected event (announced politely to screen readers), and the row
//! that spells out the selected event's same-millisecond burst in order,
//! each event with its code, readable whatever the zoom.

use leptos::prelude::*;
use trace::Event;

use super::Tl;

/// The code of an event as the lessons write it, for the burst row:
/// `R(1)`, `T+100`, or a note's text in quotes.
pub fn chip_text(e: &Event) -> String {
    match e.kind {
        trace::Kind::Note => format!("“{}”", e.value),
        _ => e.short(),
    }
}

/// The detail line and the burst row.
#[component]
pub fn Detail(tl: Tl) -> impl IntoView {
    let t = tl.t;
    let state = tl.state;
    let line = move || {
        let Some(i) = state.current.get() else {
            return (None, t.detail_none.to_string());
        };
        let live = tl.live();
        tl.with(|m| {
            let Some(e) = m.events().get(i) else {
                return (None, t.detail_none.to_string());
            };
            let lane = m.lanes().get(e.lane as usize).map_or("?", String::as_str);
            // A drop names the line where it happened.
            let row = super::super::code_panel::named_line(state.demo, m.events(), i);
            (Some(e.short()), super::describe(t, e, lane, live, row))
        })
    };
    // The events of the selected event's millisecond, if it shares it.
    let burst = Memo::new(move |_| {
        let i = state.current.get()?;
        tl.with(|m| {
            let b = m.burst_at(m.position_of(i)?)?;
            let chips: Vec<(usize, String, &'static str)> = (b.from..b.to)
                .filter_map(|k| {
                    let j = m.shown_event(k)?;
                    let e = m.events().get(j)?;
                    Some((j, chip_text(e), e.kind.as_str()))
                })
                .collect();
            Some((b.t_ms, chips))
        })
    });
    let burst_row = move || {
        let (t_ms, chips) = burst.get()?;
        let cur = state.current.get();
        Some(view! {
            <div class="tl-burst-row" role="group" aria-label=(t.burst_row)(t_ms)>
                <span class="tl-burst-at" aria-hidden="true">{(t.burst_row)(t_ms)}</span>
                {chips
                    .into_iter()
                    .map(|(j, text, kind)| {
                        view! {
                            <button
                                type="button"
                                class=format!("tl-chip k-{kind}")
                                data-i=j
                                aria-pressed=if cur == Some(j) { "true" } else { "false" }
                                on:click=move |_| tl.select(j, false)
                            >
                                {text}
                            </button>
                        }
                    })
                    .collect_view()}
            </div>
        })
    };
    view! {
        <div class="tl-detail">
            <p class="tl-detail-line" aria-live="polite">
                {move || {
                    let (code, text) = line();
                    view! {
                        {code.map(|c| view! { <code class="tl-code">{c}</code> " " })}
                        <span>{text}</span>
                    }
                }}
            </p>
            {burst_row}
        </div>
    }
}
