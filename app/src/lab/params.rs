//! A stage's parameters as form fields, and the stage menu: which
//! controls a stage has (a closure from a menu, a number with its range)
//! and the stage a changed field makes. Plain functions, tested natively,
//! so the chain's component only draws what these say.
//!
//! Ranges are the pipeline's limits (`lab::model`), so every value a field
//! accepts survives the round trip through the address.

use lab::model::{Delay, Expr, Expr2, Inner, Pred, SourceId, Stage};
use lab::model::{MAX_FACTOR, MAX_ITEMS, MAX_MS, MAX_SMALL};

/// What a field is for (its words are in `strings`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Param {
    /// A closure `|x| …`.
    Closure,
    /// A test `|x| …`.
    Test,
    /// A two-argument closure `|acc, x| …`.
    Fold,
    /// The constant `k` of the closure or test.
    K,
    /// A count (`take`, `skip`, `chunks` size).
    N,
    /// How long a step waits: fixed or per item.
    DelayKind,
    /// The wait, ms (or the factor, per item).
    DelayMs,
    /// The other stream.
    Other,
    /// Jobs in flight.
    Jobs,
    /// Items per inner stream.
    InnerCount,
    /// The wait before each inner item, ms.
    InnerMs,
    /// The starting value.
    Init,
    /// A deadline, ms.
    Deadline,
}

/// One control of a stage.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Field {
    /// A menu of code (`x * k`, `x % 2 == 0`); `at` is the chosen one.
    Choice {
        /// What for.
        param: Param,
        /// The options as code.
        options: &'static [&'static str],
        /// The chosen option.
        at: usize,
    },
    /// A whole number in `min..=max`.
    Num {
        /// What for.
        param: Param,
        /// The value.
        value: i64,
        /// The least allowed.
        min: i64,
        /// The most allowed.
        max: i64,
    },
}

const EXPRS: &[&str] = &["x", "x + k", "x * k", "x % k", "x * x"];
const PREDS: &[&str] = &["x % 2 == 0", "x % 2 != 0", "x < k", "x > k", "x != k"];
const FOLDS: &[&str] = &["acc + x", "acc * x", "acc.max(x)"];
const DELAYS: &[&str] = &["sleep(ms)", "sleep(x * ms)"];
const OTHERS: &[&str] = &["b", "c"];
/// The range of a closure's constant (the address allows more; a page
/// control needs none of it).
const K: i64 = 1000;

fn num(param: Param, value: impl Into<i64>, min: i64, max: impl Into<i64>) -> Field {
    Field::Num {
        param,
        value: value.into(),
        min,
        max: max.into(),
    }
}

fn choice(param: Param, options: &'static [&'static str], at: usize) -> Field {
    Field::Choice { param, options, at }
}

fn expr_fields(e: Expr) -> Vec<Field> {
    let (at, k) = match e {
        Expr::Id => (0, None),
        Expr::Add(k) => (1, Some(k)),
        Expr::Mul(k) => (2, Some(k)),
        Expr::Rem(k) => (3, Some(k)),
        Expr::Square => (4, None),
    };
    let mut f = vec![choice(Param::Closure, EXPRS, at)];
    f.extend(k.map(|k| num(Param::K, k, -K, K)));
    f
}

fn pred_fields(p: Pred) -> Vec<Field> {
    let (at, k) = match p {
        Pred::Even => (0, None),
        Pred::Odd => (1, None),
        Pred::Lt(k) => (2, Some(k)),
        Pred::Gt(k) => (3, Some(k)),
        Pred::Ne(k) => (4, Some(k)),
    };
    let mut f = vec![choice(Param::Test, PREDS, at)];
    f.extend(k.map(|k| num(Param::K, k, -K, K)));
    f
}

fn delay_fields(d: Delay) -> [Field; 2] {
    match d {
        Delay::Fixed(ms) => [
            choice(Param::DelayKind, DELAYS, 0),
            num(Param::DelayMs, ms, 0, MAX_MS),
        ],
        Delay::PerItem(f) => [
            choice(Param::DelayKind, DELAYS, 1),
            num(Param::DelayMs, f, 0, MAX_FACTOR),
        ],
    }
}

fn fold_field(f: Expr2) -> Field {
    let at = match f {
        Expr2::Sum => 0,
        Expr2::Product => 1,
        Expr2::Max => 2,
    };
    choice(Param::Fold, FOLDS, at)
}

fn other_field(id: SourceId) -> Field {
    choice(Param::Other, OTHERS, usize::from(id.max(1) - 1))
}

fn inner_fields(i: Inner) -> [Field; 2] {
    [
        num(Param::InnerCount, i.count, 1, MAX_SMALL),
        num(Param::InnerMs, i.delay_ms, 0, MAX_MS),
    ]
}

/// The controls of `stage`, in order.
pub fn fields(stage: &Stage) -> Vec<Field> {
    match *stage {
        Stage::Map(e) => expr_fields(e),
        Stage::Filter(p) | Stage::TakeWhile(p) => pred_fields(p),
        Stage::Then { expr, delay } => {
            let mut f = expr_fields(expr);
            f.extend(delay_fields(delay));
            f
        }
        Stage::Take(n) | Stage::Skip(n) => vec![num(Param::N, n, 0, MAX_ITEMS)],
        Stage::Chunks(n) | Stage::ReadyChunks(n) => vec![num(Param::N, n, 1, MAX_SMALL)],
        Stage::TakeUntil(id) | Stage::Chain(id) | Stage::Zip(id) | Stage::Select(id) => {
            vec![other_field(id)]
        }
        Stage::SelectAll | Stage::Fuse | Stage::Peekable => Vec::new(),
        Stage::Flatten(i) | Stage::FlatMap(i) => inner_fields(i).to_vec(),
        Stage::Scan { init, f } | Stage::Fold { init, f } => {
            vec![num(Param::Init, init, -K, K), fold_field(f)]
        }
        Stage::Buffered { k, delay } | Stage::BufferUnordered { k, delay } => {
            let mut f = vec![num(Param::Jobs, k, 1, MAX_SMALL)];
            f.extend(delay_fields(delay));
            f
        }
        Stage::Timeout(ms) => vec![num(Param::Deadline, ms, 1, MAX_MS)],
    }
}

fn expr_with(e: Expr, field: usize, v: i64) -> Expr {
    let k = match e {
        Expr::Add(k) | Expr::Mul(k) | Expr::Rem(k) => k,
        Expr::Id | Expr::Square => 2,
    };
    match field {
        0 => match v {
            1 => Expr::Add(k),
            2 => Expr::Mul(k),
            3 => Expr::Rem(if k == 0 { 2 } else { k }),
            4 => Expr::Square,
            _ => Expr::Id,
        },
        _ => match e {
            Expr::Add(_) => Expr::Add(v),
            Expr::Mul(_) => Expr::Mul(v),
            Expr::Rem(_) => Expr::Rem(v),
            other => other,
        },
    }
}

fn pred_with(p: Pred, field: usize, v: i64) -> Pred {
    let k = match p {
        Pred::Lt(k) | Pred::Gt(k) | Pred::Ne(k) => k,
        Pred::Even | Pred::Odd => 3,
    };
    match field {
        0 => match v {
            1 => Pred::Odd,
            2 => Pred::Lt(k),
            3 => Pred::Gt(k),
            4 => Pred::Ne(k),
            _ => Pred::Even,
        },
        _ => match p {
            Pred::Lt(_) => Pred::Lt(v),
            Pred::Gt(_) => Pred::Gt(v),
            Pred::Ne(_) => Pred::Ne(v),
            other => other,
        },
    }
}

fn delay_with(d: Delay, field: usize, v: i64) -> Delay {
    let n = |v: i64| u32::try_from(v.max(0)).unwrap_or(u32::MAX);
    match (field, d) {
        (0, Delay::Fixed(ms)) if v == 1 => Delay::PerItem((ms / 10).max(1)),
        (0, Delay::PerItem(f)) if v == 0 => Delay::Fixed(f.saturating_mul(10)),
        (0, d) => d,
        (_, Delay::Fixed(_)) => Delay::Fixed(n(v)),
        (_, Delay::PerItem(_)) => Delay::PerItem(n(v)),
    }
}

fn fold_with(v: i64) -> Expr2 {
    match v {
        1 => Expr2::Product,
        2 => Expr2::Max,
        _ => Expr2::Sum,
    }
}

/// `stage` with field `i` (as [`fields`] lists them) set to `v` (a menu's
/// option index, or a number already kept in its range).
pub fn with_field(stage: &Stage, i: usize, v: i64) -> Stage {
    let n = |v: i64| u32::try_from(v.max(0)).unwrap_or(u32::MAX);
    let id = |v: i64| (v.clamp(0, 1) + 1) as SourceId;
    let expr_len = |e: Expr| expr_fields(e).len();
    match *stage {
        Stage::Map(e) => Stage::Map(expr_with(e, i, v)),
        Stage::Filter(p) => Stage::Filter(pred_with(p, i, v)),
        Stage::TakeWhile(p) => Stage::TakeWhile(pred_with(p, i, v)),
        Stage::Then { expr, delay } => {
            let k = expr_len(expr);
            if i < k {
                Stage::Then {
                    expr: expr_with(expr, i, v),
                    delay,
                }
            } else {
                Stage::Then {
                    expr,
                    delay: delay_with(delay, i - k, v),
                }
            }
        }
        Stage::Take(_) => Stage::Take(n(v)),
        Stage::Skip(_) => Stage::Skip(n(v)),
        Stage::Chunks(_) => Stage::Chunks(n(v)),
        Stage::ReadyChunks(_) => Stage::ReadyChunks(n(v)),
        Stage::TakeUntil(_) => Stage::TakeUntil(id(v)),
        Stage::Chain(_) => Stage::Chain(id(v)),
        Stage::Zip(_) => Stage::Zip(id(v)),
        Stage::Select(_) => Stage::Select(id(v)),
        Stage::SelectAll => Stage::SelectAll,
        Stage::Fuse => Stage::Fuse,
        Stage::Peekable => Stage::Peekable,
        Stage::Flatten(inner) => Stage::Flatten(inner_with(inner, i, n(v))),
        Stage::FlatMap(inner) => Stage::FlatMap(inner_with(inner, i, n(v))),
        Stage::Scan { init, f } => match i {
            0 => Stage::Scan { init: v, f },
            _ => Stage::Scan {
                init,
                f: fold_with(v),
            },
        },
        Stage::Fold { init, f } => match i {
            0 => Stage::Fold { init: v, f },
            _ => Stage::Fold {
                init,
                f: fold_with(v),
            },
        },
        Stage::Buffered { k, delay } => match i {
            0 => Stage::Buffered { k: n(v), delay },
            _ => Stage::Buffered {
                k,
                delay: delay_with(delay, i - 1, v),
            },
        },
        Stage::BufferUnordered { k, delay } => match i {
            0 => Stage::BufferUnordered { k: n(v), delay },
            _ => Stage::BufferUnordered {
                k,
                delay: delay_with(delay, i - 1, v),
            },
        },
        Stage::Timeout(_) => Stage::Timeout(n(v)),
    }
}

fn inner_with(inner: Inner, i: usize, v: u32) -> Inner {
    match i {
        0 => Inner { count: v, ..inner },
        _ => Inner {
            delay_ms: v,
            ..inner
        },
    }
}

/// A group of the stage menu.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Group {
    /// `map`, `filter`, `then`, `scan`, `fold`.
    Transform,
    /// `take`, `skip`, `take_while`, `take_until`, timeout.
    Limit,
    /// `chain`, `zip`, `select`, `select_all`.
    Combine,
    /// `flatten`, `flat_map`, `chunks`, `ready_chunks`.
    Reshape,
    /// `buffered`, `buffer_unordered`.
    Concurrency,
    /// `fuse`, `peekable`.
    Other,
}

/// Every stage the menu offers, by group, each with the values it starts
/// with. `other` is the source a two-stream stage starts with.
pub fn menu(other: SourceId) -> Vec<(Group, Vec<Stage>)> {
    let inner = Inner {
        count: 2,
        delay_ms: 20,
    };
    vec![
        (
            Group::Transform,
            vec![
                Stage::Map(Expr::Mul(2)),
                Stage::Filter(Pred::Even),
                Stage::Then {
                    expr: Expr::Id,
                    delay: Delay::Fixed(50),
                },
                Stage::Scan {
                    init: 0,
                    f: Expr2::Sum,
                },
                Stage::Fold {
                    init: 0,
                    f: Expr2::Sum,
                },
            ],
        ),
        (
            Group::Limit,
            vec![
                Stage::Take(2),
                Stage::Skip(1),
                Stage::TakeWhile(Pred::Lt(3)),
                Stage::TakeUntil(other),
                Stage::Timeout(100),
            ],
        ),
        (
            Group::Combine,
            vec![
                Stage::Chain(other),
                Stage::Zip(other),
                Stage::Select(other),
                Stage::SelectAll,
            ],
        ),
        (
            Group::Reshape,
            vec![
                Stage::Flatten(inner),
                Stage::FlatMap(inner),
                Stage::Chunks(2),
                Stage::ReadyChunks(2),
            ],
        ),
        (
            Group::Concurrency,
            vec![
                Stage::Buffered {
                    k: 2,
                    delay: Delay::PerItem(50),
                },
                Stage::BufferUnordered {
                    k: 2,
                    delay: Delay::PerItem(50),
                },
            ],
        ),
        (Group::Other, vec![Stage::Fuse, Stage::Peekable]),
    ]
}

/// The stage's method name as the menu and the chain show it (`map`,
/// `buffer_unordered`; the timeout as `timeout`).
pub fn name(stage: &Stage) -> &'static str {
    lab::run::adapter(stage, lab::check::Item::INT)
}

/// Whether the stage takes another source (and which).
pub fn other_source(stage: &Stage) -> Option<SourceId> {
    match *stage {
        Stage::TakeUntil(id) | Stage::Chain(id) | Stage::Zip(id) | Stage::Select(id) => Some(id),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every menu stage, every field: setting a field to what it shows
    /// changes nothing, and each option of a menu is a different stage.
    #[test]
    fn fields_round_trip_and_every_option_is_distinct() {
        let all: Vec<Stage> = menu(1).into_iter().flat_map(|(_, s)| s).collect();
        assert_eq!(all.len(), 22, "every Stage variant is offered");
        for s in &all {
            for (i, f) in fields(s).into_iter().enumerate() {
                match f {
                    Field::Num {
                        value, min, max, ..
                    } => {
                        assert!((min..=max).contains(&value), "{s:?} field {i}");
                        assert_eq!(with_field(s, i, value), *s, "{s:?} field {i}");
                    }
                    Field::Choice { options, at, .. } => {
                        assert_eq!(with_field(s, i, at as i64), *s, "{s:?} field {i}");
                        let made: Vec<Stage> = (0..options.len())
                            .map(|o| with_field(s, i, o as i64))
                            .collect();
                        for (a, x) in made.iter().enumerate() {
                            assert!(
                                matches!(fields(x)[i], Field::Choice { at, .. } if at == a),
                                "{s:?} field {i} option {a}"
                            );
                            for y in &made[a + 1..] {
                                assert_ne!(x, y, "{s:?} field {i}");
                            }
                        }
                    }
                }
            }
        }
    }

    #[test]
    fn a_closure_keeps_its_constant_across_kinds_and_numbers_set_it() {
        let s = Stage::Map(Expr::Add(5));
        assert_eq!(with_field(&s, 0, 2), Stage::Map(Expr::Mul(5)));
        assert_eq!(with_field(&s, 1, -7), Stage::Map(Expr::Add(-7)));
        assert_eq!(
            with_field(&Stage::Map(Expr::Add(0)), 0, 3),
            Stage::Map(Expr::Rem(2)),
            "never x % 0 from the menu"
        );
        let t = Stage::Then {
            expr: Expr::Square,
            delay: Delay::Fixed(100),
        };
        assert_eq!(fields(&t).len(), 3);
        assert_eq!(
            with_field(&t, 1, 1),
            Stage::Then {
                expr: Expr::Square,
                delay: Delay::PerItem(10)
            }
        );
        assert_eq!(
            with_field(&t, 2, 30),
            Stage::Then {
                expr: Expr::Square,
                delay: Delay::Fixed(30)
            }
        );
        assert_eq!(with_field(&Stage::Zip(1), 0, 1), Stage::Zip(2));
        assert_eq!(
            name(&Stage::BufferUnordered {
                k: 1,
                delay: Delay::Fixed(1)
            }),
            "buffer_unordered"
        );
    }
}
