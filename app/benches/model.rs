//! Cost of the timeline model on a 10,000-event run: a full layout (what a
//! zoom costs), the queries one frame of the view makes, and fit-to-width;
//! and a 10,000-item Stream Lab pipeline recorded and laid out (issue 15
//! asks ≤ 100 ms for both together).

use app::timeline_model::{KindSet, Scale, Timeline};
use criterion::{criterion_group, criterion_main, Criterion};
use futures::stream;
use trace::{body, run_virtual, sleep, traced, Trace};

/// 10,000 events: a stream of 2,500 items, one every ms.
fn big_trace() -> Trace {
    run_virtual(async {
        let mut s = traced(
            "ticks",
            stream::unfold(0u32, |i| async move {
                if i == 2_500 {
                    return None;
                }
                sleep(1).await;
                Some((i, i + 1))
            }),
        );
        while let Some(x) = s.next().await {
            body(x);
        }
    })
}

fn model(c: &mut Criterion) {
    let trace = big_trace();
    assert!(trace.events.len() >= 10_000, "{}", trace.events.len());
    c.bench_function("layout 10,000 events", |b| {
        b.iter(|| Timeline::from_trace(&trace, Scale::default(), KindSet::ALL));
    });
    let tl = Timeline::from_trace(&trace, Scale::default(), KindSet::ALL);
    let mid = tl.x_at(tl.shown_len() / 2);
    c.bench_function("one frame's queries (800 px window)", |b| {
        b.iter(|| {
            let r = tl.visible(mid, mid + 800.0);
            let s = tl.spans_in(mid, mid + 800.0, tl.end_x());
            let t = tl.ticks(mid, mid + 800.0, 64.0);
            (r, s.len(), t.len())
        });
    });
    c.bench_function("fit zoom of 10,000 events", |b| {
        b.iter(|| tl.fit_zoom(800.0));
    });
    c.bench_function("lane states at the last event", |b| {
        b.iter(|| tl.lane_states_at(tl.events().len() - 1, true));
    });
}

fn lab(c: &mut Criterion) {
    let p = lab::model::Pipeline::benchmark();
    let limits = trace::Limits {
        max_events: usize::MAX,
        max_virtual_ms: u64::MAX,
    };
    let t = lab::run::run_virtual_with(&p, limits).expect("the pipeline passes the check");
    println!("the Lab's 10,000-item pipeline: {} events", t.events.len());
    c.bench_function("Lab: record and lay out 10,000 items", |b| {
        b.iter(|| {
            let t = lab::run::run_virtual_with(&p, limits).expect("checked");
            Timeline::from_trace(&t, Scale::default(), KindSet::ALL).shown_len()
        });
    });
}

criterion_group!(benches, model, lab);
criterion_main!(benches);
