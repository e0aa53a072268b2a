//! Test-only generators: a small fixed-seed random source and random
//! tracks and pipelines made from it, for the round-trip, fuzz and Python
//! tests of the text forms. No dependency: the same seed gives the same
//! cases on every machine, so a failure names a case that can be rerun.

use crate::marbles::FRAME_MS;
use crate::model::*;

/// xorshift64*: plenty for test cases, and reproducible.
pub struct Rng(u64);

impl Rng {
    /// A generator from a seed (any value; 0 is moved off the fixed point).
    pub fn new(seed: u64) -> Rng {
        Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1)
    }

    /// The next 64 random bits.
    pub fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    /// A number in `0..n` (`n` > 0).
    pub fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }

    /// A number in `lo..=hi`.
    pub fn range(&mut self, lo: i64, hi: i64) -> i64 {
        lo + self.below((hi - lo + 1) as u64) as i64
    }

    /// True with probability `1 / n`.
    pub fn one_in(&mut self, n: u64) -> bool {
        self.below(n) == 0
    }

    /// One of `items`.
    pub fn pick<T: Copy>(&mut self, items: &[T]) -> T {
        items[self.below(items.len() as u64) as usize]
    }

    /// A value: mostly small, sometimes anything an `i64` holds.
    pub fn value(&mut self) -> i64 {
        match self.below(8) {
            0 => self.range(-1_000_000_000, 1_000_000_000),
            1 => self.range(-1000, 1000),
            _ => self.range(-2, 12),
        }
    }
}

/// A marble track on the frame grid, within `frames` frames.
pub fn track(rng: &mut Rng, frames: u32) -> (Vec<Marble>, End) {
    let mut items = Vec::new();
    let mut frame = 0;
    let n = rng.below(12);
    for _ in 0..n {
        frame += rng.pick(&[0, 1, 1, 2, 3, 7]);
        if frame >= frames {
            break;
        }
        items.push(Marble {
            at_ms: frame * FRAME_MS,
            value: rng.value(),
        });
    }
    let end_frame = (frame + rng.pick(&[0, 1, 2])).min(frames - 1);
    let at_ms = end_frame * FRAME_MS;
    let end = match rng.below(3) {
        0 => End::Never,
        1 => End::Complete { at_ms },
        _ => End::Error { at_ms },
    };
    (items, end)
}

/// A source of any kind.
pub fn source(rng: &mut Rng) -> Source {
    match rng.below(4) {
        0 => Source::Counter {
            period_ms: rng.below(500) as u32,
            count: rng.below(20) as u32,
        },
        1 => Source::Unfold {
            delay_ms: rng.below(500) as u32,
            count: rng.below(20) as u32,
        },
        _ => {
            let (items, end) = track(rng, 60);
            Source::Marbles { items, end }
        }
    }
}

/// A closure of one argument.
pub fn expr(rng: &mut Rng) -> Expr {
    let k = rng.range(-100, 100);
    match rng.below(5) {
        0 => Expr::Id,
        1 => Expr::Add(k),
        2 => Expr::Mul(k),
        3 => Expr::Rem(if k == 0 { 7 } else { k }),
        _ => Expr::Square,
    }
}

/// A predicate.
pub fn pred(rng: &mut Rng) -> Pred {
    let k = rng.range(-100, 100);
    match rng.below(5) {
        0 => Pred::Even,
        1 => Pred::Odd,
        2 => Pred::Lt(k),
        3 => Pred::Gt(k),
        _ => Pred::Ne(k),
    }
}

/// A delay.
pub fn delay(rng: &mut Rng) -> Delay {
    if rng.one_in(2) {
        Delay::Fixed(rng.below(300) as u32)
    } else {
        Delay::PerItem(rng.below(50) as u32)
    }
}

/// One stage of every kind (by `kind`, modulo 23), its fields random;
/// sources it names are below `sources`.
pub fn stage(rng: &mut Rng, kind: u64, sources: u8) -> Stage {
    let other = 1 + rng.below(u64::from(sources.max(2) - 1)) as u8;
    let n = rng.below(20) as u32;
    let k = 1 + rng.below(8) as u32;
    let f = rng.pick(&[Expr2::Sum, Expr2::Product, Expr2::Max]);
    let inner = Inner {
        count: rng.below(5) as u32,
        delay_ms: rng.below(100) as u32,
    };
    // A stage that names another source needs one: `fuse` instead.
    let kind = if sources < 2 && (6..=9).contains(&(kind % 23)) {
        19
    } else {
        kind
    };
    match kind % 23 {
        0 => Stage::Map(expr(rng)),
        1 => Stage::Filter(pred(rng)),
        2 => Stage::Then {
            expr: expr(rng),
            delay: delay(rng),
        },
        3 => Stage::Take(n),
        4 => Stage::Skip(n),
        5 => Stage::TakeWhile(pred(rng)),
        6 => Stage::TakeUntil(other),
        7 => Stage::Chain(other),
        8 => Stage::Zip(other),
        9 => Stage::Select(other),
        10 => Stage::SelectAll,
        11 => Stage::Flatten(inner),
        12 => Stage::FlatMap(inner),
        13 => Stage::Scan {
            init: rng.range(-10, 10),
            f,
        },
        14 => Stage::Fold {
            init: rng.range(-10, 10),
            f,
        },
        15 => Stage::Chunks(k),
        16 => Stage::ReadyChunks(k),
        17 => Stage::Buffered {
            k,
            delay: delay(rng),
        },
        18 => Stage::BufferUnordered {
            k,
            delay: delay(rng),
        },
        19 => Stage::Fuse,
        20 => Stage::Peekable,
        21 => Stage::Timeout(rng.below(1000) as u32),
        _ => Stage::Map(Expr::Square),
    }
}

/// A pipeline with random sources, stages (of any kind, in any order: the
/// text forms do not type-check) and consumer.
pub fn pipeline(rng: &mut Rng) -> Pipeline {
    let n = 1 + rng.below(MAX_SOURCES as u64) as u8;
    let sources = (0..n).map(|_| source(rng)).collect();
    let stages = (0..rng.below(MAX_STAGES as u64 + 1))
        .map(|_| {
            let kind = rng.below(23);
            stage(rng, kind, n)
        })
        .collect();
    let consumer = Consumer {
        body_ms: if rng.one_in(2) {
            0
        } else {
            rng.below(500) as u32
        },
        break_after: if rng.one_in(2) {
            None
        } else {
            Some(1 + rng.below(10) as u32)
        },
    };
    Pipeline {
        sources,
        stages,
        consumer,
    }
}
