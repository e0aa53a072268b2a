use super::*;
use crate::testgen::{pipeline, stage, Rng};

fn marbles(text: &str) -> Source {
    let (items, end) = marbles::parse(text).expect("test track");
    Source::Marbles { items, end }
}

#[test]
fn writes_a_short_readable_address() {
    let p = Pipeline {
        sources: vec![
            marbles("-1--2-3|"),
            Source::Counter {
                period_ms: 100,
                count: 5,
            },
        ],
        stages: vec![
            Stage::Map(Expr::Mul(2)),
            Stage::Filter(Pred::Even),
            Stage::Select(1),
            Stage::BufferUnordered {
                k: 3,
                delay: Delay::PerItem(100),
            },
            Stage::Take(2),
        ],
        consumer: Consumer {
            body_ms: 100,
            break_after: Some(3),
        },
    };
    let q = to_query(&p);
    assert_eq!(
        q,
        "a=-1--2-3%7C&b=counter:100,5&p=map:*2.filter:even.select:b.buffer_unordered:3,x*100.take:2&body=100&break=3"
    );
    assert_eq!(from_query(&q), Ok(p.clone()));
    assert_eq!(from_query(&format!("?{q}")), Ok(p));
}

#[test]
fn reads_leniently() {
    let p = from_query("?fbclid=XYZ&a=(12)-1%E2%9C%95&p=map: 3.then:%254,x*2&utm=1").unwrap();
    assert_eq!(p.sources, vec![marbles("(12)-1✕")]);
    assert_eq!(
        p.stages,
        vec![
            Stage::Map(Expr::Add(3)),
            Stage::Then {
                expr: Expr::Rem(4),
                delay: Delay::PerItem(2)
            }
        ]
    );
    assert_eq!(from_query("a=1|").unwrap().sources, vec![marbles("1|")]);
    assert_eq!(
        from_query("a=&p=").unwrap(),
        Pipeline {
            sources: vec![marbles("")],
            stages: vec![],
            consumer: Consumer::default()
        }
    );
}

/// Every variant of every part of the model, at least once each, and
/// thousands of generated pipelines: `from_query(to_query(p)) == p`.
#[test]
fn every_variant_and_generated_pipeline_round_trips() {
    let mut rng = Rng::new(3);
    let mut seen = [false; 23];
    for kind in 0..23 * 40 {
        let s = stage(&mut rng, kind, 3);
        seen[kind as usize % 23] = true;
        let p = Pipeline {
            sources: vec![
                marbles("-1|"),
                marbles("2"),
                Source::Unfold {
                    delay_ms: 7,
                    count: 2,
                },
            ],
            stages: vec![s],
            consumer: Consumer::default(),
        };
        assert_eq!(from_query(&to_query(&p)), Ok(p.clone()), "{}", to_query(&p));
    }
    assert!(seen.iter().all(|s| *s));
    let mut lengths = 0;
    for case in 0..5000 {
        let p = pipeline(&mut rng);
        let q = to_query(&p);
        assert!(
            q.bytes()
                .all(|b| b.is_ascii_alphanumeric() || b"-._~()*,:=&%+".contains(&b)),
            "{q}"
        );
        assert_eq!(from_query(&q), Ok(p), "case {case}: {q}");
        lengths += q.len();
    }
    assert!(lengths / 5000 < 200, "average length {}", lengths / 5000);
}

fn problem(q: &str) -> (String, Option<(usize, String)>, Problem) {
    let e = from_query(q).expect_err(q);
    (e.param, e.stage, e.problem)
}

#[test]
fn errors_name_the_parameter_and_the_stage() {
    use Problem::*;
    let out = |got: &str, min, max| OutOfRange {
        got: got.into(),
        min,
        max,
    };
    assert_eq!(problem(""), ("a".into(), None, NoSource));
    assert_eq!(problem("a=1&c=2"), ("c".into(), None, Gap));
    assert_eq!(problem("a=1&a=2"), ("a".into(), None, Repeated));
    assert_eq!(problem("a=%E2%9C"), ("a".into(), None, BadEscape));
    assert_eq!(problem("a=1%7"), ("a".into(), None, BadEscape));
    assert_eq!(
        problem("a=(5000000000)"),
        ("a".into(), None, out("5000000000", -MAX_VALUE, MAX_VALUE))
    );
    assert!(matches!(problem("a=1(").2, Marbles(_)));
    assert_eq!(problem("a=counter:5").2, Usage("counter:PERIOD,COUNT"));
    assert_eq!(
        problem("a=unfold:1,99999").2,
        out("99999", 0, MAX_ITEMS.into())
    );
    assert_eq!(
        problem("a=1&p=map:*2.tkae:2"),
        (
            "p".into(),
            Some((2, "tkae".into())),
            Unknown {
                got: "tkae".into(),
                choices: STAGE_NAMES
            }
        )
    );
    assert_eq!(problem("a=1&p=take").2, Usage("take:N"));
    assert_eq!(problem("a=1&p=take:2,3").2, Usage("take:N"));
    assert_eq!(problem("a=1&p=take:two").2, NotANumber("two".into()));
    assert_eq!(problem("a=1&p=take:-1").2, out("-1", 0, MAX_ITEMS.into()));
    assert_eq!(problem("a=1&p=chunks:0").2, out("0", 1, MAX_SMALL.into()));
    assert_eq!(problem("a=1&p=map:mod0").2, out("0", 1, MAX_VALUE));
    assert_eq!(
        problem("a=1&p=filter:le3").2,
        Unknown {
            got: "le3".into(),
            choices: PREDS
        }
    );
    assert_eq!(problem("a=1&p=zip:b").2, NoSuchSource("b".into()));
    assert_eq!(
        problem("a=1&p=buffered:0,5").2,
        out("0", 1, MAX_SMALL.into())
    );
    assert_eq!(
        problem("a=1&p=fuse.fuse.fuse.fuse.fuse.fuse.fuse.fuse.fuse"),
        ("p".into(), None, TooManyStages(9))
    );
    assert_eq!(problem("a=1&body=61000").2, out("61000", 0, MAX_MS.into()));
    assert_eq!(problem("a=1&break=1&break=2").0, "break");

    let e = from_query("a=1&p=map:*2.take:x").unwrap_err();
    assert_eq!(
        e.message(false),
        "In the address, `p`, stage 2 (`take`): `x` is not a whole number."
    );
    assert_eq!(
        e.message(true),
        "地址中 `p` 的第 2 个适配器（`take`）：`x` 不是整数。"
    );
    let e = from_query("a=-1-q").unwrap_err();
    assert_eq!(e.message(false), "In the address, `a`: Character 4: `q` is not marble notation (use `-`, a digit, `(…)`, `|` or `✕`).");
    assert_eq!(
        e.message(true),
        "地址中的 `a`：第 4 个字符：`q` 不是弹珠记法（可用 `-`、数字、`(…)`、`|` 或 `✕`）。"
    );
}

/// Hand-edited and damaged addresses: cut short, bytes changed, numbers
/// made huge, parameters repeated. Each gives a pipeline or an error,
/// never a panic, and every error has words in both languages.
#[test]
fn damaged_addresses_never_panic() {
    let mut rng = Rng::new(4);
    let bytes: Vec<u8> = b"-|()x,.:=&%?+*0123456789abcpz_ \xff\xe2\x9c\x95".to_vec();
    let (mut ok, mut err) = (0, 0);
    for _ in 0..20000 {
        let mut q = to_query(&pipeline(&mut rng)).into_bytes();
        for _ in 0..1 + rng.below(3) {
            let at = rng.below(q.len() as u64 + 1) as usize;
            match rng.below(6) {
                0 => q.truncate(at),
                1 if at < q.len() => q[at] = rng.pick(&bytes),
                2 => q.insert(at, rng.pick(&bytes)),
                3 => q
                    .splice(at..at, b"99999999999999999999999".iter().copied())
                    .for_each(drop),
                4 => {
                    let copy = q.clone();
                    q.push(b'&');
                    q.extend(copy);
                }
                _ => q.splice(at..at, b"%E2%9C%".iter().copied()).for_each(drop),
            }
        }
        let q = String::from_utf8_lossy(&q);
        match from_query(&q) {
            Ok(p) => {
                ok += 1;
                assert_eq!(from_query(&to_query(&p)), Ok(p), "{q}");
            }
            Err(e) => {
                err += 1;
                assert!(!e.message(false).is_empty() && !e.message(true).is_empty());
            }
        }
    }
    // Both outcomes were exercised.
    assert!(ok > 1000 && err > 1000, "ok {ok}, err {err}");
}

/// The 10,000-item benchmark pipeline has an address the Lab opens as it
/// is (it reads back and passes the check at the Lab's limits), and the
/// in-browser benchmark (`end2end/bench/lab.mjs`) opens that address.
#[test]
fn the_benchmark_pipeline_has_an_address() {
    let p = Pipeline::benchmark();
    let q = to_query(&p);
    assert_eq!(q, "a=counter:1,10000&p=map:*3.filter:even");
    assert_eq!(from_query(&q), Ok(p.clone()));
    assert!(crate::check::check(&p).is_ok());
    let script = include_str!("../../../end2end/bench/lab.mjs");
    assert!(
        script.contains(&format!("\"{q}\"")),
        "end2end/bench/lab.mjs opens {q}"
    );
}
