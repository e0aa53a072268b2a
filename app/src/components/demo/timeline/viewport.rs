//! The visible part of the timeline's scroll box, as a value: where it
//! starts, how wide it is, what is drawn around it, and the scroll maths
//! (follow the end, show a marker, keep a point in place while zooming).
//!
//! Plain Rust, tested natively; the component only reads the box into a
//! [`Viewport`] and writes back the scroll position one of these methods
//! returns. Not here: where events are (the timeline model).

/// The scroll box's horizontal window, px of content.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Viewport {
    /// `scrollLeft`.
    pub left: f64,
    /// `clientWidth`.
    pub width: f64,
}

impl Default for Viewport {
    fn default() -> Self {
        Viewport {
            left: 0.0,
            width: 640.0,
        }
    }
}

impl Viewport {
    /// The right edge.
    pub fn right(self) -> f64 {
        self.left + self.width
    }

    /// What is drawn: the view plus half a screen either side, so a short
    /// scroll never shows an empty edge before the next frame.
    pub fn drawn(self) -> (f64, f64) {
        (self.left - self.width / 2.0, self.left + self.width * 1.5)
    }

    /// Whether the view is at (or within `slack` px of) the right end of
    /// `content_w`: the view keeps following new events only while the
    /// reader has not scrolled away.
    pub fn is_at_end(self, content_w: f64, slack: f64) -> bool {
        self.right() >= content_w - slack
    }

    /// The scroll position that shows `x` with `margin` px around it,
    /// moving as little as possible.
    pub fn scroll_to_show(self, x: f64, margin: f64) -> f64 {
        let margin = margin.min(self.width / 2.0);
        if x < self.left + margin {
            (x - margin).max(0.0)
        } else if x > self.right() - margin {
            x - self.width + margin
        } else {
            self.left
        }
    }

    /// Where content position `x` is in the view (px from its left edge),
    /// if it is in view.
    pub fn view_x(self, x: f64) -> Option<f64> {
        let v = x - self.left;
        (0.0..=self.width).contains(&v).then_some(v)
    }

    /// The scroll position that keeps a point `view_x` px into the view
    /// in place when the content under it moves to `new_x`.
    pub fn keep_at(self, new_x: f64, view_x: f64) -> f64 {
        (new_x - view_x).max(0.0)
    }

    /// The view as a share of `content_w`: (start, width), each 0..=1, for
    /// the overview strip.
    pub fn share_of(self, content_w: f64) -> (f64, f64) {
        if content_w <= 0.0 || !content_w.is_finite() {
            return (0.0, 1.0);
        }
        let a = (self.left / content_w).clamp(0.0, 1.0);
        let w = (self.width / content_w).clamp(0.0, 1.0 - a);
        (a, w)
    }
}

#[cfg(test)]
mod tests {
    use super::Viewport;

    fn vp(left: f64, width: f64) -> Viewport {
        Viewport { left, width }
    }

    #[test]
    fn following_and_scrolling_into_view() {
        assert!(vp(300.0, 500.0).is_at_end(810.0, 16.0));
        assert!(!vp(100.0, 500.0).is_at_end(810.0, 16.0));
        assert_eq!(vp(0.0, 400.0).scroll_to_show(50.0, 40.0), 0.0);
        assert_eq!(vp(0.0, 400.0).scroll_to_show(900.0, 40.0), 540.0);
        assert_eq!(vp(500.0, 400.0).scroll_to_show(100.0, 40.0), 60.0);
        assert_eq!(vp(500.0, 400.0).scroll_to_show(700.0, 40.0), 500.0);
    }

    #[test]
    fn the_drawn_window_and_view_positions() {
        assert_eq!(vp(400.0, 200.0).drawn(), (300.0, 700.0));
        assert_eq!(vp(400.0, 200.0).view_x(450.0), Some(50.0));
        assert_eq!(vp(400.0, 200.0).view_x(650.0), None);
        assert_eq!(vp(400.0, 200.0).keep_at(900.0, 50.0), 850.0);
        assert_eq!(vp(400.0, 200.0).keep_at(10.0, 50.0), 0.0);
    }

    #[test]
    fn the_overview_share_stays_inside_the_strip() {
        assert_eq!(vp(0.0, 500.0).share_of(1000.0), (0.0, 0.5));
        assert_eq!(vp(750.0, 500.0).share_of(1000.0), (0.75, 0.25));
        assert_eq!(vp(0.0, 500.0).share_of(0.0), (0.0, 1.0));
        assert_eq!(vp(0.0, 1500.0).share_of(1000.0), (0.0, 1.0));
    }
}
