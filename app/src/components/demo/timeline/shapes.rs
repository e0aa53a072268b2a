//! One marker shape per event kind, and where dots go when zoomed far out.
//! Each kind has its own silhouette, so the timeline reads without colour.

use trace::Kind;

/// The marker of `kind`, centred on (0, 0), about 12 px across (drawn at
/// 1.25×: at least 14 px on screen; see `.ev .mk` in `style/demo.css`).
pub const fn shape(kind: Kind) -> &'static str {
    match kind {
        // A ring: polled to completion.
        Kind::Poll => "M-5,0a5,5 0 1,0 10,0a5,5 0 1,0 -10,0",
        // A hollow square: paused.
        Kind::Pending => "M-5,-5h10v10h-10z",
        // A triangle pointing up: woken.
        Kind::Wake => "M0,-6.5L6.5,5.5H-6.5z",
        // A disc: a value came out.
        Kind::Yield => "M-6,0a6,6 0 1,0 12,0a6,6 0 1,0 -12,0",
        // A bar: the end of the stream.
        Kind::End => "M-2.5,-7.5h5v15h-5z",
        // A diamond: the loop body.
        Kind::Body => "M0,-6.5L6.5,0L0,6.5L-6.5,0z",
        // A cross: dropped.
        Kind::Drop => "M-5,-5L5,5M5,-5L-5,5",
        // A star: cleanup ran.
        Kind::Cleanup => {
            "M0,-7.5L1.9,-2.6L7.1,-2.3L3.1,1L4.4,6.1L0,3.2L-4.4,6.1L-3.1,1L-7.1,-2.3L-1.9,-2.6Z"
        }
        // A triangle pointing down: an error.
        Kind::Error => "M-6.5,-5.5H6.5L0,6.5z",
        // A slashed ring: cancelled.
        Kind::Cancel => "M-5.5,0a5.5,5.5 0 1,0 11,0a5.5,5.5 0 1,0 -11,0M-3.9,3.9L3.9,-3.9",
        // A small clock: a timer was set.
        Kind::TimerSet => "M-4,0a4,4 0 1,0 8,0a4,4 0 1,0 -8,0M0,0V-2.6M0,0H2",
        // A small hollow diamond: a timer was cleared.
        Kind::TimerClear => "M0,-4.5L4.5,0L0,4.5L-4.5,0z",
        // A flag: a note.
        Kind::Note => "M-3,6.5V-6.5L5,-3.5L-3,-0.5",
    }
}

/// The code the lessons' text uses for `kind` (`P`, `R(x)`, `T+n` …), as
/// the legend shows it.
pub fn code(kind: Kind) -> &'static str {
    match kind {
        Kind::Poll => "Ready(x)",
        Kind::Yield => "R(x)",
        Kind::Body => "B(x)",
        Kind::Cleanup => "C",
        Kind::Error => "E(x)",
        Kind::Cancel => "cancel",
        Kind::TimerSet => "T+n",
        Kind::Note => "“…”",
        _ => kind.symbol(),
    }
}

/// Zoomed far out, events are dots; a lane's dots sit in three strips, so
/// that one kind does not hide another: results on top (yield, end,
/// error, a future's Ready), timers at the bottom, the rest in the middle.
pub fn overview_offset(kind: Kind) -> f64 {
    match kind {
        Kind::Yield | Kind::End | Kind::Error | Kind::Poll => -8.0,
        Kind::TimerSet | Kind::TimerClear => 8.0,
        _ => 0.0,
    }
}

/// The order dots are drawn in, last on top: what matters most (drops,
/// cancels, cleanups) is never hidden under a timer.
pub fn overview_rank(kind: Kind) -> u8 {
    match kind {
        Kind::TimerSet | Kind::TimerClear => 0,
        Kind::Pending => 1,
        Kind::Poll => 2,
        Kind::Wake => 3,
        Kind::Note => 4,
        Kind::Body => 5,
        Kind::Yield => 6,
        Kind::End => 7,
        Kind::Error => 8,
        Kind::Drop => 9,
        Kind::Cancel => 10,
        Kind::Cleanup => 11,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_kind_has_a_shape_and_a_code_the_text_can_name() {
        for k in Kind::ALL {
            assert!(!shape(k).is_empty());
            assert!(!code(k).is_empty(), "{k:?}");
        }
        let codes: Vec<&str> = Kind::ALL.into_iter().map(code).collect();
        for c in ["P", "W", "R(x)", "R∅", "B(x)", "D", "C", "T+n", "T✕"] {
            assert!(codes.contains(&c), "{c}");
        }
    }
}
