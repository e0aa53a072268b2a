use super::*;
use crate::testgen::{track, Rng};

fn m(at_ms: u32, value: i64) -> Marble {
    Marble { at_ms, value }
}

#[test]
fn reads_the_notation() {
    assert_eq!(
        parse("-1--2-3|"),
        Ok((
            vec![m(10, 1), m(40, 2), m(60, 3)],
            End::Complete { at_ms: 70 }
        ))
    );
    assert_eq!(parse(""), Ok((vec![], End::Never)));
    assert_eq!(parse("--"), Ok((vec![], End::Never)));
    assert_eq!(parse("|"), Ok((vec![], End::Complete { at_ms: 0 })));
    // A group takes one frame, whatever its width.
    assert_eq!(
        parse("(12)-(-3)✕"),
        Ok((vec![m(0, 12), m(20, -3)], End::Error { at_ms: 30 }))
    );
    assert_eq!(
        parse("-(1,2|)"),
        Ok((vec![m(10, 1), m(10, 2)], End::Complete { at_ms: 10 }))
    );
    // Other error marks, spaces, dashes after the end.
    for text in ["1x", "1X", "1#", " 1 ✕ --"] {
        assert_eq!(
            parse(text),
            Ok((vec![m(0, 1)], End::Error { at_ms: 10 })),
            "{text}"
        );
    }
    assert_eq!(
        parse("( 7 , 8 x)"),
        Ok((vec![m(0, 7), m(0, 8)], End::Error { at_ms: 0 }))
    );
}

#[test]
fn prints_the_shortest_text() {
    assert_eq!(
        print(&[m(10, 1), m(40, 2), m(60, 3)], End::Complete { at_ms: 70 }),
        "-1--2-3|"
    );
    assert_eq!(print(&[], End::Never), "");
    assert_eq!(
        print(&[m(0, 12), m(0, -1)], End::Error { at_ms: 0 }),
        "(12,-1✕)"
    );
    assert_eq!(print(&[m(20, 10)], End::Never), "--(10)");
    // Off the grid: rounded down, and `printable` says so.
    assert_eq!(print(&[m(15, 1)], End::Complete { at_ms: 29 }), "-1|");
    assert!(!printable(&[m(15, 1)], End::Never));
    assert!(!printable(&[m(20, 1)], End::Complete { at_ms: 10 }));
    assert!(!printable(&[m(20, 1), m(10, 2)], End::Never));
    assert!(printable(
        &[m(20, 1), m(20, 2)],
        End::Complete { at_ms: 20 }
    ));
    assert!(!printable(
        &[m(MAX_FRAMES as u32 * FRAME_MS, 1)],
        End::Never
    ));
}

#[test]
fn errors_name_the_place_and_the_fault() {
    use MarbleErrorKind::*;
    let cases: &[(&str, usize, MarbleErrorKind)] = &[
        ("-a", 1, Unexpected('a')),
        ("--(12", 2, Unclosed),
        ("-(1(2)", 1, Unclosed),
        ("1)", 1, StrayClose),
        ("-()", 1, EmptyGroup),
        ("(1,,2)", 3, BadValue(",".into())),
        ("(1.5)", 1, BadValue("1.5".into())),
        (
            "(99999999999999999999)",
            1,
            BadValue("99999999999999999999".into()),
        ),
        ("1|2", 2, ItemAfterEnd),
        ("|-(3)", 3, ItemAfterEnd),
        ("(|3)", 2, ItemAfterEnd),
        ("1|✕", 2, TwoEnds),
        ("(1|x)", 3, TwoEnds),
    ];
    for (text, pos, kind) in cases {
        assert_eq!(
            parse(text),
            Err(MarbleError {
                pos: *pos,
                kind: kind.clone()
            }),
            "{text}"
        );
    }
    let long = "-".repeat(MAX_FRAMES) + "1";
    assert_eq!(
        parse(&long),
        Err(MarbleError {
            pos: MAX_FRAMES,
            kind: TooLong
        })
    );
    assert!(parse(&"-".repeat(MAX_FRAMES)).is_ok());
    // Both languages, counted from 1 as a reader counts.
    let e = parse("--(12").unwrap_err();
    assert_eq!(
        e.message(false),
        "Character 3: this `(` is never closed with `)`."
    );
    assert_eq!(e.message(true), "第 3 个字符：这个 `(` 没有对应的 `)`。");
    for (text, _, _) in cases {
        let e = parse(text).unwrap_err();
        assert!(e.message(false).is_ascii() || e.message(false).contains('✕'));
        assert!(e.message(true).contains("字符"));
    }
}

#[test]
fn every_generated_track_round_trips() {
    let mut rng = Rng::new(1);
    for case in 0..5000 {
        let (items, end) = track(&mut rng, MAX_FRAMES as u32);
        assert!(printable(&items, end), "case {case}");
        let text = print(&items, end);
        assert_eq!(
            parse(&text),
            Ok((items.clone(), end)),
            "case {case}: {text}"
        );
        // The text the address uses reads back the same.
        assert_eq!(
            parse(&print_with(&items, end, 'x')),
            Ok((items, end)),
            "case {case}"
        );
        // And the shortest text is a fixed point.
        assert_eq!(
            print(&parse(&text).unwrap().0, parse(&text).unwrap().1),
            text
        );
    }
}

#[test]
fn random_text_never_panics() {
    let alphabet: Vec<char> = "-0123456789()|✕xX#,- a".chars().collect();
    let mut rng = Rng::new(2);
    for _ in 0..20000 {
        let len = rng.below(40) as usize;
        let text: String = (0..len).map(|_| rng.pick(&alphabet)).collect();
        if let Ok((items, end)) = parse(&text) {
            assert!(printable(&items, end), "{text}");
            assert_eq!(parse(&print(&items, end)), Ok((items, end)), "{text}");
        }
    }
}
