//! Knobs: the values a reader can change before running a demo, their
//! declarations, and the rules that turn untrusted text (a form field, a URL
//! query) into values or clear messages.

use std::fmt;

/// What values a knob takes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum KnobKind {
    /// A whole number in `min..=max`.
    Int {
        /// Smallest allowed value.
        min: i64,
        /// Largest allowed value.
        max: i64,
        /// Unit shown after the field (`"ms"`, or `""`).
        unit: &'static str,
    },
    /// On (1) or off (0).
    Bool,
    /// One of several named choices; the value is the index.
    Choice(&'static [&'static str]),
}

/// A knob a demo declares.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Knob {
    /// The name used in code and in the URL (`break_at`).
    pub name: &'static str,
    /// Label in English.
    pub label_en: &'static str,
    /// Label in Chinese.
    pub label_zh: &'static str,
    /// Allowed values.
    pub kind: KnobKind,
    /// The default value (for `Bool` 0/1, for `Choice` the index).
    pub default: i64,
}

/// An integer knob constructor (`Knob::int`, `Knob::ms`): the two differ
/// only in the unit shown after the field.
macro_rules! int_knob {
    ($(#[$doc:meta])* $fn_name:ident, $unit:literal) => {
        $(#[$doc])*
        pub const fn $fn_name(
            name: &'static str,
            default: i64,
            min: i64,
            max: i64,
            label_en: &'static str,
            label_zh: &'static str,
        ) -> Knob {
            let kind = KnobKind::Int { min, max, unit: $unit };
            Knob::new(name, kind, default, label_en, label_zh)
        }
    };
}

impl Knob {
    /// The one struct literal behind the public constructors below.
    const fn new(
        name: &'static str,
        kind: KnobKind,
        default: i64,
        label_en: &'static str,
        label_zh: &'static str,
    ) -> Knob {
        Knob {
            name,
            label_en,
            label_zh,
            kind,
            default,
        }
    }

    int_knob!(
        /// An integer knob in `min..=max`.
        int,
        ""
    );

    int_knob!(
        /// A duration knob in milliseconds, `min..=max`.
        ms,
        "ms"
    );

    /// An on/off knob.
    pub const fn flag(
        name: &'static str,
        default: bool,
        label_en: &'static str,
        label_zh: &'static str,
    ) -> Knob {
        Knob::new(name, KnobKind::Bool, default as i64, label_en, label_zh)
    }

    /// A choice among `choices` (shown as written: they are code, e.g.
    /// `buffered`); `default` is an index.
    pub const fn choice(
        name: &'static str,
        default: i64,
        choices: &'static [&'static str],
        label_en: &'static str,
        label_zh: &'static str,
    ) -> Knob {
        let kind = KnobKind::Choice(choices);
        Knob::new(name, kind, default, label_en, label_zh)
    }

    /// Parses and checks a value typed or linked by a reader.
    pub fn parse(&self, text: &str) -> Result<i64, KnobError> {
        let text = text.trim();
        match self.kind {
            KnobKind::Int { min, max, .. } => {
                let v: i64 = text.parse().map_err(|_| KnobError::NotANumber)?;
                if v < min || v > max {
                    Err(KnobError::OutOfRange { min, max })
                } else {
                    Ok(v)
                }
            }
            KnobKind::Bool => match text {
                "1" | "true" | "on" | "yes" => Ok(1),
                "0" | "false" | "off" | "no" => Ok(0),
                _ => Err(KnobError::NotABool),
            },
            KnobKind::Choice(choices) => choices
                .iter()
                .position(|c| *c == text)
                .or_else(|| text.parse::<usize>().ok().filter(|i| *i < choices.len()))
                .map(|i| i as i64)
                .ok_or(KnobError::UnknownChoice(choices)),
        }
    }

    /// The value as it appears in a URL or a form field.
    pub fn format(&self, value: i64) -> String {
        match self.kind {
            KnobKind::Choice(choices) => choices
                .get(value as usize)
                .map_or_else(|| value.to_string(), |c| c.to_string()),
            KnobKind::Bool => (if value != 0 { "1" } else { "0" }).to_string(),
            KnobKind::Int { .. } => value.to_string(),
        }
    }
}

/// Why a knob value was refused.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum KnobError {
    /// Not a whole number.
    NotANumber,
    /// Outside the knob's range.
    OutOfRange {
        /// Smallest allowed.
        min: i64,
        /// Largest allowed.
        max: i64,
    },
    /// Not one of 0/1/true/false/on/off.
    NotABool,
    /// Not one of the choices.
    UnknownChoice(&'static [&'static str]),
}

impl KnobError {
    /// The message shown next to the knob, in English.
    pub fn message_en(&self) -> String {
        match self {
            KnobError::NotANumber => "Enter a whole number.".to_string(),
            KnobError::OutOfRange { min, max } => format!("Enter a number from {min} to {max}."),
            KnobError::NotABool => "Use on or off.".to_string(),
            KnobError::UnknownChoice(c) => format!("Choose one of: {}.", c.join(", ")),
        }
    }

    /// The message shown next to the knob, in Chinese.
    pub fn message_zh(&self) -> String {
        match self {
            KnobError::NotANumber => "请输入整数。".to_string(),
            KnobError::OutOfRange { min, max } => format!("请输入 {min} 到 {max} 之间的数。"),
            KnobError::NotABool => "只能是开或关。".to_string(),
            KnobError::UnknownChoice(c) => format!("只能选：{}。", c.join("、")),
        }
    }
}

impl fmt::Display for KnobError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message_en())
    }
}

/// The values a demo runs with, by knob name.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Knobs {
    values: Vec<(&'static str, i64)>,
}

impl Knobs {
    /// Every knob at its default.
    pub fn defaults(knobs: &[Knob]) -> Knobs {
        Knobs {
            values: knobs.iter().map(|k| (k.name, k.default)).collect(),
        }
    }

    /// Defaults, overridden by `pairs` (e.g. a URL query). Unknown names are
    /// ignored; bad values are reported and the default is kept.
    pub fn from_pairs<'a>(
        knobs: &[Knob],
        pairs: impl IntoIterator<Item = (&'a str, &'a str)>,
    ) -> (Knobs, Vec<(&'static str, KnobError)>) {
        let mut out = Knobs::defaults(knobs);
        let mut errors = Vec::new();
        for (name, text) in pairs {
            if let Some(knob) = knobs.iter().find(|k| k.name == name) {
                match knob.parse(text) {
                    Ok(v) => out.set(knob.name, v),
                    Err(e) => errors.push((knob.name, e)),
                }
            }
        }
        (out, errors)
    }

    /// Sets `name` (ignored if the demo has no such knob).
    pub fn set(&mut self, name: &str, value: i64) {
        if let Some(slot) = self.values.iter_mut().find(|(n, _)| *n == name) {
            slot.1 = value;
        }
    }

    /// The value of `name`.
    ///
    /// # Panics
    /// If the demo has no knob called `name`: that is a bug in the demo,
    /// caught by its own tests.
    pub fn get(&self, name: &str) -> i64 {
        self.values
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, v)| *v)
            .unwrap_or_else(|| panic!("the demo declares no knob called `{name}`"))
    }

    /// `get(name)` as a `u64` (knob ranges are never negative for counts and delays).
    pub fn u(&self, name: &str) -> u64 {
        self.get(name).max(0) as u64
    }

    /// `get(name) != 0`.
    pub fn flag(&self, name: &str) -> bool {
        self.get(name) != 0
    }

    /// All values, in declaration order.
    pub fn iter(&self) -> impl Iterator<Item = (&'static str, i64)> + '_ {
        self.values.iter().copied()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const KNOBS: &[Knob] = &[
        Knob::int("n", 5, 1, 10, "items", "条目数"),
        Knob::flag("fuse", true, "fuse", "fuse"),
        Knob::choice("mode", 0, &["buffered", "buffer_unordered"], "mode", "模式"),
    ];

    #[test]
    fn parses_and_checks_values() {
        let n = &KNOBS[0];
        assert_eq!(n.parse(" 7 "), Ok(7));
        assert_eq!(
            n.parse("11"),
            Err(KnobError::OutOfRange { min: 1, max: 10 })
        );
        assert_eq!(n.parse("1e3"), Err(KnobError::NotANumber));
        assert_eq!(n.parse("<script>"), Err(KnobError::NotANumber));
        assert_eq!(KNOBS[1].parse("off"), Ok(0));
        assert_eq!(KNOBS[2].parse("buffer_unordered"), Ok(1));
        assert!(KNOBS[2].parse("9").is_err());
    }

    #[test]
    fn bad_url_values_keep_defaults_and_are_reported() {
        let (k, errs) = Knobs::from_pairs(KNOBS, [("n", "99"), ("fuse", "0"), ("zzz", "1")]);
        assert_eq!(k.get("n"), 5);
        assert!(!k.flag("fuse"));
        assert_eq!(errs, vec![("n", KnobError::OutOfRange { min: 1, max: 10 })]);
    }
}
