//! The corpus test: the shown code and the Lab's run record the same trace.

use std::collections::HashSet;

use lab::model::{Source, Stage};
use trace::Trace;

use crate::generated::NATIVE;
use crate::pipelines::corpus;

/// Every event as `t lane:code` (kind, value, lane and time; not the line,
/// which differs by design), one per line, after the lanes and the status.
fn record(t: &Trace) -> String {
    let mut out = format!("lanes {:?}\nstatus {:?}\n", t.lanes, t.status);
    for e in &t.events {
        out.push_str(&format!(
            "t{} {}:{}\n",
            e.t_ms(),
            t.lane_name(e.lane),
            e.short()
        ));
    }
    out
}

#[test]
fn the_shown_code_records_the_labs_trace() {
    let corpus = corpus();
    assert_eq!(corpus.len(), NATIVE.len(), "build.rs wrote every pipeline");
    let mut failures = Vec::new();
    for (i, ((name, p), native)) in corpus.iter().zip(NATIVE).enumerate() {
        let lab = lab::run::run_virtual(p).expect("corpus pipelines pass the check");
        let typed = trace::run_virtual(native());
        assert_eq!(
            lab.notation(|_| true),
            typed.notation(|_| true),
            "p{i} ({name}): notation differs"
        );
        let code = lab::rust::rust_code(p).expect("checked");
        let names: Vec<&String> = code.lane_lines.iter().map(|(n, _)| n).collect();
        assert_eq!(
            names,
            lab.lanes.iter().collect::<Vec<_>>(),
            "p{i}: lane lines"
        );
        for (lane, line) in &code.lane_lines {
            let text = code.text.lines().nth(*line as usize - 1).unwrap_or("");
            let wanted = if lane == "main" {
                text.contains("while let") || text.contains("traced_future(")
            } else {
                text.contains("traced(") || text.contains("traced_future(")
            };
            assert!(wanted, "p{i} ({name}): lane {lane} at line {line}: {text}");
        }
        if record(&lab) != record(&typed) {
            failures.push(format!(
                "p{i} ({name}):\n--- lab\n{}--- code\n{}",
                record(&lab),
                record(&typed)
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn the_corpus_has_fifty_pipelines_and_every_variant() {
    let corpus = corpus();
    assert!(corpus.len() >= 50, "{} pipelines", corpus.len());
    let mut stages = HashSet::new();
    let mut sources = HashSet::new();
    for (_, p) in &corpus {
        for s in &p.stages {
            stages.insert(std::mem::discriminant(s));
        }
        for s in &p.sources {
            sources.insert(std::mem::discriminant(s));
        }
    }
    // One of each variant: adding a variant to the model without a
    // corpus entry fails to compile here (the match is exhaustive).
    let every_stage = |s: &Stage| match s {
        Stage::Map(_)
        | Stage::Filter(_)
        | Stage::Then { .. }
        | Stage::Take(_)
        | Stage::Skip(_)
        | Stage::TakeWhile(_)
        | Stage::TakeUntil(_)
        | Stage::Chain(_)
        | Stage::Zip(_)
        | Stage::Select(_)
        | Stage::SelectAll
        | Stage::Flatten(_)
        | Stage::FlatMap(_)
        | Stage::Scan { .. }
        | Stage::Fold { .. }
        | Stage::Chunks(_)
        | Stage::ReadyChunks(_)
        | Stage::Buffered { .. }
        | Stage::BufferUnordered { .. }
        | Stage::Fuse
        | Stage::Peekable
        | Stage::Timeout(_) => 22,
    };
    assert_eq!(
        stages.len(),
        every_stage(&Stage::Fuse),
        "every Stage variant"
    );
    let every_source = |s: &Source| match s {
        Source::Marbles { .. } | Source::Counter { .. } | Source::Unfold { .. } => 3,
    };
    assert_eq!(
        sources.len(),
        every_source(&Source::Counter {
            period_ms: 0,
            count: 0
        })
    );
    let errors = corpus.iter().filter(|(_, p)| {
        p.sources.iter().any(|s| {
            matches!(
                s,
                Source::Marbles {
                    end: lab::model::End::Error { .. },
                    ..
                }
            )
        })
    });
    assert!(errors.count() >= 5, "errors are covered");
}

#[test]
fn the_shown_code_is_laid_out_as_rustfmt_lays_it_out() {
    let Ok(out) = std::process::Command::new("rustfmt")
        .arg("--version")
        .output()
    else {
        eprintln!("rustfmt not found: layout not checked");
        return;
    };
    assert!(out.status.success());
    let mut failures = Vec::new();
    for (i, (name, p)) in corpus().iter().enumerate() {
        let code = lab::rust::rust_code(p).expect("checked").text;
        let mut child = std::process::Command::new("rustfmt")
            .args(["--edition", "2021", "--emit", "stdout", "--quiet"])
            .stdin(std::process::Stdio::piped())
            .stdout(std::process::Stdio::piped())
            .spawn()
            .expect("rustfmt runs");
        use std::io::Write;
        child
            .stdin
            .take()
            .expect("piped")
            .write_all(code.as_bytes())
            .expect("rustfmt reads");
        let out = child.wait_with_output().expect("rustfmt ends");
        let formatted = String::from_utf8_lossy(&out.stdout);
        if formatted != code {
            failures.push(format!("p{i} ({name}):\n{code}--- rustfmt:\n{formatted}"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
