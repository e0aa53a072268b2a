//! Marble text for a [`Source::Marbles`](crate::model::Source::Marbles)
//! track, both ways: `-1--2-3|`.
//!
//! RxJS-style, one character per time frame of [`FRAME_MS`]:
//!
//! | Text | Meaning |
//! |---|---|
//! | `-` | a frame with nothing in it |
//! | `0` … `9` | an item with that value |
//! | `(12)` `(-3)` `(1,2)` | a group: items that arrive in the same frame, for values of more than one digit, negative values, or several items at once; it may end with an end mark: `(3\|)` |
//! | `\|` | the stream ends |
//! | `✕` | the stream yields an error and ends (`x`, `X` and `#` are read as `✕` too; the address writes `x`) |
//! | nothing after the last item | the stream never ends |
//!
//! Spaces are ignored (use them to line tracks up). A group takes **one**
//! frame however many characters it has: unlike RxJS, where `--(ab)-|`
//! ends at frame 7, here it ends at frame 4. So every set of items on the
//! frame grid has a text, and that text is short, at the price of groups
//! not being drawn to scale. Dashes after the end mark are allowed and
//! mean nothing; items after it are an error.
//!
//! Times off the frame grid have no text: [`print`] rounds each time down
//! to its frame, and [`printable`] says whether the text is exact. The Lab
//! snaps a dragged marble to frames, so a track made on the page always
//! prints exactly.
//!
//! Not here: the other sources (`counter`, `unfold`), which have no marble
//! text, and the address (`url.rs`), which puts this text in a query.

use crate::model::{End, Marble};

/// The length of one frame (one character), ms.
pub const FRAME_MS: u32 = 10;

/// The most frames a track has: 6 seconds at [`FRAME_MS`]. Longer tracks
/// do not fit on the page and are refused.
pub const MAX_FRAMES: usize = 600;

/// A marble text that cannot be read: where and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MarbleError {
    /// The character (not byte) index in the text, from 0.
    pub pos: usize,
    /// What is wrong there.
    pub kind: MarbleErrorKind,
}

/// What is wrong with a marble text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum MarbleErrorKind {
    /// A character that means nothing in marble text.
    Unexpected(char),
    /// A `(` with no `)`.
    Unclosed,
    /// A `)` with no `(`.
    StrayClose,
    /// `()`: a group with nothing in it.
    EmptyGroup,
    /// Something in a group that is not a whole number (or does not fit in
    /// 64 bits): the text of it.
    BadValue(String),
    /// An item after the end mark.
    ItemAfterEnd,
    /// A second end mark.
    TwoEnds,
    /// More than [`MAX_FRAMES`] frames.
    TooLong,
}

impl MarbleError {
    /// The error in words for the reader, in Chinese if `zh`; the position
    /// is counted from 1, as a reader counts.
    pub fn message(&self, zh: bool) -> String {
        let n = self.pos + 1;
        use MarbleErrorKind::*;
        match (&self.kind, zh) {
            (Unexpected(c), false) => format!(
                "Character {n}: `{c}` is not marble notation (use `-`, a digit, `(…)`, `|` or `✕`)."
            ),
            (Unexpected(c), true) => {
                format!("第 {n} 个字符：`{c}` 不是弹珠记法（可用 `-`、数字、`(…)`、`|` 或 `✕`）。")
            }
            (Unclosed, false) => format!("Character {n}: this `(` is never closed with `)`."),
            (Unclosed, true) => format!("第 {n} 个字符：这个 `(` 没有对应的 `)`。"),
            (StrayClose, false) => format!("Character {n}: `)` without a `(` before it."),
            (StrayClose, true) => format!("第 {n} 个字符：`)` 前面没有 `(`。"),
            (EmptyGroup, false) => {
                format!("Character {n}: `()` is empty; put a value in it, such as `(12)`.")
            }
            (EmptyGroup, true) => format!("第 {n} 个字符：`()` 是空的，请在里面写一个值，例如 `(12)`。"),
            (BadValue(v), false) => format!(
                "Character {n}: `{v}` is not a whole number; a group holds numbers separated by commas, such as `(12,-3)`."
            ),
            (BadValue(v), true) => {
                format!("第 {n} 个字符：`{v}` 不是整数；括号里只能写用逗号隔开的整数，例如 `(12,-3)`。")
            }
            (ItemAfterEnd, false) => {
                format!("Character {n}: an item after the end of the stream; nothing comes after `|` or `✕`.")
            }
            (ItemAfterEnd, true) => {
                format!("第 {n} 个字符：流结束之后还有元素；`|` 或 `✕` 之后不能再有元素。")
            }
            (TwoEnds, false) => format!("Character {n}: a second end mark; a stream ends only once."),
            (TwoEnds, true) => format!("第 {n} 个字符：又一个结束标记；流只能结束一次。"),
            (TooLong, false) => format!(
                "Character {n}: the track is longer than {MAX_FRAMES} frames ({} ms).",
                MAX_FRAMES as u32 * FRAME_MS
            ),
            (TooLong, true) => format!(
                "第 {n} 个字符：轨道超过了 {MAX_FRAMES} 帧（{} 毫秒）。",
                MAX_FRAMES as u32 * FRAME_MS
            ),
        }
    }
}

/// Reads a marble text: the items in time order and how the track ends.
pub fn parse(text: &str) -> Result<(Vec<Marble>, End), MarbleError> {
    let chars: Vec<char> = text.chars().collect();
    let mut items = Vec::new();
    let mut end = End::Never;
    let mut frame: usize = 0;
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c.is_whitespace() {
            i += 1;
            continue;
        }
        if frame >= MAX_FRAMES {
            return Err(err(i, MarbleErrorKind::TooLong));
        }
        let at_ms = frame as u32 * FRAME_MS;
        match c {
            '-' => {}
            '0'..='9' => {
                if end != End::Never {
                    return Err(err(i, MarbleErrorKind::ItemAfterEnd));
                }
                let value = i64::from(c as u8 - b'0');
                items.push(Marble { at_ms, value });
            }
            '(' => {
                let close = parse_group(&chars, i, at_ms, &mut items, &mut end)?;
                i = close;
            }
            ')' => return Err(err(i, MarbleErrorKind::StrayClose)),
            c => match end_mark(c, at_ms) {
                Some(e) => set_end(&mut end, e, i)?,
                None => return Err(err(i, MarbleErrorKind::Unexpected(c))),
            },
        }
        frame += 1;
        i += 1;
    }
    Ok((items, end))
}

/// Reads the group that opens at `open`, pushing its items (all at
/// `at_ms`) and its end mark if it has one. Returns the index of its `)`.
fn parse_group(
    chars: &[char],
    open: usize,
    at_ms: u32,
    items: &mut Vec<Marble>,
    end: &mut End,
) -> Result<usize, MarbleError> {
    let close = (open + 1..chars.len())
        .find(|&j| chars[j] == ')' || chars[j] == '(')
        .filter(|&j| chars[j] == ')')
        .ok_or(err(open, MarbleErrorKind::Unclosed))?;
    let body = &chars[open + 1..close];
    if body.iter().all(|c| c.is_whitespace()) {
        return Err(err(open, MarbleErrorKind::EmptyGroup));
    }
    // Values separated by commas; an end mark may close the group.
    let mut j = open + 1;
    while j < close {
        let c = chars[j];
        if c.is_whitespace() {
            j += 1;
            continue;
        }
        if let Some(e) = end_mark(c, at_ms) {
            set_end(end, e, j)?;
            j += 1;
            continue;
        }
        if c == ',' {
            return Err(err(j, MarbleErrorKind::BadValue(",".into())));
        }
        let stop = (j..close)
            .find(|&k| chars[k] == ',' || end_mark(chars[k], at_ms).is_some())
            .unwrap_or(close);
        if *end != End::Never {
            return Err(err(j, MarbleErrorKind::ItemAfterEnd));
        }
        let word: String = chars[j..stop]
            .iter()
            .filter(|c| !c.is_whitespace())
            .collect();
        let value = word
            .parse::<i64>()
            .map_err(|_| err(j, MarbleErrorKind::BadValue(word.clone())))?;
        items.push(Marble { at_ms, value });
        j = if stop < close && chars[stop] == ',' {
            stop + 1
        } else {
            stop
        };
    }
    Ok(close)
}

/// The end a character marks at `at_ms`, if it is an end mark.
fn end_mark(c: char, at_ms: u32) -> Option<End> {
    match c {
        '|' => Some(End::Complete { at_ms }),
        '✕' | 'x' | 'X' | '#' => Some(End::Error { at_ms }),
        _ => None,
    }
}

fn set_end(end: &mut End, new: End, pos: usize) -> Result<(), MarbleError> {
    if *end != End::Never {
        return Err(err(pos, MarbleErrorKind::TwoEnds));
    }
    *end = new;
    Ok(())
}

fn err(pos: usize, kind: MarbleErrorKind) -> MarbleError {
    MarbleError { pos, kind }
}

/// Writes a track as marble text, the shortest form [`parse`] reads back:
/// a lone item of one digit as the digit, anything else in a frame as a
/// group. Each time is rounded down to its frame (see [`printable`]); the
/// error mark is written `✕`.
pub fn print(items: &[Marble], end: End) -> String {
    print_with(items, end, '✕')
}

/// [`print`] with the error written as `mark` (the address uses `x`).
pub(crate) fn print_with(items: &[Marble], end: End, mark: char) -> String {
    let frame = |ms: u32| (ms / FRAME_MS) as usize;
    let (end_frame, end_char) = match end {
        End::Never => (None, None),
        End::Complete { at_ms } => (Some(frame(at_ms)), Some('|')),
        End::Error { at_ms } => (Some(frame(at_ms)), Some(mark)),
    };
    let last = items.iter().map(|m| frame(m.at_ms)).chain(end_frame).max();
    let mut out = String::new();
    let Some(last) = last else { return out };
    // Stable: items that share a frame keep their order.
    let mut sorted = items.to_vec();
    sorted.sort_by_key(|m| frame(m.at_ms));
    let mut rest = &sorted[..];
    for f in 0..=last {
        let n = rest.iter().take_while(|m| frame(m.at_ms) == f).count();
        let (here, after) = rest.split_at(n);
        rest = after;
        let end_here = end_char.filter(|_| end_frame == Some(f));
        match (here, end_here) {
            ([], None) => out.push('-'),
            ([], Some(c)) => out.push(c),
            ([m], None) if (0..=9).contains(&m.value) => out.push(char::from(b'0' + m.value as u8)),
            _ => {
                out.push('(');
                let values: Vec<String> = here.iter().map(|m| m.value.to_string()).collect();
                out.push_str(&values.join(","));
                out.extend(end_here);
                out.push(')');
            }
        }
    }
    out
}

/// Whether [`print`] writes this track exactly, so that [`parse`] gives it
/// back: every time on the frame grid, items in time order, none after the
/// end, and no more than [`MAX_FRAMES`] frames.
pub fn printable(items: &[Marble], end: End) -> bool {
    let end_ms = match end {
        End::Never => None,
        End::Complete { at_ms } | End::Error { at_ms } => Some(at_ms),
    };
    let times = || items.iter().map(|m| m.at_ms).chain(end_ms);
    times().all(|t| t % FRAME_MS == 0 && ((t / FRAME_MS) as usize) < MAX_FRAMES)
        && times().zip(times().skip(1)).all(|(a, b)| a <= b)
}

#[cfg(test)]
mod tests;
