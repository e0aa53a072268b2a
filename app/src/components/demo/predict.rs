//! "Predict, then run": the reader picks what they expect for the question's
//! own case (its knob values), then runs that case. The answer is computed
//! by the lesson's check function from a *recorded* virtual-clock run of the
//! case — never from a stored answer, and never from whatever the reader ran
//! in the demo panel before.
//!
//! The question's words ([`PredictText`]) are the page's: rendered from the
//! lesson at build time, and read back from the page by the wasm, which
//! carries only the case and its check ([`lessons::Case`]). Without
//! JavaScript the box shows the answer of the case's run, recorded when the
//! page was built, behind a "Show the answer" toggle.

use std::sync::atomic::{AtomicU64, Ordering};

use leptos::prelude::*;
use lessons::{Case, Demo, Lang, Predict};
use wasm_bindgen::JsCast;

use super::{strings, DemoRequests};
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

/// The words of a question (trusted HTML from the lesson compiler).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PredictText {
    /// The question.
    pub question: String,
    /// The options, in order.
    pub options: Vec<String>,
    /// Per option, why it is right or wrong.
    pub why: Vec<String>,
}

impl PredictText {
    /// The words of `predict`, as the lesson has them.
    pub fn from_predict(predict: &Predict) -> Self {
        Self {
            question: predict.question.to_string(),
            options: predict.options.iter().map(|o| o.to_string()).collect(),
            why: predict.why.iter().map(|w| w.to_string()).collect(),
        }
    }

    /// The words as the rendered box under `root` has them (`None` if it
    /// is not one).
    pub fn from_dom(root: &web_sys::Element) -> Option<Self> {
        let question = root.query_selector(".predict-question").ok()??.inner_html();
        let items = root.query_selector_all(".predict-options > li").ok()?;
        let mut options = Vec::new();
        let mut why = Vec::new();
        for i in 0..items.length() {
            let li = items.item(i)?.dyn_into::<web_sys::Element>().ok()?;
            options.push(li.query_selector("label").ok()??.inner_html());
            why.push(li.get_attribute("data-why").unwrap_or_default());
        }
        Some(Self {
            question,
            options,
            why,
        })
    }
}

/// The case as the page shows it: `break_at = 9, n = 3`, or `None` for the
/// default knobs.
pub fn case_text(case: &Case) -> Option<String> {
    (!case.knobs.is_empty()).then(|| {
        case.knobs
            .iter()
            .map(|(k, v)| format!("{k} = {v}"))
            .collect::<Vec<_>>()
            .join(", ")
    })
}

/// A "predict, then run" question about one case of a demo.
#[component]
pub fn PredictBox(
    /// The case the question asks about.
    case: &'static Case,
    /// The demo it asks about.
    demo: &'static Demo,
    /// The question's words.
    text: PredictText,
    /// The page language.
    lang: Lang,
) -> impl IntoView {
    let PredictText {
        question,
        options,
        why,
    } = text;
    static NEXT: AtomicU64 = AtomicU64::new(1);
    let uid = NEXT.fetch_add(1, Ordering::Relaxed);
    let t = strings(lang);
    let requests = use_context::<DemoRequests>();
    let memory = use_memory();
    let key = (demo.path, case.id);
    // Picks and runs survive the language switch (same demo file, same id).
    let remembered = memory.and_then(|m| m.predict(key)).unwrap_or_default();
    let pick = RwSignal::new(remembered.pick);
    let shown = RwSignal::new(remembered.ran.then(|| case.answer(demo)));
    if let Some(m) = memory {
        Effect::new(move |_| {
            let pick = pick.get();
            let ran = shown.with(Option::is_some);
            m.set_predict(key, crate::memory::PredictMemory { pick, ran });
        });
    }
    let name = format!("predict-{}-{}-{uid}", case.demo, case.id);
    let q_id = format!("{name}-q");

    let run_case = move |_| {
        // Graded on its own run of the case, recorded on the virtual clock.
        shown.set(Some(case.answer(demo)));
        if let Some(r) = requests {
            let (knobs, _) = case.case_knobs(demo);
            r.run(demo.id, knobs);
        }
    };

    let why = StoredValue::new(why);
    let options = StoredValue::new(options);
    let why_of = move |i: usize| why.with_value(|w| w.get(i).cloned().unwrap_or_default());
    let answer = move |i: usize| options.with_value(|o| o.get(i).cloned().unwrap_or_default());
    let result = move || match verdict(pick.get(), shown.get()) {
        Verdict::Pick => view! { <p>{t.predict_pick}</p> }.into_any(),
        Verdict::RunIt => view! { <p>{t.predict_run}</p> }.into_any(),
        Verdict::Undecided => view! { <p>{t.predict_undecided}</p> }.into_any(),
        Verdict::Right(a) => view! {
            <p class="right">{t.predict_right}</p>
            <p class="predict-why" inner_html=why_of(a)></p>
        }
        .into_any(),
        Verdict::Wrong(a, p) => view! {
            <p class="wrong">
                {t.predict_wrong} " " <span class="predict-answer" inner_html=answer(a)></span>
            </p>
            <p class="predict-why">
                <span class="predict-why-label">{t.predict_why_not}</span> " "
                <span inner_html=why_of(p)></span>
            </p>
            <p class="predict-why" inner_html=why_of(a)></p>
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

    let items = options.with_value(|o| {
        o.iter()
            .enumerate()
            .map(|(i, html)| {
                let id = format!("{name}-{i}");
                view! {
                    // The why rides along for the wasm to read back.
                    <li data-why=why_of(i)>
                        <input
                            type="radio"
                            id=id.clone()
                            name=name.clone()
                            value=i
                            prop:checked=move || pick.get() == Some(i)
                            on:change=move |_| pick.set(Some(i))
                        />
                        <label for=id inner_html=html.clone()></label>
                    </li>
                }
            })
            .collect_view()
    });

    let case_line = match case_text(case) {
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
        <section class="predict" data-predict=case.id data-demo=case.demo data-pagefind-ignore="">
            <fieldset>
                <legend>
                    <span class="predict-kicker">{t.predict}</span>
                    <span class="predict-question" id=q_id inner_html=question></span>
                </legend>
                {case_line}
                <ul class="predict-options">{items}</ul>
            </fieldset>
            <button type="button" class="predict-run" on:click=run_case>
                {t.predict_run_case}
            </button>
            <div class="predict-result" data-verdict=verdict_attr role="status" aria-live="polite">
                {result}
            </div>
            {crate::is_static().then(|| static_answer(case, demo, t, answer, why_of))}
        </section>
    }
}

/// Without JavaScript: the answer the case's run shows (recorded now, at
/// build time) and why, behind a toggle so the reader can guess first.
fn static_answer(
    case: &Case,
    demo: &Demo,
    t: &'static super::Strings,
    answer: impl Fn(usize) -> String,
    why: impl Fn(usize) -> String,
) -> impl IntoView {
    let shown = case.answer(demo);
    view! {
        <noscript>
            <details class="predict-static">
                <summary>{t.predict_show_answer}</summary>
                {shown.map(|a| view! {
                    <p class="right" inner_html=answer(a)></p>
                    <p class="predict-why" inner_html=why(a)></p>
                })}
            </details>
        </noscript>
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
        for l in lessons::RUNTIME {
            for c in l.cases {
                let d = l.demo(c.demo).expect("the demo exists");
                let a = c.answer(d);
                assert!(a.is_some_and(|a| a < c.options), "{} {}", c.demo, c.id);
            }
        }
    }
}
