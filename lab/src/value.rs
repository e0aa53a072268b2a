//! The Lab's item at run time: one type for every item a pipeline makes,
//! described on the timeline exactly as the typed item of the Rust code.
//!
//! An `i64` prints `1`, a pair `(1, 2)`, a list `[1, 2]`: [`Describe`]
//! gives the same label as `trace` gives `i64`, `(i64, i64)` and
//! `Vec<i64>`, and [`fmt::Display`] the same text as `{:?}` of those types,
//! which is what the shown code hands to `body`. Items that may be errors
//! are `Result<Value, Fail>`, described by `trace`'s own `Result` impl, as
//! `Result<i64, &str>` is.
//!
//! Not here: arithmetic on items beyond what the menu's closures need.

use std::borrow::Cow;
use std::fmt;

use trace::{Describe, Kind};

use crate::model::{Delay, Expr, Expr2, Pred};

/// The error of a fallible stream: `&'static str`, as in the shown code.
pub type Fail = &'static str;

/// What a marble source's `✕` yields.
pub const SOURCE_ERROR: Fail = "boom";
/// What `timeout` yields when an item is late.
pub const TIMEOUT_ERROR: Fail = "timed out";

/// One item.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Value {
    /// `i64`.
    Int(i64),
    /// `(i64, i64)`, from `zip`.
    Pair(i64, i64),
    /// `Vec<i64>`, from `chunks`.
    List(Vec<i64>),
}

impl Value {
    /// The integer, for the closures that take one (the type check makes
    /// sure they only see `Int`s; anything else counts as 0).
    pub fn int(&self) -> i64 {
        match self {
            Value::Int(x) => *x,
            _ => 0,
        }
    }
}

impl fmt::Display for Value {
    /// As `{:?}` prints `i64`, `(i64, i64)` and `Vec<i64>`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Value::Int(x) => write!(f, "{x}"),
            Value::Pair(x, y) => write!(f, "({x}, {y})"),
            Value::List(v) => write!(f, "{v:?}"),
        }
    }
}

impl Describe for Value {
    fn describe(&self) -> (Kind, Cow<'static, str>) {
        match self {
            Value::Int(x) => x.describe(),
            Value::Pair(x, y) => (*x, *y).describe(),
            Value::List(v) => v.describe(),
        }
    }
}

impl Expr {
    /// The closure applied to `x` (wrapping, as release builds do, so an
    /// odd pipeline cannot panic the page).
    pub fn apply(self, x: i64) -> i64 {
        match self {
            Expr::Id => x,
            Expr::Add(k) => x.wrapping_add(k),
            Expr::Mul(k) => x.wrapping_mul(k),
            Expr::Rem(k) => x.checked_rem(k).unwrap_or(0),
            Expr::Square => x.wrapping_mul(x),
        }
    }
}

impl Pred {
    /// The test applied to `x`.
    pub fn test(self, x: i64) -> bool {
        match self {
            Pred::Even => x % 2 == 0,
            Pred::Odd => x % 2 != 0,
            Pred::Lt(k) => x < k,
            Pred::Gt(k) => x > k,
            Pred::Ne(k) => x != k,
        }
    }
}

impl Expr2 {
    /// The next running value from `acc` and `x`.
    pub fn apply(self, acc: i64, x: i64) -> i64 {
        match self {
            Expr2::Sum => acc.wrapping_add(x),
            Expr2::Product => acc.wrapping_mul(x),
            Expr2::Max => acc.max(x),
        }
    }
}

impl Delay {
    /// How long the step waits for item `x`, ms.
    pub fn ms(self, x: i64) -> u64 {
        match self {
            Delay::Fixed(ms) => u64::from(ms),
            Delay::PerItem(f) => (x.max(0) as u64).saturating_mul(u64::from(f)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn label<T: Describe>(x: &T) -> (Kind, String) {
        let (k, v) = x.describe();
        (k, v.into_owned())
    }

    #[test]
    fn labels_are_those_of_the_typed_items() {
        assert_eq!(label(&Value::Int(-3)), label(&-3i64));
        assert_eq!(label(&Value::Pair(1, 2)), label(&(1i64, 2i64)));
        assert_eq!(label(&Value::List(vec![1, 2])), label(&vec![1i64, 2]));
        assert_eq!(label(&Value::List(vec![])), label(&Vec::<i64>::new()));
        let ok: Result<Value, Fail> = Ok(Value::Int(1));
        assert_eq!(label(&ok), label(&Ok::<i64, &str>(1)));
        let err: Result<Value, Fail> = Err(SOURCE_ERROR);
        assert_eq!(label(&err), (Kind::Error, "Err(boom)".into()));
        assert_eq!(label(&err), label(&Err::<i64, &str>("boom")));
    }

    #[test]
    fn display_is_the_debug_text_of_the_typed_items() {
        assert_eq!(Value::Int(7).to_string(), format!("{:?}", 7i64));
        assert_eq!(
            Value::Pair(1, -2).to_string(),
            format!("{:?}", (1i64, -2i64))
        );
        assert_eq!(
            Value::List(vec![3, 4]).to_string(),
            format!("{:?}", vec![3i64, 4])
        );
    }

    #[test]
    fn closures_compute_as_their_code_reads() {
        assert_eq!(Expr::Add(-3).apply(5), 2);
        assert_eq!(Expr::Rem(3).apply(-7), -7 % 3);
        assert_eq!(Expr::Square.apply(-4), 16);
        assert!(Pred::Odd.test(-3));
        assert!(!Pred::Even.test(-3));
        assert_eq!(Expr2::Max.apply(2, -1), 2);
        assert_eq!(Delay::PerItem(10).ms(-5), 0);
        assert_eq!(Delay::PerItem(10).ms(5), 50);
    }
}
