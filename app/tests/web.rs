//! Browser tests of the demo panel, in headless Chromium: a small demo
//! built by hand is mounted, driven through its buttons, fields and keys,
//! and checked through the DOM — the transcript's `data-kind`/`data-t`, the
//! status line, the messages — the way a reader (or a screen reader) sees it.
//!
//! Run with `cargo xtask test --only wasm`, or
//! `CHROMEDRIVER=/usr/bin/chromedriver WASM_BINDGEN_TEST_WEBDRIVER_JSON=end2end/webdriver.json \
//!  cargo test --target wasm32-unknown-unknown -p app`.
#![cfg(target_arch = "wasm32")]

use std::sync::atomic::{AtomicUsize, Ordering};

use app::components::demo::PredictText;
use app::components::demo::{provide_demo_requests, DemoPanel, PredictBox};
use futures::future::LocalBoxFuture;
use futures::stream;
use gloo_timers::future::TimeoutFuture;
use leptos::prelude::*;
use lessons::{Case, Demo, Knob, Knobs, Lang, Predict};
use trace::{body, note, sleep, traced, Guard, Kind, Trace};
use wasm_bindgen::JsCast;
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};
use web_sys::{Element, HtmlElement};

wasm_bindgen_test_configure!(run_in_browser);

/// How much later than on the virtual clock a live step may be (browser
/// timers fire late, never early, on a busy machine; the panel reads a run
/// once per frame, which does not change the recorded times).
const LATE_MS: i64 = 80;
/// How much earlier: `data-t` is rounded to whole ms.
const EARLY_MS: i64 = 2;
/// A busy machine now and then holds a timer back far longer than
/// `LATE_MS`: a live run with a late step is run again, up to this many
/// times in all. Early steps and a wrong order fail at once.
const ATTEMPTS: usize = 5;

/// Ticks of the demo's stream, counted across runs: a stopped or unmounted
/// run must not tick again.
static TICKS: AtomicUsize = AtomicUsize::new(0);

const FIRST_LINE: u32 = line!() + 2;
// The demo: `n` ticks `delay` ms apart, a guard whose drop is the cleanup.
async fn ticks(n: u64, delay: u64) {
    let _conn = Guard::new("conn");
    let mut s = traced(
        "ticks",
        stream::unfold(0u64, move |i| async move {
            if i == n {
                return None;
            }
            sleep(delay).await;
            TICKS.fetch_add(1, Ordering::SeqCst);
            Some((i, i + 1))
        }),
    );
    while let Some(x) = s.next().await {
        body(x);
    }
    note("done");
}

fn run_ticks(k: Knobs) -> LocalBoxFuture<'static, ()> {
    Box::pin(ticks(k.u("n"), k.u("delay")))
}

const CODE: &[&str] = &[
    "async fn ticks(n: u64, delay: u64) {",
    "    let _conn = Guard::new(\"conn\");",
    "    let mut s = traced(",
    "        \"ticks\",",
    "        stream::unfold(0u64, move |i| async move {",
    "            if i == n {",
    "                return None;",
    "            }",
    "            sleep(delay).await;",
    "            TICKS.fetch_add(1, Ordering::SeqCst);",
    "            Some((i, i + 1))",
    "        }),",
    "    );",
    "    while let Some(x) = s.next().await {",
    "        body(x);",
    "    }",
    "    note(\"done\");",
    "}",
];

static DEMO: Demo = Demo {
    id: "ticks",
    knobs: &[
        Knob::int("n", 3, 1, 5, "ticks", "次数"),
        Knob::ms("delay", 30, 0, 2000, "delay", "间隔"),
    ],
    run: run_ticks,
    code: CODE,
    first_line: FIRST_LINE,
    path: file!(),
};

const MANY_LINE: u32 = line!() + 2;
// A run longer than the transcript's window: `n` items, no time between them.
async fn many(n: u64) {
    let mut s = traced("many", stream::iter(0..n));
    while let Some(x) = s.next().await {
        body(x);
    }
}

fn run_many(k: Knobs) -> LocalBoxFuture<'static, ()> {
    Box::pin(many(k.u("n")))
}

static LONG: Demo = Demo {
    id: "many",
    knobs: &[Knob::int("n", 600, 1, 5000, "items", "项")],
    run: run_many,
    code: &[
        "async fn many(n: u64) {",
        "    let mut s = traced(\"many\", stream::iter(0..n));",
        "    while let Some(x) = s.next().await {",
        "        body(x);",
        "    }",
        "}",
    ],
    first_line: MANY_LINE,
    path: file!(),
};

/// Which option the trace shows: 0 if the cleanup comes after `done`, 1 if
/// before.
fn cleanup_after_done(t: &Trace) -> Option<usize> {
    let done = t.position(|e| e.kind == Kind::Note && e.value == "done")?;
    let cleanup = t.position(|e| e.kind == Kind::Cleanup)?;
    Some(if cleanup > done { 0 } else { 1 })
}

static PREDICT: Predict = Predict {
    demo: "ticks",
    id: "when",
    question: "When does the <em>cleanup</em> run?",
    options: &["After <code>done</code>", "Before <code>done</code>"],
    why: &[
        "The guard lives until the demo returns.",
        "No: <code>done</code> is noted first.",
    ],
    case: &[("n", "2")],
    check: cleanup_after_done,
};

static CASE: Case = Case {
    demo: "ticks",
    id: "when",
    knobs: &[("n", "2")],
    options: 2,
    check: cleanup_after_done,
};

// ---- helpers ---------------------------------------------------------------

fn document() -> web_sys::Document {
    web_sys::window()
        .and_then(|w| w.document())
        .expect("a document")
}

/// Sets the page's query (or clears it) as a link would.
fn set_query(q: &str) {
    let w = web_sys::window().expect("window");
    let path = w.location().pathname().expect("path");
    w.history()
        .expect("history")
        .replace_state_with_url(
            &wasm_bindgen::JsValue::NULL,
            "",
            Some(&format!("{path}{q}")),
        )
        .expect("replaceState");
}

/// A fresh container in the body; the panel is unmounted when the handle drops.
fn mount(query: &str, with_predict: bool) -> (Element, Box<dyn std::any::Any>) {
    mount_with(query, &DEMO, with_predict)
}

/// [`mount`] with another demo (the predict box is `DEMO`'s).
fn mount_with(
    query: &str,
    demo: &'static Demo,
    with_predict: bool,
) -> (Element, Box<dyn std::any::Any>) {
    set_query(query);
    let host: HtmlElement = document()
        .create_element("div")
        .expect("div")
        .dyn_into()
        .expect("an HtmlElement");
    document()
        .body()
        .expect("body")
        .append_child(&host)
        .expect("append");
    let search = query.to_string();
    let handle = leptos::mount::mount_to(host.clone(), move || {
        provide_context(app::Here {
            path: String::new(),
            search,
        });
        provide_demo_requests();
        view! {
            <DemoPanel demo=demo lang=Lang::En />
            {with_predict.then(|| {
                let text = PredictText::from_predict(&PREDICT);
                view! { <PredictBox case=&CASE demo=&DEMO text lang=Lang::En /> }
            })}
        }
    });
    (host.into(), Box::new(handle))
}

fn q(root: &Element, sel: &str) -> Option<Element> {
    root.query_selector(sel).ok().flatten()
}

fn click(root: &Element, sel: &str) {
    q(root, sel)
        .unwrap_or_else(|| panic!("no {sel}"))
        .dyn_into::<HtmlElement>()
        .expect("clickable")
        .click();
}

fn disabled(root: &Element, sel: &str) -> bool {
    q(root, sel).is_some_and(|b| b.has_attribute("disabled"))
}

fn text(root: &Element, sel: &str) -> String {
    q(root, sel)
        .and_then(|e| e.text_content())
        .unwrap_or_default()
}

/// Runs a line of JavaScript with `el` bound (to type, press keys …).
fn js(el: &Element, body: &str) {
    let f = js_sys::Function::new_with_args("el", body);
    f.call1(&wasm_bindgen::JsValue::NULL, el)
        .expect("script ran");
}

/// The transcript as (kind, t, lane) triples.
fn transcript(root: &Element) -> Vec<(String, i64, String)> {
    let list = root
        .query_selector_all("ol.transcript > li")
        .expect("a transcript");
    (0..list.length())
        .filter_map(|i| list.item(i)?.dyn_into::<Element>().ok())
        .map(|li| {
            let a = |n: &str| li.get_attribute(n).unwrap_or_default();
            (
                a("data-kind"),
                a("data-t").parse().unwrap_or(-1),
                a("data-lane"),
            )
        })
        .collect()
}

fn kinds(t: &[(String, i64, String)]) -> Vec<&str> {
    t.iter().map(|(k, _, _)| k.as_str()).collect()
}

/// Waits (up to `ms`) until `f` holds; lets effects and frames run meanwhile.
async fn until(ms: u32, f: impl Fn() -> bool) -> bool {
    let mut waited = 0;
    while !f() {
        if waited >= ms {
            return false;
        }
        TimeoutFuture::new(10).await;
        waited += 10;
    }
    true
}

fn status(root: &Element) -> String {
    text(root, ".demo-status")
}

/// The expected record: the same demo on the virtual clock, directly.
fn expected(n: u64, delay: u64) -> Trace {
    trace::run_virtual(ticks(n, delay))
}

// ---- tests ---------------------------------------------------------------

#[wasm_bindgen_test]
async fn a_long_run_lists_a_window_of_its_steps_which_the_fold_rows_move() {
    let all = trace::run_virtual(many(600)).events.len();
    assert!(all > 1_000 && all < 2_000, "{all} events");
    let (root, _h) = mount_with("?n=600", &LONG, false);
    let ids = || -> Vec<usize> {
        let list = root
            .query_selector_all("ol.transcript > li")
            .expect("a transcript");
        (0..list.length())
            .filter_map(|i| list.item(i)?.dyn_into::<Element>().ok())
            .filter_map(|li| li.get_attribute("data-i")?.parse().ok())
            .collect()
    };
    let row = |dir: &str| {
        let b = q(&root, &format!(".demo-transcript button[data-fold={dir}]")).expect("a fold row");
        (!b.has_attribute("hidden")).then(|| b.text_content().unwrap_or_default())
    };
    let window = |s: usize| (s..s + 1_000).collect::<Vec<_>>();
    // The first 1,000 steps, the rest counted by the row under the list.
    assert!(
        until(5_000, || ids() == window(0)).await,
        "{:?}",
        ids().len()
    );
    assert_eq!(row("up"), None);
    assert_eq!(row("down"), Some(format!("{} later steps", all - 1_000)));
    assert_eq!(
        q(&root, "ol.transcript").and_then(|ol| ol.get_attribute("aria-label")),
        Some("Transcript of the run".to_string())
    );
    click(&root, ".demo-transcript button[data-fold=down]");
    assert!(until(2_000, || ids() == window(all - 1_000)).await);
    assert_eq!(row("up"), Some(format!("{} earlier steps", all - 1_000)));
    assert_eq!(row("down"), None);
    // Its rows select their events, as any row does.
    let current =
        || q(&root, "ol.transcript > li.current").and_then(|li| li.get_attribute("data-i"));
    click(&root, &format!("ol.transcript > li[data-i='{}']", all - 1));
    assert!(until(2_000, || current() == Some((all - 1).to_string())).await);
    // Moved away from the selection, the window stays where it was moved.
    click(&root, ".demo-transcript button[data-fold=up]");
    assert!(until(2_000, || ids() == window(0)).await);
    TimeoutFuture::new(300).await;
    assert_eq!(ids(), window(0));
    assert_eq!(current(), None);
    // A step from the selection (outside the window) moves the window to
    // the step's event, and marks it.
    let scroller = q(&root, ".tl-scroll").expect("the timeline");
    js(
        &scroller,
        "el.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowLeft', bubbles: true, cancelable: true }));",
    );
    assert!(
        until(2_000, || current().is_some()).await,
        "{:?}",
        ids().first()
    );
    let now: usize = current().and_then(|i| i.parse().ok()).expect("a step");
    assert!(now < all - 1 && now > all - 10, "{now}");
    assert_eq!(ids().len(), 1_000);
    assert!(ids().contains(&now));
}

#[wasm_bindgen_test]
async fn instant_fills_the_transcript_with_the_recorded_events() {
    let (root, _h) = mount("", false);
    // Before the reader runs anything, the panel shows a recorded run of
    // its knobs (as the page was built with it).
    assert!(
        status(&root).starts_with("A run of the knobs above, recorded on the virtual clock: "),
        "{}",
        status(&root)
    );
    assert!(until(2_000, || !transcript(&root).is_empty()).await);
    let preview = transcript(&root);
    click(&root, "[data-action=instant]");
    assert!(
        until(2_000, || status(&root).starts_with("Finished")).await,
        "{}",
        status(&root)
    );
    let want = expected(3, 30);
    let got = transcript(&root);
    let want: Vec<(String, i64, String)> = want
        .events
        .iter()
        .map(|e| {
            (
                e.kind.as_str().to_string(),
                e.t_ms(),
                want.lane_name(e.lane).to_string(),
            )
        })
        .collect();
    assert_eq!(got, want);
    assert_eq!(got, preview, "the preview is the run Instant records");
    assert_eq!(
        status(&root),
        format!("Finished at t=90 ms, {} events (virtual clock).", got.len())
    );
    // Readable sentences, in order, each after the code the text uses.
    assert_eq!(
        text(&root, "ol.transcript > li[data-kind=yield]"),
        "R(0) t=30 ms — ticks yielded 0"
    );
    assert_eq!(
        text(&root, "ol.transcript > li[data-kind=note]"),
        "t=90 ms — main: done"
    );
    // The run's knobs are in the address bar, so the link reproduces it.
    let search = web_sys::window().and_then(|w| w.location().search().ok());
    assert_eq!(search.as_deref(), Some("?n=3&delay=30"));
    // The timeline drew one marker per event (a short run: all in view).
    let markers = root
        .query_selector_all(".tl-marks .ev")
        .expect("markers")
        .length();
    assert_eq!(markers as usize, got.len());
}

#[wasm_bindgen_test]
async fn live_run_records_the_same_kinds_as_instant_within_tolerance() {
    // Ticks further apart than LATE_MS: a doubled delay would fail.
    let (root, _h) = mount("?delay=120", false);
    click(&root, "[data-action=instant]");
    assert!(until(2_000, || status(&root).starts_with("Finished")).await);
    let virt = transcript(&root);

    let mut late = Vec::new();
    for _ in 0..ATTEMPTS {
        click(&root, "[data-action=run]");
        assert!(
            until(500, || status(&root).starts_with("Running")).await,
            "{}",
            status(&root)
        );
        assert!(
            until(5_000, || status(&root).starts_with("Finished")).await,
            "{}",
            status(&root)
        );
        assert!(
            status(&root).ends_with("(live clock)."),
            "{}",
            status(&root)
        );
        let live = transcript(&root);

        assert_eq!(kinds(&live), kinds(&virt), "same events in the same order");
        let mut miss = None;
        for i in 1..live.len() {
            let live_step = live[i].1 - live[i - 1].1;
            let virt_step = virt[i].1 - virt[i - 1].1;
            assert!(
                live_step >= virt_step - EARLY_MS,
                "event {i} ({}) came early: live step {live_step} ms, virtual step {virt_step} ms",
                live[i].0
            );
            if miss.is_none() && live_step > virt_step + LATE_MS {
                miss = Some(format!(
                    "event {i} ({}): live step {live_step} ms, virtual step {virt_step} ms",
                    live[i].0
                ));
            }
        }
        match miss {
            None => return,
            Some(m) => late.push(m),
        }
    }
    panic!("a step was late in each of {ATTEMPTS} live runs: {late:#?}");
}

#[wasm_bindgen_test]
async fn stop_mid_run_shows_the_cancel_the_drops_and_the_cleanup() {
    // Ticks 500 ms apart: the stop lands after the first and long before
    // the last, even on a busy machine.
    let (root, _h) = mount("?n=5&delay=500", false);
    click(&root, "[data-action=run]");
    // After the first tick, before the last.
    assert!(until(2_000, || kinds(&transcript(&root)).contains(&"body")).await);
    click(&root, "[data-action=stop]");
    assert!(
        until(1_000, || status(&root).starts_with("Stopped")).await,
        "{}",
        status(&root)
    );
    let got = transcript(&root);
    let k = kinds(&got);
    let cancel = k.iter().position(|k| *k == "cancel").expect("a cancel");
    let cleanup = k
        .iter()
        .position(|k| *k == "cleanup")
        .expect("the guard's cleanup");
    let drop = k.iter().position(|k| *k == "drop").expect("a drop");
    assert!(cancel < drop && drop < cleanup, "{k:?}");
    assert!(
        k.contains(&"timer-clear"),
        "the pending timer is cleared: {k:?}"
    );
    assert!(disabled(&root, "[data-action=stop]"));
    // Nothing ticks after the stop.
    let n = got.len();
    TimeoutFuture::new(700).await;
    assert_eq!(transcript(&root).len(), n, "no events after the stop");
}

#[wasm_bindgen_test]
async fn out_of_range_and_malformed_knob_values_block_the_run() {
    let (root, _h) = mount("", false);
    let input = q(&root, "input[name=n]").expect("the n field");
    js(
        &input,
        "el.value = '99'; el.dispatchEvent(new Event('input', { bubbles: true }));",
    );
    assert!(until(500, || !text(&root, "[data-knob=n] .knob-error").is_empty()).await);
    assert_eq!(
        text(&root, "[data-knob=n] .knob-error"),
        "Enter a number from 1 to 5."
    );
    assert_eq!(input.get_attribute("aria-invalid").as_deref(), Some("true"));
    assert!(disabled(&root, "[data-action=run]"));
    assert!(disabled(&root, "[data-action=instant]"));
    js(
        &input,
        "el.value = ''; el.dispatchEvent(new Event('input', { bubbles: true }));",
    );
    assert!(
        until(500, || text(&root, "[data-knob=n] .knob-error")
            == "Enter a whole number.")
        .await
    );
    js(
        &input,
        "el.value = '2'; el.dispatchEvent(new Event('input', { bubbles: true }));",
    );
    assert!(until(500, || !disabled(&root, "[data-action=run]")).await);
    assert_eq!(text(&root, "[data-knob=n] .knob-error"), "");
    click(&root, "[data-action=instant]");
    assert!(until(2_000, || status(&root).starts_with("Finished")).await);
    assert_eq!(
        kinds(&transcript(&root))
            .iter()
            .filter(|k| **k == "body")
            .count(),
        2
    );
}

#[wasm_bindgen_test]
async fn a_bad_value_in_the_link_is_ignored_with_a_notice_never_as_html() {
    let (root, _h) = mount("?n=%3Cimg%20src%3Dx%3E&delay=45&other=keep", false);
    let notice = text(&root, ".knob-notice");
    assert!(notice.contains("n=<img src=x>"), "{notice}");
    assert!(notice.contains("Enter a whole number."), "{notice}");
    assert!(
        q(&root, "img").is_none(),
        "the value was not rendered as HTML"
    );
    // The bad value kept the default; the good one was applied.
    let value = |name: &str| {
        q(&root, &format!("input[name={name}]"))
            .and_then(|i| i.dyn_into::<web_sys::HtmlInputElement>().ok())
            .map(|i| i.value())
    };
    // (Field values are properties set by an effect: give it a tick.)
    assert!(
        until(500, || value("n").as_deref() == Some("3")).await,
        "{:?}",
        value("n")
    );
    assert_eq!(value("delay").as_deref(), Some("45"));
    click(&root, "[data-action=instant]");
    assert!(
        until(2_000, || status(&root).starts_with("Finished at t=135 ms")).await,
        "{}",
        status(&root)
    );
    // The run rewrote its own knobs and kept the other parameter.
    let search = web_sys::window().and_then(|w| w.location().search().ok());
    assert_eq!(search.as_deref(), Some("?n=3&delay=45&other=keep"));
}

#[wasm_bindgen_test]
async fn replay_steps_with_the_keyboard_and_lights_the_line() {
    let (root, _h) = mount("", false);
    click(&root, "[data-action=instant]");
    assert!(until(2_000, || status(&root).starts_with("Finished")).await);
    let all = transcript(&root);
    click(&root, "[data-action=replay]");
    let focused = || {
        document()
            .active_element()
            .and_then(|e| e.get_attribute("data-i"))
            .and_then(|i| i.parse::<usize>().ok())
    };
    assert!(
        until(1_000, || focused() == Some(0)).await,
        "the first marker has focus"
    );
    let press = |key: &str| {
        let el = document().active_element().expect("focus");
        js(
            &el,
            &format!("el.dispatchEvent(new KeyboardEvent('keydown', {{ key: '{key}', bubbles: true, cancelable: true }}));"),
        );
    };
    // A step key takes the cursor from the playing replay.
    press("Home");
    assert!(until(1_000, || focused() == Some(0)).await);
    press("ArrowRight");
    press("ArrowRight");
    assert!(
        until(1_000, || focused() == Some(2)).await,
        "{:?}",
        focused()
    );
    // Fast key presses: the transcript's mark catches up when they pause.
    let current_item =
        || q(&root, "ol.transcript > li.current").and_then(|li| li.get_attribute("data-i"));
    assert!(
        until(1_000, || current_item().as_deref() == Some("2")).await,
        "{:?}",
        current_item()
    );
    assert_eq!(
        text(&root, ".tl-step-of"),
        format!("Event 3 of {}", all.len())
    );
    // Event 2 is the first wake: it points at the timer that caused it.
    assert_eq!(all[2].0, "wake");
    let lit = || q(&root, ".code-row.lit").and_then(|r| r.get_attribute("data-line"));
    assert_eq!(
        lit(),
        Some((FIRST_LINE + 8).to_string()),
        "the `sleep` line"
    );
    assert_eq!(
        text(&root, ".tl-lane[data-lane=ticks] .tl-lane-state"),
        "woken, to be polled"
    );
    press("ArrowLeft");
    assert!(until(1_000, || focused() == Some(1)).await);
    // Event 1 is the stream's first Pending, at the `s.next()` line.
    assert_eq!(all[1].0, "pending");
    assert!(
        until(500, || lit() == Some((FIRST_LINE + 13).to_string())).await,
        "{:?}",
        lit()
    );
    assert_eq!(
        text(&root, ".tl-lane[data-lane=ticks] .tl-lane-state"),
        "suspended after Pending"
    );
    // Defect 5: `main` is awaiting the stream, not "not started".
    assert_eq!(
        text(&root, ".tl-lane[data-lane=main] .tl-lane-state"),
        "awaiting next()"
    );
    press("End");
    assert!(until(1_000, || focused() == Some(all.len() - 1)).await);
    press("Home");
    assert!(until(1_000, || focused() == Some(0)).await);
    press("ArrowLeft");
    assert!(
        until(200, || focused() == Some(0)).await,
        "stays on the first"
    );
    // The page's own arrow keys never see the timeline's.
    let el = document().active_element().expect("focus");
    js(&el, "window.__seen = false; window.addEventListener('keydown', e => { window.__seen = !e.defaultPrevented; }, { once: true }); el.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowRight', bubbles: true, cancelable: true }));");
    let seen = js_sys::Reflect::get(&web_sys::window().expect("window"), &"__seen".into())
        .ok()
        .and_then(|v| v.as_bool());
    assert_eq!(seen, Some(false));
}

#[wasm_bindgen_test]
async fn hiding_timer_events_removes_their_markers_not_the_record() {
    let (root, _h) = mount("", false);
    click(&root, "[data-action=instant]");
    assert!(until(2_000, || status(&root).starts_with("Finished")).await);
    let markers = || {
        root.query_selector_all(".tl-marks .ev")
            .expect("markers")
            .length() as usize
    };
    let all = transcript(&root);
    let timers = kinds(&all)
        .iter()
        .filter(|k| k.starts_with("timer"))
        .count();
    assert!(timers > 0);
    assert_eq!(markers(), all.len());
    click(&root, ".tl-timers input");
    assert!(
        until(1_000, || markers() == all.len() - timers).await,
        "{}",
        markers()
    );
    assert_eq!(
        transcript(&root).len(),
        all.len(),
        "the transcript keeps every event"
    );
}

#[wasm_bindgen_test]
async fn leaving_the_page_stops_the_run() {
    let (root, handle) = mount("?n=5&delay=40", false);
    click(&root, "[data-action=run]");
    assert!(until(2_000, || kinds(&transcript(&root)).contains(&"body")).await);
    drop(handle);
    let ticks = TICKS.load(Ordering::SeqCst);
    TimeoutFuture::new(250).await;
    assert_eq!(
        TICKS.load(Ordering::SeqCst),
        ticks,
        "no timer fired after unmount"
    );
    assert!(q(&root, "section.demo").is_none(), "unmounted");
}

#[wasm_bindgen_test]
async fn a_new_run_replaces_a_running_one() {
    let (root, _h) = mount("?n=5&delay=50", false);
    for _ in 0..5 {
        click(&root, "[data-action=run]");
    }
    click(&root, "[data-action=instant]");
    assert!(until(2_000, || status(&root).starts_with("Finished")).await);
    let got = transcript(&root);
    let want = expected(5, 50);
    assert_eq!(got.len(), want.events.len(), "only the last run's events");
    let n = got.len();
    TimeoutFuture::new(200).await;
    assert_eq!(
        transcript(&root).len(),
        n,
        "the stopped live runs add nothing"
    );
}

#[wasm_bindgen_test]
async fn predict_is_graded_on_its_own_case_whatever_ran_before() {
    let (root, _h) = mount("", true);
    let verdict = || q(&root, ".predict-result").and_then(|r| r.get_attribute("data-verdict"));
    assert_eq!(verdict().as_deref(), Some("pick"));
    assert!(
        text(&root, ".predict-case").contains("n = 2"),
        "the case is shown"
    );
    // Pick "Before done" (wrong: the guard lives until the demo returns).
    click(&root, ".predict-options li:nth-child(2) input");
    assert!(until(500, || verdict().as_deref() == Some("run")).await);
    // A run in the panel (of other knobs) grades nothing: the question is
    // about its own case.
    click(&root, "[data-action=instant]");
    assert!(until(2_000, || !transcript(&root).is_empty()).await);
    assert_eq!(verdict().as_deref(), Some("run"));
    // "Run this case": graded on the case, and the panel shows that run.
    click(&root, ".predict-run");
    assert!(
        until(2_000, || verdict().as_deref() == Some("wrong")).await,
        "{:?}",
        verdict()
    );
    let result = text(&root, ".predict-result");
    assert!(result.contains("After done"), "{result}");
    assert!(
        result.contains("done is noted first"),
        "why the pick is wrong: {result}"
    );
    let field = q(&root, ".knob[data-knob=n] input")
        .and_then(|i| i.dyn_into::<web_sys::HtmlInputElement>().ok())
        .map(|i| i.value());
    assert_eq!(
        field.as_deref(),
        Some("2"),
        "the panel shows the case's knobs"
    );
    assert!(
        until(2_000, || transcript(&root)
            .iter()
            .filter(|(k, _, _)| k == "body")
            .count()
            == 2)
        .await
    );
    click(&root, ".predict-options li:nth-child(1) input");
    assert!(until(500, || verdict().as_deref() == Some("right")).await);
    assert!(text(&root, ".predict-result").contains("lives until the demo returns"));
}

/// The x of each drawn marker and each value label, by event index.
fn marker_and_label_xs(root: &Element) -> Vec<(f64, f64)> {
    let list = root
        .query_selector_all(".tl-labels .ev-label")
        .expect("labels");
    (0..list.length())
        .filter_map(|k| list.item(k)?.dyn_into::<Element>().ok())
        .filter_map(|label| {
            let i = label.get_attribute("data-i")?;
            let lx: f64 = label.get_attribute("x")?.parse().ok()?;
            let marker = q(root, &format!(".tl-marks .ev[data-i=\"{i}\"]"))?;
            let tr = marker.get_attribute("transform")?;
            let mx: f64 = tr
                .trim_start_matches("translate(")
                .split(' ')
                .next()?
                .parse()
                .ok()?;
            Some((mx, lx))
        })
        .collect()
}

#[wasm_bindgen_test]
async fn labels_stay_on_their_markers_at_every_zoom_and_the_run_ends_in_view() {
    let (root, _h) = mount("?n=3&delay=30", false);
    click(&root, "[data-action=instant]");
    assert!(until(2_000, || status(&root).starts_with("Finished")).await);
    // Item 10: after the run, the whole run is in view.
    let scroller = q(&root, ".tl-scroll").expect("scroll box");
    assert!(
        until(1_000, || scroller.scroll_width()
            <= scroller.client_width() + 1)
        .await,
        "{} > {}",
        scroller.scroll_width(),
        scroller.client_width()
    );
    // Defect 3: labels moved with their markers after every zoom.
    for action in ["zoom-in", "zoom-in", "fit", "zoom-out", "zoom-out", "fit"] {
        click(&root, &format!("[data-action={action}]"));
        TimeoutFuture::new(120).await;
        let pairs = marker_and_label_xs(&root);
        assert!(!pairs.is_empty(), "after {action}: no labels");
        for (mx, lx) in pairs {
            assert!(
                (mx - lx).abs() < 3.0,
                "after {action}: label at {lx}, marker at {mx}"
            );
        }
    }
    // Every run that ends is shown whole, not only the first (an Instant
    // run starts and ends in one tick).
    click(&root, "[data-action=zoom-in]");
    click(&root, "[data-action=zoom-in]");
    assert!(
        until(1_000, || scroller.scroll_width()
            > scroller.client_width() + 1)
        .await
    );
    click(&root, "[data-action=instant]");
    assert!(
        until(1_000, || scroller.scroll_width()
            <= scroller.client_width() + 1)
        .await,
        "second run: {} > {}",
        scroller.scroll_width(),
        scroller.client_width()
    );
}

#[wasm_bindgen_test]
async fn the_detail_line_describes_the_selected_event_and_its_burst() {
    let (root, _h) = mount("?n=3&delay=30", false);
    click(&root, "[data-action=instant]");
    assert!(until(2_000, || status(&root).starts_with("Finished")).await);
    let all = transcript(&root);
    click(&root, "[data-action=first]");
    click(&root, "[data-action=next]");
    click(&root, "[data-action=next]");
    // Defect 6: the line beside the plot follows each step.
    assert_eq!(all[2].0, "wake");
    assert!(
        until(1_000, || text(&root, ".tl-detail-line")
            .contains("ticks was woken"))
        .await,
        "{}",
        text(&root, ".tl-detail-line")
    );
    assert_eq!(
        q(&root, ".tl-detail-line").and_then(|p| p.get_attribute("aria-live")),
        Some("polite".to_string())
    );
    assert!(
        q(&root, ".tl-tooltip").is_none(),
        "no tooltip over the lanes"
    );
    // Item 8: the wake shares its millisecond with the yield and the loop
    // body: the row lists them in order, with their codes.
    let chips = || {
        let list = root
            .query_selector_all(".tl-burst-row .tl-chip")
            .expect("chips");
        (0..list.length())
            .filter_map(|k| list.item(k)?.text_content())
            .collect::<Vec<_>>()
    };
    assert!(until(1_000, || chips().len() >= 3).await, "{:?}", chips());
    let c = chips();
    let w = c.iter().position(|s| s == "W").expect("W");
    assert_eq!(&c[w + 1..w + 3], ["R(0)", "B(0)"], "{c:?}");
    // Item 11: the transcript row starts with the code the text uses.
    let first = q(&root, "ol.transcript > li .tr-code").and_then(|c| c.text_content());
    assert_eq!(first.as_deref(), Some("T+30"));
}

#[wasm_bindgen_test]
async fn replay_plays_the_run_forward_and_pauses() {
    let (root, _h) = mount("", false);
    click(&root, "[data-action=instant]");
    assert!(until(2_000, || status(&root).starts_with("Finished")).await);
    let n = transcript(&root).len();
    let current = || {
        q(&root, "ol.transcript > li.current")
            .and_then(|li| li.get_attribute("data-i"))
            .and_then(|i| i.parse::<usize>().ok())
    };
    // At ×1 it starts at the first event (a step takes at least 180 ms) …
    click(&root, "[data-action=replay]");
    assert!(
        until(1_000, || current() == Some(0)).await,
        "starts at the first event: {:?}",
        current()
    );
    // What has not been replayed yet is veiled: the veil starts just after
    // the selected marker and covers every later one.
    let veil_x = || {
        q(&root, ".tl-ahead")
            .and_then(|r| r.get_attribute("x"))
            .and_then(|x| x.parse::<f64>().ok())
    };
    assert!(veil_x().is_some(), "a veil while the replay plays");
    // … and at ×4 it plays forward by itself.
    js(
        &q(&root, "[data-action=speed]").expect("speed"),
        "el.value = '4'; el.dispatchEvent(new Event('change', { bubbles: true }));",
    );
    assert!(
        until(3_000, || current().is_some_and(|i| i >= 2)).await,
        "moves on by itself: {:?}",
        current()
    );
    // Pause holds it.
    click(&root, "[data-action=pause]");
    let held = current();
    assert!(
        until(500, || veil_x().is_some()).await,
        "and while it is paused part-way"
    );
    TimeoutFuture::new(300).await;
    assert_eq!(current(), held, "paused");
    // Play: it goes on from there, reaches the last event and stops.
    assert_eq!(text(&root, "[data-action=replay]").trim(), "Play");
    click(&root, "[data-action=replay]");
    TimeoutFuture::new(50).await;
    assert!(
        current() >= held,
        "resumed, not restarted: {:?} from {held:?}",
        current()
    );
    assert!(
        until(15_000, || current() == Some(n - 1)).await,
        "{:?} of {n}",
        current()
    );
    assert!(
        until(2_000, || q(&root, "[data-action=pause]")
            .is_some_and(|b| b.has_attribute("hidden")))
        .await
    );
    // At the end the whole run shows again.
    assert!(
        until(2_000, || veil_x().is_none()).await,
        "no veil after the replay"
    );
}
