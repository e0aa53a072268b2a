//! How a value shows up in the timeline: [`Describe`] gives the event kind
//! and the short label of an item a traced stream yields, or of a traced
//! future's output.
//!
//! Plain values print as they `Display` (`1`, `a`, `true`); containers print
//! like Rust literals built from their parts' labels (`Some(1)`, `Ok(1)`,
//! `(1, a)`, `[1, 2]`). Only an error is not a `yield`: `Err(e)` — and an
//! item that wraps one transparently, such as `Some(Err(e))` or a reference
//! to one — is recorded as `error`.

use std::borrow::Cow;
use std::collections::VecDeque;
use std::fmt;
use std::rc::Rc;
use std::sync::Arc;

use crate::event::Kind;

/// How an item shows up in the timeline: its kind (`yield`, or `error` for an
/// `Err`) and a short label.
pub trait Describe {
    /// The event kind and label for this item.
    fn describe(&self) -> (Kind, Cow<'static, str>);
}

/// The label alone, for a part of a container.
fn label<T: Describe + ?Sized>(x: &T) -> Cow<'static, str> {
    x.describe().1
}

/// `items` as `[a, b, c]`.
fn list<'a, T: Describe + 'a>(items: impl IntoIterator<Item = &'a T>) -> (Kind, Cow<'static, str>) {
    let items: Vec<_> = items.into_iter().map(label).collect();
    (Kind::Yield, Cow::Owned(format!("[{}]", items.join(", "))))
}

macro_rules! describe_display {
    ($($t:ty),*) => {$(
        impl Describe for $t {
            fn describe(&self) -> (Kind, Cow<'static, str>) {
                (Kind::Yield, Cow::Owned(self.to_string()))
            }
        }
    )*};
}
describe_display!(
    i8, i16, i32, i64, i128, isize, u8, u16, u32, u64, u128, usize, f32, f64, char, bool, str,
    String
);

impl Describe for () {
    fn describe(&self) -> (Kind, Cow<'static, str>) {
        (Kind::Yield, Cow::Borrowed("()"))
    }
}

/// References and owning pointers are transparent: they describe as what
/// they point to.
macro_rules! describe_deref {
    ($($t:ty),*) => {$(
        impl<T: Describe + ?Sized> Describe for $t {
            fn describe(&self) -> (Kind, Cow<'static, str>) {
                (**self).describe()
            }
        }
    )*};
}
describe_deref!(&T, &mut T, Box<T>, Rc<T>, Arc<T>);

impl<T: Describe + ToOwned + ?Sized> Describe for Cow<'_, T> {
    fn describe(&self) -> (Kind, Cow<'static, str>) {
        (**self).describe()
    }
}

impl<T: Describe> Describe for Option<T> {
    /// `Some(x)` keeps the kind of `x` (so `Some(Err(e))` is an error);
    /// `None` is a plain `yield`.
    fn describe(&self) -> (Kind, Cow<'static, str>) {
        match self {
            Some(v) => {
                let (kind, value) = v.describe();
                (kind, Cow::Owned(format!("Some({value})")))
            }
            None => (Kind::Yield, Cow::Borrowed("None")),
        }
    }
}

impl<T: Describe, E: fmt::Display> Describe for Result<T, E> {
    fn describe(&self) -> (Kind, Cow<'static, str>) {
        match self {
            Ok(v) => (Kind::Yield, Cow::Owned(format!("Ok({})", label(v)))),
            Err(e) => (Kind::Error, Cow::Owned(format!("Err({e})"))),
        }
    }
}

/// Tuples of two to four parts: `(a, b)`.
macro_rules! describe_tuple {
    ($(($($part:ident $i:tt),+)),+) => {$(
        impl<$($part: Describe),+> Describe for ($($part,)+) {
            fn describe(&self) -> (Kind, Cow<'static, str>) {
                let parts = [$(label(&self.$i)),+];
                (Kind::Yield, Cow::Owned(format!("({})", parts.join(", "))))
            }
        }
    )+};
}
describe_tuple!((A 0, B 1), (A 0, B 1, C 2), (A 0, B 1, C 2, D 3));

impl<T: Describe> Describe for [T] {
    fn describe(&self) -> (Kind, Cow<'static, str>) {
        list(self)
    }
}

impl<T: Describe, const N: usize> Describe for [T; N] {
    fn describe(&self) -> (Kind, Cow<'static, str>) {
        list(self)
    }
}

impl<T: Describe> Describe for Vec<T> {
    fn describe(&self) -> (Kind, Cow<'static, str>) {
        list(self)
    }
}

impl<T: Describe> Describe for VecDeque<T> {
    fn describe(&self) -> (Kind, Cow<'static, str>) {
        list(self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The kind and label of `x`, as plain values.
    fn d<T: Describe + ?Sized>(x: &T) -> (Kind, String) {
        let (kind, value) = x.describe();
        (kind, value.into_owned())
    }

    fn y(s: &str) -> (Kind, String) {
        (Kind::Yield, s.to_string())
    }

    fn e(s: &str) -> (Kind, String) {
        (Kind::Error, s.to_string())
    }

    #[test]
    fn plain_values_print_as_they_display() {
        assert_eq!(d(&-3i8), y("-3"));
        assert_eq!(d(&u128::MAX), y("340282366920938463463374607431768211455"));
        assert_eq!(d(&1.5f64), y("1.5"));
        assert_eq!(d(&2.0f32), y("2"));
        assert_eq!(d(&'x'), y("x"));
        assert_eq!(d(&false), y("false"));
        assert_eq!(d("str"), y("str"));
        assert_eq!(d(&String::from("owned")), y("owned"));
        assert_eq!(d(&()), y("()"));
    }

    #[test]
    fn option_prints_some_and_none_and_keeps_an_error_kind() {
        assert_eq!(d(&Some(1u8)), y("Some(1)"));
        assert_eq!(d(&None::<u8>), y("None"));
        assert_eq!(d(&Some(Some("a"))), y("Some(Some(a))"));
        assert_eq!(d(&Some(Ok::<u8, &str>(2))), y("Some(Ok(2))"));
        assert_eq!(d(&Some(Err::<u8, &str>("boom"))), e("Some(Err(boom))"));
    }

    #[test]
    fn result_is_an_error_only_when_err() {
        assert_eq!(d(&Ok::<_, String>(Some(3u32))), y("Ok(Some(3))"));
        assert_eq!(d(&Err::<u32, _>("late")), e("Err(late)"));
    }

    #[test]
    fn tuples_print_their_parts() {
        assert_eq!(d(&(1u8, "a")), y("(1, a)"));
        assert_eq!(d(&(1u8, 'b', true)), y("(1, b, true)"));
        assert_eq!(d(&(1u8, 2u16, 3u32, Some(4u64))), y("(1, 2, 3, Some(4))"));
        // A tuple holding an error is still an item, not an error.
        assert_eq!(d(&(1u8, Err::<u8, &str>("x"))), y("(1, Err(x))"));
    }

    #[test]
    fn references_and_pointers_are_transparent() {
        let err: Result<u8, &str> = Err("gone");
        assert_eq!(d(&&7u8), y("7"));
        assert_eq!(d(&&mut 7u8), y("7"));
        assert_eq!(d(&&err), e("Err(gone)"));
        assert_eq!(d(&Box::new(err)), e("Err(gone)"));
        assert_eq!(d(&Rc::new('r')), y("r"));
        assert_eq!(d(&Arc::new("arc")), y("arc"));
        assert_eq!(d(&Box::<str>::from("boxed")), y("boxed"));
        assert_eq!(d(&Cow::<str>::Borrowed("cow")), y("cow"));
        assert_eq!(d(&Cow::<str>::Owned("cow".into())), y("cow"));
    }

    #[test]
    fn sequences_print_as_lists() {
        assert_eq!(d(&vec![1u8, 2]), y("[1, 2]"));
        assert_eq!(d(&Vec::<u8>::new()), y("[]"));
        assert_eq!(d(&[Some(1u8), None]), y("[Some(1), None]"));
        assert_eq!(d(&[(1u8, 'a')][..]), y("[(1, a)]"));
        assert_eq!(d(&VecDeque::from([3u8, 4])), y("[3, 4]"));
    }
}
