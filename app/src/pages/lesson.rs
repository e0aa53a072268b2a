//! A lesson page: title, the lesson's blocks in order (prose, live demos,
//! predict questions), its contents, and previous / next.
//!
//! Layout: the blocks are cut into *segments*, one per demo — a segment is a
//! demo and the prose after it (the first one also takes the introduction
//! before it). On wide screens a segment is two columns: the prose on the
//! left, and its demo on the right, sticking to the top of the window while
//! the prose that talks about it scrolls past — so the reader can read "what
//! happened" and watch the timeline at the same time. The next demo takes
//! over where its own segment starts. On narrow screens everything is one
//! column in the author's order (the DOM order is always the author's).

use std::ops::Range;

use leptos::prelude::*;
use lessons::{Block, Lang, Lesson, LessonRuntime, LESSONS};

use crate::components::demo::{DemoPanel, PredictBox, PredictText};
use crate::components::inline::Inline;
use crate::components::prev_next::PrevNext;
use crate::components::shell::{Shell, MAIN_ID};
use crate::components::toc::Toc;
use crate::i18n::ui;
use crate::paths::{absolutize_fragment_links, lesson_href};
use crate::use_site;

/// Cuts `blocks` into segments, each holding at most one demo, so that the
/// demo pinned beside the text is the one the text is about: a demo's
/// segment starts at the `##` section that first asks about it or places
/// it (its predict question comes before it), and runs up to the next
/// demo's segment. "Run it" and "What happened" (`#run`, `#what-happened`)
/// are shared: a later demo asked about in a `###` inside them starts at
/// that `###`, so the text above it stays beside the demo it is about. Without demos there is one segment (none if there are no blocks).
pub fn segments(blocks: &[Block]) -> Vec<Range<usize>> {
    /// The sections several demos share (by their ids).
    const SHARED: [&str; 2] = ["<h2 id=\"run\"", "<h2 id=\"what-happened\""];
    let mut starts = vec![0];
    let mut seen: Vec<&str> = Vec::new();
    // Just after the last demo placed: a segment never starts before it.
    let mut after_demo = 0;
    for (i, b) in blocks.iter().enumerate() {
        let demo = match b {
            Block::Demo(id) => {
                let new = !seen.contains(id);
                if !new {
                    after_demo = i + 1;
                    continue;
                }
                *id
            }
            Block::Predict(p) => p.demo,
            Block::Html(_) => continue,
        };
        if seen.contains(&demo) {
            continue;
        }
        seen.push(demo);
        if seen.len() > 1 {
            // Back to the start of the section this block is in, but not
            // into the previous segment or before the previous demo.
            let floor = (starts.last().copied().unwrap_or(0) + 1).max(after_demo);
            let heading =
                |level: &str, k: usize| matches!(blocks[k], Block::Html(h) if h.starts_with(level));
            let h2 = (floor..=i).rev().find(|&k| heading("<h2 ", k));
            let shared = h2.is_some_and(
                |k| matches!(blocks[k], Block::Html(h) if SHARED.iter().any(|s| h.starts_with(s))),
            );
            let h3 = (h2.unwrap_or(floor)..=i)
                .rev()
                .find(|&k| heading("<h3 ", k));
            let section = match (h2, h3) {
                (Some(_), Some(k)) if shared => k,
                (Some(k), _) => k,
                (None, Some(k)) => k,
                (None, None) => i,
            };
            starts.push(section);
        }
        if matches!(b, Block::Demo(_)) {
            after_demo = i + 1;
        }
    }
    let mut out = Vec::new();
    for (k, &start) in starts.iter().enumerate() {
        let end = starts.get(k + 1).copied().unwrap_or(blocks.len());
        if start < end {
            out.push(start..end);
        }
    }
    out
}

/// The lesson `LESSONS[index]` in `lang`.
#[component]
pub fn LessonPage(
    /// The page language.
    lang: Lang,
    /// The lesson's index in `LESSONS` (the router checked it).
    index: usize,
) -> impl IntoView {
    let Some(lesson) = LESSONS.get(index) else {
        return view! { <crate::pages::NotFound lang=Some(lang) /> }.into_any();
    };
    let t = ui(lang);
    let page = lesson.page(lang);
    let href = lesson_href(use_site().base, lang, lesson.slug);
    let body = segments(page.blocks)
        .into_iter()
        .map(|range| view_segment(lesson, lang, &page.blocks[range], &href))
        .collect_view();
    view! {
        <Shell lang title=page.title contents_button=true>
            <div class="lesson-layout">
                <Toc lang index headings=page.toc />
                <main id=MAIN_ID class="lesson" tabindex="-1" data-lesson=lesson.slug data-pagefind-body="">
                    <header class="lesson-header">
                        <p class="lesson-kicker">{(t.lesson_n)(lesson.number)}</p>
                        <h1>
                            <Inline text=page.title />
                        </h1>
                        <p class="lesson-lead">
                            <Inline text=page.summary />
                        </p>
                    </header>
                    {body}
                    <PrevNext lang index />
                </main>
            </div>
        </Shell>
    }
    .into_any()
}

/// One segment: its blocks in order; a demo is placed in the right column on
/// wide screens, spanning the rows of the prose beside it (`--rows`).
fn view_segment(
    lesson: &'static Lesson,
    lang: Lang,
    blocks: &'static [Block],
    href: &str,
) -> impl IntoView {
    let has_demo = blocks.iter().any(|b| matches!(b, Block::Demo(_)));
    let rows = blocks
        .iter()
        .filter(|b| !matches!(b, Block::Demo(_)))
        .count()
        .max(1);
    let items = blocks
        .iter()
        .map(|block| match block {
            Block::Html(html) => view! {
                <div class="prose" inner_html=absolutize_fragment_links(html, href)></div>
            }
            .into_any(),
            // Each demo and question is an island: the wasm mounts the same
            // component over it (`client::islands`).
            Block::Demo(id) => match lesson.demo(id) {
                Some(demo) => view! {
                    <div class="demo-slot" data-island="demo" data-demo=demo.id>
                        <DemoPanel demo lang />
                    </div>
                }
                .into_any(),
                None => view! {
                    <p class="demo-slot demo-missing" role="note">
                        {(ui(lang).demo_missing)(id)}
                    </p>
                }
                .into_any(),
            },
            Block::Predict(predict) => {
                let found = LessonRuntime::find(lesson.slug).and_then(|l| {
                    let demo = l.demo(predict.demo)?;
                    Some((demo, l.case(predict.demo, predict.id)?))
                });
                match found {
                    Some((demo, case)) => view! {
                        <div
                            class="predict-slot"
                            data-island="predict"
                            data-demo=demo.id
                            data-predict=case.id
                        >
                            <PredictBox case demo text=PredictText::from_predict(predict) lang />
                        </div>
                    }
                    .into_any(),
                    None => ().into_any(),
                }
            }
        })
        .collect_view();
    view! {
        <div class="segment" class:has-demo=has_demo style:--rows=rows.to_string()>
            {items}
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(blocks: &[Block], ranges: &[Range<usize>]) -> Vec<String> {
        ranges
            .iter()
            .map(|r| {
                blocks[r.clone()]
                    .iter()
                    .map(|b| match b {
                        Block::Html(_) => 'h',
                        Block::Demo(_) => 'D',
                        Block::Predict(_) => 'p',
                    })
                    .collect()
            })
            .collect()
    }

    #[test]
    fn one_segment_per_demo_intro_goes_with_the_first() {
        let b = [
            Block::Html("intro"),
            Block::Demo("a"),
            Block::Html("what happened"),
            Block::Demo("b"),
            Block::Html("more"),
        ];
        assert_eq!(kinds(&b, &segments(&b)), ["hDh", "Dh"]);
    }

    /// The demo pinned beside a section is the one it is about: a segment
    /// starts at the `##` section that first asks about its demo.
    #[test]
    fn a_segment_starts_at_the_section_that_introduces_its_demo() {
        let b = [
            Block::Html("<h2 id=\"a\">A</h2>"),
            Block::Demo("a"),
            Block::Html("what happened to a"),
            Block::Html("<h2 id=\"b\">B</h2>"),
            Block::Html("text"),
            Block::Demo("b"),
        ];
        assert_eq!(kinds(&b, &segments(&b)), ["hDh", "hhD"]);
    }

    /// "What happened" about the first demo, then a `###` that asks about
    /// the second: the second is pinned from that `###`, not from "What
    /// happened" (lessons 1, 5, 6, 10, 11 and 12 pinned the second demo
    /// beside the first one's explanation). Elsewhere a `##` still leads.
    #[test]
    fn a_later_demo_inside_a_shared_section_starts_at_its_own_subsection() {
        let b = [
            Block::Html("<h2 id=\"run\">Run it</h2>"),
            Block::Demo("a"),
            Block::Html("<h2 id=\"what-happened\">What happened</h2><p>a did this</p>"),
            Block::Html("<h3 id=\"more\">More about a</h3>"),
            Block::Html("<h3 id=\"b\">B</h3>"),
            Block::Demo("b"),
            Block::Html("<h2 id=\"c\">C</h2>"),
            Block::Html("<h3 id=\"see\">What to watch for</h3>"),
            Block::Demo("c"),
        ];
        assert_eq!(kinds(&b, &segments(&b)), ["hDhh", "hD", "hhD"]);
    }

    #[test]
    fn no_demo_is_one_segment_and_no_blocks_none() {
        let b = [Block::Html("a"), Block::Html("b")];
        assert_eq!(kinds(&b, &segments(&b)), ["hh"]);
        assert!(segments(&[]).is_empty());
    }

    #[test]
    fn demos_at_the_edges() {
        let b = [Block::Demo("a"), Block::Demo("b")];
        assert_eq!(kinds(&b, &segments(&b)), ["D", "D"]);
        let b = [Block::Html("x"), Block::Demo("a")];
        assert_eq!(kinds(&b, &segments(&b)), ["hD"]);
    }
}
