//! The shape of the lesson registry that `build.rs` generates: lessons, their
//! pages in each language, the blocks of a page, and the demos.
//!
//! Everything here is `'static` data made at build time; nothing is parsed in
//! the browser.

use futures::future::LocalBoxFuture;
use trace::Trace;

use crate::knobs::{Knob, Knobs};

/// A page language.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Lang {
    /// English.
    En,
    /// Simplified Chinese.
    Zh,
}

impl Lang {
    /// Both languages, in the order the site lists them.
    pub const ALL: [Lang; 2] = [Lang::Zh, Lang::En];

    /// The URL segment: `en` or `zh`.
    pub const fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Zh => "zh",
        }
    }

    /// The BCP 47 tag for `<html lang>`: `en` or `zh-CN`.
    pub const fn html_lang(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Zh => "zh-CN",
        }
    }

    /// Parses a URL segment (`en`, `zh`); anything else is `None`.
    pub fn from_code(code: &str) -> Option<Lang> {
        match code {
            "en" => Some(Lang::En),
            "zh" => Some(Lang::Zh),
            _ => None,
        }
    }

    /// The other language.
    pub const fn other(self) -> Lang {
        match self {
            Lang::En => Lang::Zh,
            Lang::Zh => Lang::En,
        }
    }
}

/// One lesson: a folder `lessons/NN-slug/`.
#[derive(Debug)]
pub struct Lesson {
    /// `NN` from the folder name (1-based).
    pub number: u32,
    /// The folder name without `NN-`; the URL segment.
    pub slug: &'static str,
    /// The English page (`en.md`).
    pub en: Page,
    /// The Chinese page (`zh.md`).
    pub zh: Page,
    /// The demos (one per `.rs` file in the folder), in file-name order.
    pub demos: &'static [Demo],
}

impl Lesson {
    /// The page in `lang`.
    pub fn page(&self, lang: Lang) -> &Page {
        match lang {
            Lang::En => &self.en,
            Lang::Zh => &self.zh,
        }
    }

    /// The demo called `id` (its file stem).
    pub fn demo(&self, id: &str) -> Option<&Demo> {
        self.demos.iter().find(|d| d.id == id)
    }
}

/// A lesson in one language.
#[derive(Debug)]
pub struct Page {
    /// From front matter.
    pub title: &'static str,
    /// One line, from front matter.
    pub summary: &'static str,
    /// The body, in order.
    pub blocks: &'static [Block],
    /// Headings (level 2 and 3) with their anchors, for a table of contents.
    pub toc: &'static [Heading],
}

/// A heading with a stable anchor.
#[derive(Debug)]
pub struct Heading {
    /// 2 or 3.
    pub level: u8,
    /// The `id` attribute.
    pub id: &'static str,
    /// Plain text.
    pub text: &'static str,
}

/// A piece of a page.
#[derive(Debug)]
pub enum Block {
    /// Trusted HTML rendered at build time from the lesson's Markdown
    /// (prose, highlighted code, Python panels, myth boxes).
    Html(&'static str),
    /// A live demo: the id of one of the lesson's [`Demo`]s.
    Demo(&'static str),
    /// A question the reader answers before running a demo.
    Predict(Predict),
}

/// A "predict, then run" question. The answer is computed from the recorded
/// trace by `check`, never stored.
#[derive(Debug)]
pub struct Predict {
    /// The demo it is about.
    pub demo: &'static str,
    /// Its id within the lesson (used for the check function's name).
    pub id: &'static str,
    /// The question (HTML).
    pub question: &'static str,
    /// The choices (HTML), in order.
    pub options: &'static [&'static str],
    /// Per option, why it is right or wrong (HTML; empty if not written).
    pub why: &'static [&'static str],
    /// The case the question is about: knob values that differ from the
    /// defaults (name, value as written). The answer comes from a run of
    /// this case, whatever the reader ran last.
    pub case: &'static [(&'static str, &'static str)],
    /// Which option the trace shows to be true (`None`: the run did not get
    /// far enough to tell).
    pub check: fn(&Trace) -> Option<usize>,
}

impl Predict {
    /// The question's case and check, without its words: what the wasm
    /// carries ([`LessonRuntime::cases`]).
    pub fn as_case(&self) -> Case {
        Case {
            demo: self.demo,
            id: self.id,
            knobs: self.case,
            options: self.options.len(),
            check: self.check,
        }
    }

    /// The knob values of the question's case: `demo`'s defaults with the
    /// case's values set, and any value the knob refuses (the lesson tests
    /// require none). See [`Case::case_knobs`].
    pub fn case_knobs(&self, demo: &Demo) -> (Knobs, Vec<(&'static str, crate::KnobError)>) {
        self.as_case().case_knobs(demo)
    }

    /// Which option a virtual-clock run of the case shows. See [`Case::answer`].
    pub fn answer(&self, demo: &Demo) -> Option<usize> {
        self.as_case().answer(demo)
    }
}

/// What the wasm needs of a lesson: its demos and the cases its questions
/// are graded on, and no text. The page (rendered at build time) brings the
/// text; a wasm that only reads [`crate::RUNTIME`] does not carry it.
#[derive(Debug)]
pub struct LessonRuntime {
    /// The lesson's URL segment.
    pub slug: &'static str,
    /// Its demos, as in [`Lesson::demos`] but without their code (the page
    /// has it: [`Demo::with_code`]).
    pub demos: &'static [Demo],
    /// Its questions' cases, in page order.
    pub cases: &'static [Case],
}

impl LessonRuntime {
    /// The lesson with URL segment `slug`.
    pub fn find(slug: &str) -> Option<&'static LessonRuntime> {
        crate::RUNTIME.iter().find(|l| l.slug == slug)
    }

    /// The demo called `id`.
    pub fn demo(&self, id: &str) -> Option<&'static Demo> {
        self.demos.iter().find(|d| d.id == id)
    }

    /// The case of question `id` about demo `demo`.
    pub fn case(&self, demo: &str, id: &str) -> Option<&'static Case> {
        self.cases.iter().find(|c| c.demo == demo && c.id == id)
    }
}

/// The case a [`Predict`] question asks about, and how its run is graded.
pub struct Case {
    /// The demo.
    pub demo: &'static str,
    /// The question's id.
    pub id: &'static str,
    /// Knob values that differ from the defaults (name, value as written).
    pub knobs: &'static [(&'static str, &'static str)],
    /// How many options the question has.
    pub options: usize,
    /// Which option a recorded run shows to be true.
    pub check: fn(&Trace) -> Option<usize>,
}

impl Case {
    /// The knob values of the case, and any value a knob refuses.
    pub fn case_knobs(&self, demo: &Demo) -> (Knobs, Vec<(&'static str, crate::KnobError)>) {
        Knobs::from_pairs(demo.knobs, self.knobs.iter().copied())
    }

    /// Runs the case on the virtual clock and asks the check which option
    /// the recorded trace shows (`None`: the run could not tell).
    pub fn answer(&self, demo: &Demo) -> Option<usize> {
        let (knobs, _) = self.case_knobs(demo);
        let trace = trace::run_virtual((demo.run)(knobs));
        (self.check)(&trace)
    }
}

impl std::fmt::Debug for Case {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Case")
            .field("demo", &self.demo)
            .field("id", &self.id)
            .field("knobs", &self.knobs)
            .finish_non_exhaustive()
    }
}

/// A live demo: one `.rs` file of a lesson.
#[derive(Clone, Copy)]
pub struct Demo {
    /// The file stem, e.g. `cleanup` for `cleanup.rs`.
    pub id: &'static str,
    /// The knobs the reader can turn.
    pub knobs: &'static [Knob],
    /// Starts the demo with these knob values.
    pub run: fn(Knobs) -> LocalBoxFuture<'static, ()>,
    /// The shown region of the source (between `// ANCHOR: demo` and
    /// `// ANCHOR_END: demo`), one highlighted HTML string per line. (No
    /// plain-text copy ships: nothing in the page needs one, and every
    /// string here is part of the download.)
    pub code: &'static [&'static str],
    /// File line number of `code[0]` (1-based), to map an event's line to a row.
    pub first_line: u32,
    /// The file's path relative to the repository root.
    pub path: &'static str,
}

impl Demo {
    /// This demo with `code` as its shown lines (read back from the page by
    /// the wasm, whose [`crate::RUNTIME`] carries none). Leaked: a demo
    /// lives as long as the page.
    pub fn with_code(&self, code: Vec<String>) -> &'static Demo {
        let code: Vec<&'static str> = code
            .into_iter()
            .map(|l| &*Box::leak(l.into_boxed_str()))
            .collect();
        Box::leak(Box::new(Demo {
            code: Box::leak(code.into_boxed_slice()),
            ..*self
        }))
    }

    /// The row in [`Demo::code`] for a 1-based file line, if it is shown.
    pub fn row_of_line(&self, line: u32) -> Option<usize> {
        let row = line.checked_sub(self.first_line)? as usize;
        (row < self.code.len()).then_some(row)
    }
}

impl std::fmt::Debug for Demo {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Demo")
            .field("id", &self.id)
            .finish_non_exhaustive()
    }
}

#[cfg(test)]
mod tests {
    use crate::{Block, Lang, LESSONS, RUNTIME};

    /// The wasm's cases are the pages' questions, in both languages: same
    /// demo, id, knobs, option count and check.
    #[test]
    fn runtime_cases_are_the_pages_questions() {
        for (l, rt) in LESSONS.iter().zip(RUNTIME) {
            assert_eq!(l.slug, rt.slug);
            for lang in [Lang::En, Lang::Zh] {
                let asked: Vec<_> = l
                    .page(lang)
                    .blocks
                    .iter()
                    .filter_map(|b| match b {
                        Block::Predict(p) => Some(p.as_case()),
                        _ => None,
                    })
                    .collect();
                assert_eq!(asked.len(), rt.cases.len(), "{} {lang:?}", l.slug);
                for (a, c) in asked.iter().zip(rt.cases) {
                    assert_eq!(
                        (a.demo, a.id, a.knobs, a.options),
                        (c.demo, c.id, c.knobs, c.options)
                    );
                    assert!(
                        std::ptr::fn_addr_eq(a.check, c.check),
                        "{} {}",
                        a.demo,
                        a.id
                    );
                }
            }
        }
    }
}
