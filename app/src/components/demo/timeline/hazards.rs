//! The hazard marks ([`crate::timeline_model`] defines them): a snooze (a
//! lane woken and then not polled for a while) is a dashed band on its lane
//! from the wake to the poll that answered it; a hang (the run stalled) is
//! a line across every lane just after the last event. [`Notes`] says the
//! same in words under the plot, for every reader.

use leptos::prelude::*;
use trace::Status;

use super::{Tl, LABEL_PX};
use crate::timeline_model::{LaneState, Snooze, AXIS_H};

/// Where the record ends, ms: the live clock while a run goes, else the
/// last event (tracked).
fn end_time(tl: Tl) -> f64 {
    let state = tl.state;
    if state.phase.get().is_running() {
        state.now.get()
    } else {
        state
            .record
            .with_events(|m| m.events().last().map_or(0.0, |e| e.t))
    }
}

/// Whether the run ended stalled: the hang mark (tracked).
pub(super) fn stalled(tl: Tl) -> bool {
    matches!(tl.state.phase.get().finished(), Some((_, Status::Stalled)))
}

/// The snoozes of the record as the view needs them (tracked).
pub(super) fn snoozes(tl: Tl) -> Vec<Snooze> {
    let end = end_time(tl);
    tl.state.record.with_events(|m| m.snoozes(end))
}

/// The marks on the plot.
#[component]
pub fn Marks(tl: Tl) -> impl IntoView {
    let t = tl.t;
    move || {
        let stalled = stalled(tl);
        let snoozes = snoozes(tl);
        let height = tl.height.get();
        tl.with(|m| {
            let end_x = m.end_x();
            let bands = snoozes
                .iter()
                .map(|s| {
                    let a = m.x_of_event(s.from);
                    let b = s.to.map_or(end_x, |i| m.x_of_event(i));
                    let ms = s.to.map(|i| m.events()[i].t - m.events()[s.from].t);
                    let y = m.lane_y(s.lane);
                    let lane_h = m.lane_h();
                    let label = (t.snooze_label)(ms);
                    // Written under the lane's markers, where no value
                    // label goes, and only if it fits in the band (the
                    // legend and the notes below always say it).
                    let wide: f64 = label
                        .chars()
                        .map(|c| if c.is_ascii() { 1.0 } else { 1.7 })
                        .sum();
                    let fits = b - a >= wide * LABEL_PX + 6.0;
                    view! {
                        <g class="tl-snooze" data-lane=s.lane data-from=s.from>
                            <rect x=a y=y - lane_h / 2.0 + 4.0 width=(b - a).max(2.0) height=lane_h - 8.0 rx="3"></rect>
                            <text x=a + 3.0 y=y + lane_h / 2.0 - 7.0 visibility=if fits { "visible" } else { "hidden" }>{label}</text>
                        </g>
                    }
                })
                .collect_view();
            let hang = stalled.then(|| {
                let x = end_x + 14.0;
                view! {
                    <g class="tl-hang">
                        <line x1=x y1=AXIS_H - 4.0 x2=x y2=height></line>
                        <text x=x + 4.0 y=AXIS_H - 8.0>{t.hang_label}</text>
                    </g>
                }
            });
            view! { {bands} {hang} }
        })
    }
}

/// The hazards in words, under the plot (nothing when there are none).
#[component]
pub fn Notes(tl: Tl) -> impl IntoView {
    let t = tl.t;
    let notes = Memo::new(move |_| {
        let (end, stalled) = (end_time(tl), stalled(tl));
        tl.state.record.with_events(|m| {
            let snoozes = m.snoozes(end);
            let name = |lane: u16| m.lanes().get(lane as usize).cloned().unwrap_or_default();
            // A note, and why (for a snooze that ended).
            let mut notes: Vec<(String, Option<&'static str>)> = snoozes
                .iter()
                .map(|s| {
                    let woken = m.events()[s.from].t_ms();
                    let polled = s.to.map(|i| m.events()[i].t_ms());
                    let why = polled.map(|_| t.snooze_why);
                    ((t.snooze_sentence)(&name(s.lane), woken, polled), why)
                })
                .collect();
            if stalled {
                let waiting = m
                    .events()
                    .len()
                    .checked_sub(1)
                    .map(|last| m.lane_states_at(last, false))
                    .unwrap_or_default()
                    .into_iter()
                    .enumerate()
                    .filter(|(_, s)| {
                        matches!(
                            s,
                            LaneState::Awaiting | LaneState::AwaitingNext | LaneState::Suspended
                        )
                    })
                    .map(|(l, _)| name(l as u16))
                    .collect::<Vec<_>>()
                    .join(", ");
                notes.push(((t.hang_sentence)(end.round() as i64, &waiting), None));
            }
            notes
        })
    });
    move || {
        let notes = notes.get();
        (!notes.is_empty()).then(|| {
            view! {
                <div class="tl-hazards" role="note">
                    <p class="tl-hazards-title">{t.hazards}</p>
                    <ul>
                        {notes
                            .into_iter()
                            .map(|(n, why)| {
                                let why = why.map(|w| view! { <span class="tl-hazard-why">{w}</span> });
                                view! { <li>{n}{why}</li> }
                            })
                            .collect_view()}
                    </ul>
                </div>
            }
        })
    }
}
