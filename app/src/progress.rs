//! The reader's progress: which lessons they have opened, and where they were
//! last (lesson and nearest heading), kept in `localStorage`.
//!
//! The text formats are plain functions, tested natively; [`Progress`] is the
//! reactive store the pages share. Nothing leaves the browser.

use leptos::prelude::*;

use crate::storage;

/// At most this many visited lessons are kept (a corrupt value cannot grow
/// without bound).
const MAX_VISITED: usize = 100;

/// Where the reader was: a lesson and, if they had scrolled to one, the
/// nearest heading above their reading position.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Position {
    /// The lesson's slug.
    pub slug: String,
    /// A heading id in that lesson.
    pub anchor: Option<String>,
}

/// `a,b,c` → the slugs, in order, without duplicates or malformed entries.
pub fn decode_visited(text: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for slug in text.split(',').map(str::trim) {
        if is_slug(slug) && !out.iter().any(|s| s == slug) && out.len() < MAX_VISITED {
            out.push(slug.to_string());
        }
    }
    out
}

/// The inverse of [`decode_visited`].
pub fn encode_visited(slugs: &[String]) -> String {
    slugs.join(",")
}

/// `slug` or `slug#anchor` → a [`Position`]; anything malformed → `None`
/// (a malformed anchor alone is dropped).
pub fn decode_position(text: &str) -> Option<Position> {
    let (slug, anchor) = match text.trim().split_once('#') {
        Some((slug, anchor)) => (slug, Some(anchor)),
        None => (text.trim(), None),
    };
    if !is_slug(slug) {
        return None;
    }
    Some(Position {
        slug: slug.to_string(),
        anchor: anchor.filter(|a| is_anchor(a)).map(str::to_string),
    })
}

/// The inverse of [`decode_position`].
pub fn encode_position(p: &Position) -> String {
    match &p.anchor {
        Some(a) => format!("{}#{a}", p.slug),
        None => p.slug.clone(),
    }
}

fn is_slug(s: &str) -> bool {
    !s.is_empty()
        && s.len() <= 80
        && s.bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

fn is_anchor(s: &str) -> bool {
    !s.is_empty()
        && s.len() <= 80
        && s.bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

/// The reactive progress store, shared through context.
#[derive(Debug, Clone, Copy)]
pub struct Progress {
    visited: RwSignal<Vec<String>>,
    last: RwSignal<Option<Position>>,
}

impl Progress {
    /// Reads the saved progress (nothing saved, or no storage: empty).
    pub fn load() -> Self {
        let visited = storage::get(storage::VISITED_KEY)
            .map(|t| decode_visited(&t))
            .unwrap_or_default();
        let last = storage::get(storage::LAST_KEY).and_then(|t| decode_position(&t));
        Self {
            visited: RwSignal::new(visited),
            last: RwSignal::new(last),
        }
    }

    /// Whether the lesson `slug` has been opened (reactive).
    pub fn is_visited(&self, slug: &str) -> bool {
        self.visited.with(|v| v.iter().any(|s| s == slug))
    }

    /// The last position (reactive).
    pub fn last(&self) -> Option<Position> {
        self.last.get()
    }

    /// Records that the reader is in lesson `slug`, near `anchor`.
    pub fn set_position(&self, slug: &str, anchor: Option<&str>) {
        let position = Position {
            slug: slug.to_string(),
            anchor: anchor.map(str::to_string),
        };
        if self.last.with_untracked(|l| l.as_ref() != Some(&position)) {
            storage::set(storage::LAST_KEY, &encode_position(&position));
            self.last.set(Some(position));
        }
        if !self.visited.with_untracked(|v| v.iter().any(|s| s == slug)) {
            self.visited.update(|v| {
                v.push(slug.to_string());
                if v.len() > MAX_VISITED {
                    v.remove(0);
                }
            });
            self.visited
                .with_untracked(|v| storage::set(storage::VISITED_KEY, &encode_visited(v)));
        }
    }

    /// Forgets everything.
    pub fn clear(&self) {
        storage::remove(storage::VISITED_KEY);
        storage::remove(storage::LAST_KEY);
        self.visited.set(Vec::new());
        self.last.set(None);
    }
}

/// Loads the store and provides it to the app. Call once, in [`crate::App`].
pub fn provide_progress() {
    provide_context(Progress::load());
}

/// The store [`provide_progress`] provided.
pub fn use_progress() -> Progress {
    expect_context::<Progress>()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn visited_round_trip() {
        let v = vec!["errors".to_string(), "break-and-cleanup".to_string()];
        assert_eq!(decode_visited(&encode_visited(&v)), v);
        assert_eq!(decode_visited(""), Vec::<String>::new());
    }

    #[test]
    fn visited_ignores_junk() {
        assert_eq!(
            decode_visited("errors, errors,<script>,,Bad,ok-2"),
            vec!["errors".to_string(), "ok-2".to_string()]
        );
        let many: Vec<String> = (0..500).map(|i| format!("l{i}")).collect();
        assert_eq!(decode_visited(&many.join(",")).len(), MAX_VISITED);
    }

    #[test]
    fn position_round_trip() {
        for p in [
            Position {
                slug: "errors".into(),
                anchor: Some("what-happened".into()),
            },
            Position {
                slug: "errors".into(),
                anchor: None,
            },
        ] {
            assert_eq!(decode_position(&encode_position(&p)), Some(p));
        }
    }

    #[test]
    fn position_rejects_junk() {
        assert_eq!(decode_position(""), None);
        assert_eq!(decode_position("#run"), None);
        assert_eq!(decode_position("../x#run"), None);
        assert_eq!(
            decode_position("errors#\"><img>"),
            Some(Position {
                slug: "errors".into(),
                anchor: None
            })
        );
    }
}
