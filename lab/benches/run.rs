//! Cost of a Lab run on the virtual clock: a 10 000-item pipeline
//! (a counter with a 1 ms period → `map` → `filter` → the loop) built from
//! the model and recorded, with no event limit; and how many events it makes.
//!
//! Measured on the project's 2-core machine (native, release): about 20 ms
//! for 100 006 events, so about 0.2 µs an event.

use criterion::{criterion_group, criterion_main, Criterion};
use lab::model::{Consumer, Expr, Pipeline, Pred, Source, Stage};
use trace::{Clock, Limits, Run, Status};

/// The benchmark's pipeline.
fn pipeline() -> Pipeline {
    Pipeline {
        sources: vec![Source::Counter {
            period_ms: 1,
            count: 10_000,
        }],
        stages: vec![Stage::Map(Expr::Mul(3)), Stage::Filter(Pred::Even)],
        consumer: Consumer::default(),
    }
}

/// Records the pipeline to the end with no event limit; its event count.
fn record(p: &Pipeline) -> usize {
    let run = Run::with_limits(
        Clock::Virtual,
        Limits {
            max_events: usize::MAX,
            max_virtual_ms: u64::MAX,
        },
    );
    run.start(lab::run::pipeline(p));
    assert_eq!(run.run_to_end(), Status::Finished);
    run.event_count()
}

fn bench(c: &mut Criterion) {
    let p = pipeline();
    lab::check::check(&p).expect("the benchmark's pipeline passes the check");
    println!("10,000-item pipeline: {} events", record(&p));
    c.bench_function("lab run: 10,000 items, map, filter (virtual clock)", |b| {
        b.iter(|| record(&p));
    });
}

criterion_group!(benches, bench);
criterion_main!(benches);
