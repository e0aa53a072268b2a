//! "Predict, then run": the reader picks what they expect, runs the demo,
//! and the answer is computed from the *recorded* trace of that run by the
//! lesson's own check function — never from a stored answer.

use std::sync::atomic::{AtomicU64, Ordering};

use leptos::prelude::*;
use lessons::{Lang, Predict};

use super::demo::{strings, DemoTraces};

/// What the predict box says under the options.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Verdict {
    /// No pick yet.
    Pick,
    /// Picked; no recorded run of the demo yet.
    RunIt,
    /// The run ended before the check could tell.
    Undecided,
    /// The pick matches option `.0` shown by the run.
    Right(usize),
    /// The run shows option `.0`, the reader picked `.1`.
    Wrong(usize, usize),
}

/// Compares a pick with what the trace shows (`None`: no trace yet;
/// `Some(None)`: the trace could not tell).
pub fn verdict(pick: Option<usize>, shown: Option<Option<usize>>) -> Verdict {
    match (pick, shown) {
        (None, _) => Verdict::Pick,
        (Some(_), None) => Verdict::RunIt,
        (Some(_), Some(None)) => Verdict::Undecided,
        (Some(p), Some(Some(a))) if p == a => Verdict::Right(a),
        (Some(p), Some(Some(a))) => Verdict::Wrong(a, p),
    }
}

/// A "predict, then run" question checked against the demo's recorded trace.
#[component]
pub fn PredictBox(
    /// The question.
    predict: &'static Predict,
    /// The page language.
    lang: Lang,
) -> impl IntoView {
    static NEXT: AtomicU64 = AtomicU64::new(1);
    let uid = NEXT.fetch_add(1, Ordering::Relaxed);
    let t = strings(lang);
    let traces = use_context::<DemoTraces>();
    let pick = RwSignal::new(None::<usize>);
    let name = format!("predict-{}-{}-{uid}", predict.demo, predict.id);
    let q_id = format!("{name}-q");

    let shown = Memo::new(move |_| {
        traces
            .and_then(|tr| tr.latest(predict.demo))
            .map(|trace| (predict.check)(&trace))
    });
    let result = move || {
        let v = verdict(pick.get(), shown.get());
        let answer = |i: usize| predict.options.get(i).copied().unwrap_or("");
        match v {
            Verdict::Pick => view! { <p>{t.predict_pick}</p> }.into_any(),
            Verdict::RunIt => view! { <p>{t.predict_run}</p> }.into_any(),
            Verdict::Undecided => view! { <p>{t.predict_undecided}</p> }.into_any(),
            Verdict::Right(_) => view! { <p class="right">{t.predict_right}</p> }.into_any(),
            Verdict::Wrong(a, _) => view! {
                <p class="wrong">
                    {t.predict_wrong} " " <span class="predict-answer" inner_html=answer(a)></span>
                </p>
            }
            .into_any(),
        }
    };
    let verdict_attr = move || match verdict(pick.get(), shown.get()) {
        Verdict::Pick => "pick",
        Verdict::RunIt => "run",
        Verdict::Undecided => "undecided",
        Verdict::Right(_) => "right",
        Verdict::Wrong(..) => "wrong",
    };

    let options = predict
        .options
        .iter()
        .enumerate()
        .map(|(i, html)| {
            let id = format!("{name}-{i}");
            view! {
                <li>
                    <input
                        type="radio"
                        id=id.clone()
                        name=name.clone()
                        value=i
                        prop:checked=move || pick.get() == Some(i)
                        on:change=move |_| pick.set(Some(i))
                    />
                    <label for=id inner_html=*html></label>
                </li>
            }
        })
        .collect_view();

    view! {
        <section class="predict" data-predict=predict.id data-demo=predict.demo>
            <fieldset>
                <legend>
                    <span class="predict-kicker">{t.predict}</span>
                    <span class="predict-question" id=q_id inner_html=predict.question></span>
                </legend>
                <ul class="predict-options">{options}</ul>
            </fieldset>
            <div class="predict-result" data-verdict=verdict_attr role="status" aria-live="polite">
                {result}
            </div>
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn verdicts() {
        assert_eq!(verdict(None, Some(Some(1))), Verdict::Pick);
        assert_eq!(verdict(Some(1), None), Verdict::RunIt);
        assert_eq!(verdict(Some(1), Some(None)), Verdict::Undecided);
        assert_eq!(verdict(Some(1), Some(Some(1))), Verdict::Right(1));
        assert_eq!(verdict(Some(0), Some(Some(2))), Verdict::Wrong(2, 0));
    }
}
