//! The glossary's shape: one [`Term`] per `[id]` of `lessons/glossary.toml`,
//! made at build time into [`crate::GLOSSARY`] (names and definitions as
//! trusted inline HTML, like the lessons' text).

use crate::Lang;

/// A term: its names and one-line definitions in both languages, and the
/// lesson that teaches it.
#[derive(Debug)]
pub struct Term {
    /// The anchor on the glossary page, and what lessons link to
    /// (`../glossary/#stream`).
    pub id: &'static str,
    /// The English name (inline HTML).
    pub en: &'static str,
    /// The Chinese name (inline HTML).
    pub zh: &'static str,
    /// The slug of the lesson that teaches it.
    pub lesson: &'static str,
    /// The English definition (inline HTML).
    pub en_def: &'static str,
    /// The Chinese definition (inline HTML).
    pub zh_def: &'static str,
}

impl Term {
    /// The name in `lang`.
    pub fn name(&self, lang: Lang) -> &'static str {
        match lang {
            Lang::En => self.en,
            Lang::Zh => self.zh,
        }
    }

    /// The definition in `lang`.
    pub fn definition(&self, lang: Lang) -> &'static str {
        match lang {
            Lang::En => self.en_def,
            Lang::Zh => self.zh_def,
        }
    }
}
