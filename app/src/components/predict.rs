//! "Predict, then run": the reader picks what they expect for the question's
//! own case (its knob values), then runs that case. The answer is computed
//! by the lesson's check function from a *recorded* virtual-clock run of the
//! case — never from a stored answer, and never from whatever the reader ran
//! in the demo panel before.

use std::sync::atomic::{AtomicU64, Ordering};

use leptos::prelude::*;
use lessons::{Demo, Lang, Predict};

use super::demo::{strings, DemoRequests};
use crate::memory::use_memory;

/// What the predict box says under the options.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Verdict {
    /// No pick yet.
    Pick,
    /// Picked; the case has not been run yet.
    RunIt,
    /// The case's run could not tell (a bug in the lesson; its tests forbid it).
    Undecided,
    /// The pick matches option `.0` shown by the run.
    Right(usize),
    /// The run shows option `.0`, the reader picked `.1`.
    Wrong(usize, usize),
}

/// Compares a pick with what the case's run shows (`None`: not run yet;
/// `Some(None)`: the run could not tell).
pub fn verdict(pick: Option<usize>, shown: Option<Option<usize>>) -> Verdict {
    match (pick, shown) {
        (None, _) => Verdict::Pick,
        (Some(_), None) => Verdict::RunIt,
        (Some(_), Some(None)) => Verdict::Undecided,
        (Some(p), Some(Some(a))) if p == a => Verdict::Right(a),
        (Some(p), Some(Some(a))) => Verdict::Wrong(a, p),
    }
}

/// The case as the page shows it: `break_at = 9, n = 3`, or `None` for the
/// default knobs.
pub fn case_text(predict: &Predict) -> Option<String> {
    (!predict.case.is_empty()).then(|| {
        predict
            .case
            .iter()
            .map(|(k, v)| format!("{k} = {v}"))
            .collect::<Vec<_>>()
            .join(", ")
    })
}

/// A "predict, then run" question about one case of a demo.
#[component]
pub fn PredictBox(
    /// The question.
    predict: &'static Predict,
    /// The demo it asks about.
    demo: &'static Demo,
    /// The page language.
    lang: Lang,
) -> impl IntoView {
    static NEXT: AtomicU64 = AtomicU64::new(1);
    let uid = NEXT.fetch_add(1, Ordering::Relaxed);
    let t = strings(lang);
    let requests = use_context::<DemoRequests>();
    let memory = use_memory();
    let key = (demo.path, predict.id);
    // Picks and runs survive the language switch (same demo file, same id).
    let remembered = memory.and_then(|m| m.predict(key)).unwrap_or_default();
    let pick = RwSignal::new(remembered.pick);
    let shown = RwSignal::new(remembered.ran.then(|| predict.answer(demo)));
    if let Some(m) = memory {
        Effect::new(move |_| {
            let pick = pick.get();
            let ran = shown.with(Option::is_some);
            m.set_predict(key, crate::memory::PredictMemory { pick, ran });
        });
    }
    let name = format!("predict-{}-{}-{uid}", predict.demo, predict.id);
    let q_id = format!("{name}-q");

    let run_case = move |_| {
        // Graded on its own run of the case, recorded on the virtual clock.
        shown.set(Some(predict.answer(demo)));
        if let Some(r) = requests {
            let (knobs, _) = predict.case_knobs(demo);
            r.run(demo.id, knobs);
        }
    };

    let why = move |i: usize| predict.why.get(i).copied().unwrap_or("");
    let answer = move |i: usize| predict.options.get(i).copied().unwrap_or("");
    let result = move || match verdict(pick.get(), shown.get()) {
        Verdict::Pick => view! { <p>{t.predict_pick}</p> }.into_any(),
        Verdict::RunIt => view! { <p>{t.predict_run}</p> }.into_any(),
        Verdict::Undecided => view! { <p>{t.predict_undecided}</p> }.into_any(),
        Verdict::Right(a) => view! {
            <p class="right">{t.predict_right}</p>
            <p class="predict-why" inner_html=why(a)></p>
        }
        .into_any(),
        Verdict::Wrong(a, p) => view! {
            <p class="wrong">
                {t.predict_wrong} " " <span class="predict-answer" inner_html=answer(a)></span>
            </p>
            <p class="predict-why">
                <span class="predict-why-label">{t.predict_why_not}</span> " "
                <span inner_html=why(p)></span>
            </p>
            <p class="predict-why" inner_html=why(a)></p>
        }
        .into_any(),
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

    let case = match case_text(predict) {
        Some(c) => view! {
            <p class="predict-case">
                <span class="predict-case-label">{t.predict_case}</span> " " <code>{c}</code>
                " " <span class="predict-case-rest">{t.predict_case_rest}</span>
            </p>
        }
        .into_any(),
        None => view! {
            <p class="predict-case">
                <span class="predict-case-label">{t.predict_case}</span> " " {t.predict_case_default}
            </p>
        }
        .into_any(),
    };

    view! {
        <section class="predict" data-predict=predict.id data-demo=predict.demo>
            <fieldset>
                <legend>
                    <span class="predict-kicker">{t.predict}</span>
                    <span class="predict-question" id=q_id inner_html=predict.question></span>
                </legend>
                {case}
                <ul class="predict-options">{options}</ul>
            </fieldset>
            <button type="button" class="predict-run" on:click=run_case>
                {t.predict_run_case}
            </button>
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

    /// Every question of every lesson is graded on its own case: the answer
    /// does not depend on anything the reader ran.
    #[test]
    fn each_question_answers_its_case() {
        for l in lessons::LESSONS {
            for b in l.en.blocks {
                if let lessons::Block::Predict(p) = b {
                    let d = l.demo(p.demo).expect("the demo exists");
                    let a = p.answer(d);
                    assert!(
                        a.is_some_and(|a| a < p.options.len()),
                        "{} {}",
                        p.demo,
                        p.id
                    );
                }
            }
        }
    }
}
