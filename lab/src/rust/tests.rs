//! The shown code's text and lane lines (that it compiles, runs to the
//! Lab's trace and is rustfmt's layout is the corpus crate's test).

use super::*;
use crate::model::{Consumer, Marble, Pipeline};

#[test]
fn a_small_pipeline_reads_as_written_by_hand() {
    let p = Pipeline {
        sources: vec![Source::Marbles {
            items: vec![
                Marble {
                    at_ms: 100,
                    value: 1,
                },
                Marble {
                    at_ms: 200,
                    value: 2,
                },
            ],
            end: End::Complete { at_ms: 200 },
        }],
        stages: vec![Stage::Map(Expr::Mul(10)), Stage::Take(1)],
        consumer: Consumer {
            body_ms: 50,
            break_after: None,
        },
    };
    let code = rust_code(&p).expect("accepted");
    assert_eq!(
        code.text,
        r#"use futures::stream::{self, StreamExt};
use trace::{body, sleep, sleep_until, traced};

pub async fn pipeline() {
    let a = traced(
        "a",
        stream::iter([(100, 1), (200, 2)]).then(|(at, x): (u64, i64)| async move {
            sleep_until(at).await;
            x
        }),
    );
    let s = traced("map", a.map(|x| x * 10));
    let mut s = traced("take", s.take(1));
    while let Some(x) = s.next().await {
        body(x);
        sleep(50).await;
    }
}
"#
    );
    let lines: Vec<(&str, u32)> = code
        .lane_lines
        .iter()
        .map(|(n, l)| (n.as_str(), *l))
        .collect();
    assert_eq!(lines, [("main", 14), ("a", 5), ("map", 12), ("take", 13)]);
}

#[test]
fn a_refused_pipeline_has_no_code() {
    let p = Pipeline {
        sources: vec![],
        stages: vec![],
        consumer: Consumer::default(),
    };
    assert!(rust_code(&p).is_err());
}
