//! Cost of recording: one `note` (a `&'static str` label), one traced
//! `poll_next` that yields at once, and a whole 10,000-event virtual run.

use criterion::{criterion_group, criterion_main, Criterion};
use futures::stream;
use trace::{body, note, run_virtual, traced, Clock, Limits, Run};

fn record(c: &mut Criterion) {
    c.bench_function("note (one event)", |b| {
        b.iter_custom(|n| {
            let run = Run::with_limits(
                Clock::Virtual,
                Limits {
                    max_events: usize::MAX,
                    max_virtual_ms: 1,
                },
            );
            let start = std::rc::Rc::new(std::cell::Cell::new(None));
            let s2 = start.clone();
            run.start(async move {
                let t0 = std::time::Instant::now();
                for _ in 0..n {
                    note("x");
                }
                s2.set(Some(t0.elapsed()));
            });
            run.run_to_end();
            start.get().expect("ran")
        });
    });
    c.bench_function("traced poll_next + body (two events)", |b| {
        b.iter_custom(|n| {
            let out = std::rc::Rc::new(std::cell::Cell::new(None));
            let o2 = out.clone();
            let run = Run::with_limits(
                Clock::Virtual,
                Limits {
                    max_events: usize::MAX,
                    max_virtual_ms: 1,
                },
            );
            run.start(async move {
                let mut s = traced("s", stream::iter(0..n));
                let t0 = std::time::Instant::now();
                while let Some(x) = s.next().await {
                    body(x);
                }
                o2.set(Some(t0.elapsed()));
            });
            run.run_to_end();
            out.get().expect("ran")
        });
    });
    c.bench_function("virtual run of 10,000 events", |b| {
        b.iter(|| {
            run_virtual(async {
                let mut s = traced("s", stream::iter(0..5_000u32));
                while let Some(x) = s.next().await {
                    body(x);
                }
            })
        });
    });
}

criterion_group!(benches, record);
criterion_main!(benches);
