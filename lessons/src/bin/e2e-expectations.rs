//! Writes what the end-to-end tests expect of every lesson page, computed
//! here from the lessons themselves (so each demo's timeline is written once,
//! in its own tests, and never copied into the specs):
//!
//! ```text
//! cargo run -q -p lessons --bin e2e-expectations -- OUT.json [VARIANTS.txt]
//! ```
//!
//! `cargo xtask test` runs it before the end-to-end phase (OUT is
//! `target/e2e/expectations.json`); `end2end/lessons.mjs` reads it. For each
//! lesson (by slug):
//!
//! - `demos`: per language, the demo ids in page order;
//! - `runs`: per demo, its run with the default knobs on the virtual clock,
//!   as the page's transcript lists it: `{kind, t, lane}` per event (timer
//!   events included; `t` in whole ms, as `data-t`);
//! - `predicts`: per language, each question in page order: `demo`, `id`,
//!   `case` (its knob values), `options` (how many), `answer`, the option
//!   [`lessons::Predict::answer`] computes from a run of the case, and
//!   `events`, that run (the page's demo shows it when the reader runs the
//!   case);
//! - `variants`: per `demo?query` line of VARIANTS (`slug<TAB>demo<TAB>query`,
//!   listed by `end2end/cases.mjs` from the specs), the run the page gives
//!   with those knobs in its URL, and `answers`: what each predict check of
//!   that demo would say about *that* run (the tests show that the page
//!   grades a question on its own case, not on this run).

use std::fmt::Write as _;
use std::process::ExitCode;

use lessons::{Block, Demo, Knobs, Lang, Lesson, Predict, LESSONS};
use trace::Trace;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some(out) = args.first() else {
        eprintln!("usage: e2e-expectations OUT.json [VARIANTS.txt]");
        return ExitCode::FAILURE;
    };
    let variants = match args.get(1).map(std::fs::read_to_string).transpose() {
        Ok(text) => text.unwrap_or_default(),
        Err(e) => {
            eprintln!("e2e-expectations: cannot read {}: {e}", args[1]);
            return ExitCode::FAILURE;
        }
    };
    match expectations(&variants) {
        Ok(json) => match std::fs::write(out, json) {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => {
                eprintln!("e2e-expectations: cannot write {out}: {e}");
                ExitCode::FAILURE
            }
        },
        Err(e) => {
            eprintln!("e2e-expectations: {e}");
            ExitCode::FAILURE
        }
    }
}

/// One variant: the page of `slug` opened with `query`, and its demo `demo`.
struct Variant<'a> {
    slug: &'a str,
    demo: &'a str,
    query: &'a str,
}

fn parse_variants(text: &str) -> Result<Vec<Variant<'_>>, String> {
    text.lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| {
            let mut parts = l.split('\t');
            match (parts.next(), parts.next(), parts.next(), parts.next()) {
                (Some(slug), Some(demo), Some(query), None) => Ok(Variant { slug, demo, query }),
                _ => Err(format!(
                    "a variant line is `slug<TAB>demo<TAB>query`, not {l:?}"
                )),
            }
        })
        .collect()
}

/// The whole file.
fn expectations(variants: &str) -> Result<String, String> {
    let variants = parse_variants(variants)?;
    for v in &variants {
        let lesson = lessons::by_slug(v.slug).ok_or(format!("no lesson `{}`", v.slug))?;
        lesson
            .demo(v.demo)
            .ok_or(format!("lesson `{}` has no demo `{}`", v.slug, v.demo))?;
    }
    let mut o = String::from("{\n  \"lessons\": {");
    for (i, lesson) in LESSONS.iter().enumerate() {
        let sep = if i == 0 { "" } else { "," };
        let _ = write!(o, "{sep}\n    {}: ", json_str(lesson.slug));
        let mine: Vec<&Variant> = variants.iter().filter(|v| v.slug == lesson.slug).collect();
        one_lesson(&mut o, lesson, &mine)?;
    }
    o.push_str("\n  }\n}\n");
    Ok(o)
}

fn one_lesson(o: &mut String, lesson: &Lesson, variants: &[&Variant]) -> Result<(), String> {
    o.push_str("{\n      \"demos\": {");
    for (i, lang) in [Lang::En, Lang::Zh].into_iter().enumerate() {
        let ids: Vec<String> = lesson
            .page(lang)
            .blocks
            .iter()
            .filter_map(|b| match b {
                Block::Demo(id) => Some(json_str(id)),
                _ => None,
            })
            .collect();
        let sep = if i == 0 { "" } else { "," };
        let _ = write!(o, "{sep} {}: [{}]", json_str(lang.code()), ids.join(", "));
    }
    o.push_str(" },\n      \"runs\": {");
    for (i, demo) in lesson.demos.iter().enumerate() {
        let sep = if i == 0 { "" } else { "," };
        let t = trace::run_virtual((demo.run)(Knobs::defaults(demo.knobs)));
        let _ = write!(o, "{sep}\n        {}: {}", json_str(demo.id), events(&t));
    }
    o.push_str("\n      },\n      \"predicts\": {");
    for (i, lang) in [Lang::En, Lang::Zh].into_iter().enumerate() {
        let sep = if i == 0 { "" } else { "," };
        let _ = write!(o, "{sep}\n        {}: [", json_str(lang.code()));
        for (j, p) in predicts(lesson, lang).enumerate() {
            let demo = lesson.demo(p.demo).ok_or(format!(
                "{}: predict about a missing demo `{}`",
                lesson.slug, p.demo
            ))?;
            let (_, errors) = p.case_knobs(demo);
            if !errors.is_empty() {
                return Err(format!(
                    "{}: predict {} {}: bad case {errors:?}",
                    lesson.slug, p.demo, p.id
                ));
            }
            // As `Predict::answer` does, keeping the run: the page shows it
            // when the reader runs the case.
            let (knobs, _) = p.case_knobs(demo);
            let t = trace::run_virtual((demo.run)(knobs));
            let answer = (p.check)(&t);
            if answer != p.answer(demo) {
                return Err(format!(
                    "{}: predict {} {}: two runs of its case disagree",
                    lesson.slug, p.demo, p.id
                ));
            }
            let answer = answer.map_or("null".to_string(), |a| a.to_string());
            let case: Vec<String> = p
                .case
                .iter()
                .map(|(k, v)| format!("{}: {}", json_str(k), json_str(v)))
                .collect();
            let sep = if j == 0 { "" } else { "," };
            let _ = write!(
                o,
                "{sep}\n          {{ \"demo\": {}, \"id\": {}, \"case\": {{{}}}, \"options\": {}, \"answer\": {answer},\n            \"events\": {} }}",
                json_str(p.demo),
                json_str(p.id),
                case.join(", "),
                p.options.len(),
                events(&t),
            );
        }
        o.push_str("\n        ]");
    }
    o.push_str("\n      },\n      \"variants\": {");
    for (i, v) in variants.iter().enumerate() {
        let demo = lesson.demo(v.demo).expect("checked in expectations()");
        let t = run_query(demo, v.query)?;
        let answers: Vec<String> = predicts(lesson, Lang::En)
            .filter(|p| p.demo == demo.id)
            .map(|p| {
                let a = (p.check)(&t).map_or("null".to_string(), |a| a.to_string());
                format!("{}: {a}", json_str(p.id))
            })
            .collect();
        let sep = if i == 0 { "" } else { "," };
        let _ = write!(
            o,
            "{sep}\n        {}: {{\n          \"answers\": {{{}}},\n          \"events\": {}\n        }}",
            json_str(&format!("{}?{}", v.demo, v.query)),
            answers.join(", "),
            events(&t)
        );
    }
    o.push_str("\n      }\n    }");
    Ok(())
}

/// The predict questions of a page, in order.
fn predicts(lesson: &Lesson, lang: Lang) -> impl Iterator<Item = &Predict> {
    lesson.page(lang).blocks.iter().filter_map(|b| match b {
        Block::Predict(p) => Some(p),
        _ => None,
    })
}

/// Runs `demo` with the knobs of a URL query (`a=1&b=2`), as the page does.
fn run_query(demo: &Demo, query: &str) -> Result<Trace, String> {
    let pairs: Vec<(&str, &str)> = query
        .split('&')
        .filter(|p| !p.is_empty())
        .map(|p| p.split_once('=').unwrap_or((p, "")))
        .collect();
    if query.contains('%') || query.contains('+') {
        return Err(format!("variant query `{query}`: write it without escapes"));
    }
    let (knobs, errors) = Knobs::from_pairs(demo.knobs, pairs.iter().copied());
    if !errors.is_empty() {
        return Err(format!(
            "variant `{}?{query}`: bad knob values {errors:?}",
            demo.id
        ));
    }
    Ok(trace::run_virtual((demo.run)(knobs)))
}

/// A run's events as the transcript lists them, one per line.
fn events(t: &Trace) -> String {
    let rows: Vec<String> = t
        .events
        .iter()
        .map(|e| {
            format!(
                "{{ \"kind\": {}, \"t\": {}, \"lane\": {} }}",
                json_str(e.kind.as_str()),
                e.t_ms(),
                json_str(t.lane_name(e.lane))
            )
        })
        .collect();
    if rows.is_empty() {
        return "[]".into();
    }
    format!("[\n          {}\n        ]", rows.join(",\n          "))
}

/// `s` as a JSON string.
fn json_str(s: &str) -> String {
    let mut o = String::with_capacity(s.len() + 2);
    o.push('"');
    for c in s.chars() {
        match c {
            '"' => o.push_str("\\\""),
            '\\' => o.push_str("\\\\"),
            '\n' => o.push_str("\\n"),
            c if u32::from(c) < 0x20 => {
                let _ = write!(o, "\\u{:04x}", u32::from(c));
            }
            c => o.push(c),
        }
    }
    o.push('"');
    o
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strings_are_json() {
        assert_eq!(json_str("make() #1"), r#""make() #1""#);
        assert_eq!(json_str("a\"b\\c\nd\u{1}"), r#""a\"b\\c\nd\u0001""#);
        assert_eq!(json_str("项"), "\"项\"");
    }

    #[test]
    fn variant_lines_have_three_fields() {
        let v = parse_variants("a\tb\tx=1&y=2\n\n").expect("valid");
        assert_eq!((v[0].slug, v[0].demo, v[0].query), ("a", "b", "x=1&y=2"));
        assert!(parse_variants("a b x=1").is_err());
        assert!(expectations("no-such-lesson\tb\tx=1").is_err());
    }

    #[test]
    fn a_bad_knob_value_in_a_variant_is_an_error() {
        let l = &LESSONS[0];
        let d = &l.demos[0];
        let k = d.knobs.first().expect("the first demo has a knob");
        let line = format!("{}\t{}\t{}=not-a-number", l.slug, d.id, k.name);
        assert!(expectations(&line).is_err());
    }
}
