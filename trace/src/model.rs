//! The timeline model: lanes, scales, ticks and waiting spans computed from
//! events. Plain Rust, tested natively; the view only draws what this says.
