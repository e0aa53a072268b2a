//! The drop analysis on small sources. (Every demo of the site is checked
//! against its recorded runs in `lessons/tests/drops.rs`.)

use super::*;

/// `(line, kind, via_traced)` of the places found for the value made on
/// line `made`.
fn sites(src: &str, made: u32) -> Vec<(u32, SiteKind, bool)> {
    let a = analyse(src).unwrap_or_else(|e| panic!("{e:?}"));
    let m = a
        .made
        .iter()
        .find(|m| m.line == made)
        .unwrap_or_else(|| panic!("nothing made on line {made}: {a:#?}"));
    m.sites
        .iter()
        .map(|s| (s.line, s.kind, s.via_traced))
        .collect()
}

fn must_see(src: &str, made: u32, line: u32) -> Vec<u32> {
    let a = analyse(src).unwrap();
    let m = a.made.iter().find(|m| m.line == made).unwrap();
    m.sites
        .iter()
        .find(|s| s.line == line)
        .unwrap()
        .must_see
        .clone()
}

const SCOPE: &str = "\
async fn run(k: Knobs) {
    {
        let mut s = traced(\"a\", stream::iter(0..3));
        while let Some(x) = s.next().await {
            body(x);
        }
        if k.flag(\"now\") {
            drop(s);
        }
        note(\"after loop\");
    }
    note(\"after scope\");
}
";

#[test]
fn a_local_goes_at_the_closing_brace_or_at_drop() {
    use SiteKind::End;
    assert_eq!(sites(SCOPE, 3), [(8, End, false), (11, End, false)]);
    // Reaching the brace means `after loop` was recorded; `drop(s)` needs
    // nothing (`body` is inside the loop, `note` after it).
    assert_eq!(must_see(SCOPE, 3, 11), [10]);
    assert_eq!(must_see(SCOPE, 3, 8), Vec::<u32>::new());
}

#[test]
fn a_value_moved_on_every_path_does_not_reach_its_brace() {
    let src = "\
async fn run(k: Knobs) {
    let s = traced(\"a\", stream::iter(0..3));
    if k.flag(\"f\") {
        let f = s.fuse();
        note(\"fused\");
    } else {
        let g = s;
    }
}
";
    use SiteKind::End;
    assert_eq!(sites(src, 2), [(6, End, false), (8, End, false)]);
    assert_eq!(must_see(src, 2, 6), [5]);
}

#[test]
fn a_guard_in_an_unfold_state_goes_at_return_none_or_with_its_stream() {
    let src = "\
async fn run(k: Knobs) {
    let mut s = traced(\"gen\", numbers(3));
    while let Some(x) = s.next().await {
        body(x);
    }
}

fn numbers(n: u64) -> impl Stream<Item = u64> {
    let state = (0, Guard::new(\"g\"));
    stream::unfold(state, move |(i, guard)| async move {
        if i == n {
            return None;
        }
        Some((i, (i + 1, guard)))
    })
}
";
    let found = sites(src, 9);
    assert!(
        found.contains(&(12, SiteKind::ReturnEnd, false)),
        "{found:?}"
    );
    assert!(found.contains(&(6, SiteKind::End, true)), "{found:?}");
    assert_eq!(sites(src, 2), [(6, SiteKind::End, false)]);
}

#[test]
fn a_question_mark_and_the_end_of_an_async_fn() {
    let src = "\
async fn consume() -> Result<(), E> {
    let mut s = traced(\"a\", fetch());
    while let Some(x) = s.try_next().await? {
        body(x);
    }
    Ok(())
}
";
    assert_eq!(
        sites(src, 2),
        [(3, SiteKind::Try, false), (7, SiteKind::End, false)]
    );
}

#[test]
fn a_temporary_goes_at_the_end_of_its_statement() {
    let src = "\
async fn run() {
    let make = |name| traced(name, stream::iter(0..2));
    let one: Vec<u64> = make(\"one\")
        .collect()
        .await;
    note(\"one\");
}
";
    let found = sites(src, 2);
    assert!(found.contains(&(5, SiteKind::End, false)), "{found:?}");
}

#[test]
fn a_value_the_analysis_loses_is_an_error_with_the_fix() {
    let src = "\
async fn run(slot: &mut Option<Traced<S>>) {
    *slot = Some(traced(\"a\", stream::iter(0..2)));
}
";
    let errors = analyse(src).unwrap_err();
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert_eq!(errors[0].0, 2);
    assert!(
        errors[0].1.contains("explicit `drop(x)`"),
        "{}",
        errors[0].1
    );
}

#[test]
fn the_registry_expression_names_every_place() {
    let a = analyse(SCOPE).unwrap();
    let code = rust_expr(&a);
    assert!(code.starts_with("Drops { made: &[Made { line: 3, sites: &["));
    assert!(
        code.contains("Site { line: 11, kind: SiteKind::End, via_traced: false, must_see: &[10] }")
    );
    assert!(code.contains("anchors: &[4, 5, 10, 12]"), "{code}");
}
