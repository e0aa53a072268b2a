//! Every demo on the site runs to its end on the virtual clock — with its
//! default knobs, and with each knob at its minimum and at its maximum —
//! without panicking and within the run limits (a demo whose lesson
//! teaches a hang may also end `Stalled`). And every predict question
//! can be answered from a run of its own case.
//!
//! A demo's exact timeline is its author's test (inline in the demo file);
//! this one catches odd knob values: zero items, zero delays, a break after
//! the last item, the largest counts.

use std::panic::{catch_unwind, AssertUnwindSafe};

use lessons::testing::knob_extremes;
use lessons::{Block, Demo, KnobKind, Knobs, Lesson, LESSONS};
use trace::{Clock, Run, Status, Trace};

/// Runs a demo on the virtual clock; a panic becomes an `Err` with its message.
fn run(demo: &Demo, knobs: Knobs) -> Result<(Status, Trace), String> {
    catch_unwind(AssertUnwindSafe(|| {
        let run = Run::new(Clock::Virtual);
        run.start((demo.run)(knobs));
        let status = run.run_to_end();
        (status, run.trace())
    }))
    .map_err(|p| {
        p.downcast_ref::<String>()
            .cloned()
            .or_else(|| p.downcast_ref::<&str>().map(|s| s.to_string()))
            .unwrap_or_else(|| "a panic".to_string())
    })
}

fn tail(t: &Trace) -> String {
    let n = t.events.len();
    let events: Vec<String> = t.events[n.saturating_sub(6)..]
        .iter()
        .map(|e| format!("t{} {}", e.t_ms(), e.short()))
        .collect();
    events.join(" · ")
}

/// The demos whose lesson teaches a hang: their runs may end `Stalled`
/// (nothing left to wake them), as `slug/demo`. Every other run must finish.
const MAY_HANG: &[&str] = &["when-concurrency-stalls/futurelock"];

/// Whether a run that ended with `status` ended as its demo may.
fn ended_well(l: &Lesson, d: &Demo, status: Status) -> bool {
    status == Status::Finished
        || (status == Status::Stalled
            && MAY_HANG.contains(&format!("{}/{}", l.slug, d.id).as_str()))
}

fn predicts(l: &Lesson, demo: &str) -> Vec<&'static lessons::Predict> {
    l.en.blocks
        .iter()
        .filter_map(|b| match b {
            Block::Predict(p) if p.demo == demo => Some(p),
            _ => None,
        })
        .collect()
}

#[test]
fn knobs_are_well_formed() {
    let mut problems = Vec::new();
    for l in LESSONS {
        for d in l.demos {
            let at = format!("{} (lesson {:02})", d.path, l.number);
            for (i, k) in d.knobs.iter().enumerate() {
                if d.knobs[..i].iter().any(|o| o.name == k.name) {
                    problems.push(format!("{at}: knob `{}` is declared twice", k.name));
                }
                if k.label_en.trim().is_empty() || k.label_zh.trim().is_empty() {
                    problems.push(format!(
                        "{at}: knob `{}` needs labels in both languages",
                        k.name
                    ));
                }
                let ok = match k.kind {
                    KnobKind::Int { min, max, .. } => min <= k.default && k.default <= max,
                    KnobKind::Bool => k.default == 0 || k.default == 1,
                    KnobKind::Choice(c) => {
                        !c.is_empty() && (0..c.len() as i64).contains(&k.default)
                    }
                };
                if !ok {
                    problems.push(format!(
                        "{at}: knob `{}` has a default outside its range",
                        k.name
                    ));
                }
                if k.parse(&k.format(k.default)) != Ok(k.default) {
                    problems.push(format!(
                        "{at}: knob `{}`: its default does not survive a URL round trip",
                        k.name
                    ));
                }
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn every_demo_finishes_at_every_knob_extreme() {
    let mut problems = Vec::new();
    let mut runs = 0;
    for l in LESSONS {
        for d in l.demos {
            for (what, knobs) in knob_extremes(d.knobs) {
                runs += 1;
                let at = format!("{} with {what}", d.path);
                match run(d, knobs) {
                    Err(panic) => problems.push(format!("{at}: panicked: {panic}")),
                    Ok((status, t)) if ended_well(l, d, status) => {
                        for p in predicts(l, d.id) {
                            let answer = catch_unwind(AssertUnwindSafe(|| (p.check)(&t)));
                            match answer {
                                Err(_) => problems.push(format!(
                                    "{at}: predict_{} panicked on the finished run",
                                    p.id
                                )),
                                Ok(Some(i)) if i >= p.options.len() => problems.push(format!(
                                    "{at}: predict_{} answered option {i}, but the question has {} options",
                                    p.id,
                                    p.options.len()
                                )),
                                Ok(_) => {}
                            }
                        }
                    }
                    Ok((status, t)) => problems.push(format!(
                        "{at}: ended {status:?} after {} events (a run must finish; it is stopped at 50,000 events or 10 virtual minutes); last events: {}",
                        t.events.len(),
                        tail(&t)
                    )),
                }
            }
        }
    }
    eprintln!("{runs} demo runs");
    assert!(
        problems.is_empty(),
        "{} of {runs} runs went wrong:\n{}",
        problems.len(),
        problems.join("\n")
    );
}

/// Each question is graded on a run of its own case (its knob values), so
/// that case must be valid for the demo and its finished run must answer.
#[test]
fn every_predict_answers_its_own_case() {
    let mut problems = Vec::new();
    let mut asked = 0;
    for l in LESSONS {
        for page in [&l.en, &l.zh] {
            for b in page.blocks {
                let Block::Predict(p) = b else { continue };
                asked += 1;
                let at = format!("lesson {:02} `:::predict {} {}`", l.number, p.demo, p.id);
                let Some(d) = l.demos.iter().find(|d| d.id == p.demo) else {
                    problems.push(format!("{at}: no such demo"));
                    continue;
                };
                let (knobs, refused) = p.case_knobs(d);
                for (name, e) in refused {
                    problems.push(format!("{at}: the case's `{name}` is refused: {e}"));
                }
                if p.why.len() != p.options.len() {
                    problems.push(format!(
                        "{at}: {} explanations for {} options",
                        p.why.len(),
                        p.options.len()
                    ));
                }
                match run(d, knobs) {
                    Err(panic) => problems.push(format!("{at}: the case panicked: {panic}")),
                    Ok((status, t)) if ended_well(l, d, status) => {
                        match catch_unwind(AssertUnwindSafe(|| (p.check)(&t))) {
                            Ok(Some(i)) if i < p.options.len() => {
                                // The page grades with `Predict::answer`: the same run.
                                assert_eq!(
                                    p.answer(d),
                                    Some(i),
                                    "{at}: answer() differs from the test's run"
                                );
                            }
                            Ok(Some(i)) => problems
                                .push(format!("{at}: answered option {i} of {}", p.options.len())),
                            Ok(None) => problems.push(format!(
                                "{at}: cannot tell the answer from its case's finished run"
                            )),
                            Err(_) => problems.push(format!("{at}: predict_{} panicked", p.id)),
                        }
                    }
                    Ok((status, t)) => problems.push(format!(
                        "{at}: the case ended {status:?} after {} events; last: {}",
                        t.events.len(),
                        tail(&t)
                    )),
                }
            }
        }
    }
    assert!(asked > 0, "no predict questions found");
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}
