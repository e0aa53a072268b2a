//! The Lab's presets: one pipeline per lesson's key moment, each given as
//! its address, so a preset is a link (`/en/lab/?` + [`Preset::query`]) and
//! the lessons can point at it.
//!
//! The numbers follow the lessons' own demos where the Lab can build them
//! (lesson 11's jobs of 300, 100 and 150 ms in `buffer_unordered(2)`,
//! lesson 15's of 100, 150 and 200 ms under a 200 ms loop body), so the
//! timeline a reader opens here can be laid beside the lesson's.
//!
//! Not here: the pipelines themselves (read with [`crate::url::from_query`])
//! and the page that lists them.

/// A pipeline to start from, with words for the page in both languages.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Preset {
    /// A stable name (`lazy`), for tests and the page's ids.
    pub id: &'static str,
    /// The title in English.
    pub title_en: &'static str,
    /// The title in Chinese.
    pub title_zh: &'static str,
    /// What to watch for, in English.
    pub blurb_en: &'static str,
    /// What to watch for, in Chinese.
    pub blurb_zh: &'static str,
    /// The lesson it comes from (its folder's name without the number).
    pub lesson_slug: &'static str,
    /// The demo of that lesson it takes up (its `:::demo` id): the demo's
    /// panel links here ("Open in the Lab").
    pub demo: &'static str,
    /// The pipeline, as its address's query string (no `?`).
    pub query: &'static str,
}

/// Every preset, in the order of the lessons.
pub const PRESETS: &[Preset] = &[
    Preset {
        id: "lazy",
        title_en: "A lazy stream",
        title_zh: "惰性的流",
        blurb_en: "Nothing runs until the loop polls: `unfold` starts each 100 ms wait only when the \
                   loop asks for the next item, after the 200 ms body, and `map`'s closure runs \
                   inside that same poll.",
        blurb_zh: "没人轮询，就什么都不会运行：循环要下一项时，`unfold` 才开始那 100 毫秒的等待，\
                   而且总在 200 毫秒的循环体之后；`map` 的闭包也是在这次轮询里才运行。",
        lesson_slug: "what-async-for-calls",
        demo: "lazy",
        query: "a=unfold:100,3&p=map:sq&body=200",
    },
    Preset {
        id: "break",
        title_en: "`break` and cleanup",
        title_zh: "`break` 与清理",
        blurb_en: "The loop leaves after the second item. Watch the stream: it is not polled again, \
                   and it is dropped right after the loop, before the next statement.",
        blurb_zh: "循环在第二项之后 `break`。留意这个流：它不会再被轮询，循环一结束就被丢弃，\
                   赶在下一条语句之前。",
        lesson_slug: "break-and-cleanup",
        demo: "cleanup",
        query: "a=counter:100,5&break=2",
    },
    Preset {
        id: "select",
        title_en: "Merging with `select`",
        title_zh: "用 `select` 合并",
        blurb_en: "Two streams merged: items come in time order, and each poll asks the two in \
                   turn, so neither starves the other. `a` ends at 90 ms while `b` still runs.",
        blurb_zh: "合并两个流：各项按到达时间交出；每次轮询轮流先问两个流，谁也饿不着谁。`a` 在 90 \
                   毫秒结束时，`b` 还在继续。",
        lesson_slug: "merging-and-timeouts",
        demo: "merge",
        query: "a=---1--2--(3%7C)&b=-----(10)----(20%7C)&p=select:b",
    },
    Preset {
        id: "buffer-unordered",
        title_en: "`buffer_unordered`: finishing order",
        title_zh: "`buffer_unordered`：按完成顺序",
        blurb_en: "Three jobs of 300, 100 and 150 ms, two at a time: results come out as they finish, \
                   2, 3, 6. Change it to `buffered` to get them in input order.",
        blurb_zh: "三份作业分别耗时 300、100、150 毫秒，同时最多两份：结果按完成先后交出，依次是 2、3、6。\
                   换成 `buffered`，结果就按输入顺序出来。",
        lesson_slug: "concurrency-inside-a-stream",
        demo: "jobs",
        query: "a=(6,2,3)%7C&p=buffer_unordered:2,x*50",
    },
    Preset {
        id: "take-until",
        title_en: "`take_until`: stop from outside",
        title_zh: "`take_until`：从外部叫停",
        blurb_en: "A reading every 100 ms, until `b` yields at 350 ms. `take_until` checks its stop \
                   first at every poll, so the stream ends at 350 ms without polling the ticker \
                   again: the reading due at 400 ms is never made.",
        blurb_zh: "每 100 毫秒一个读数，直到 `b` 在 350 毫秒时产出一项。`take_until` 每次轮询都先检查\
                   停止信号，所以流在 350 毫秒就结束了，不会再轮询计数器：400 毫秒那个读数根本不会\
                   产生。",
        lesson_slug: "cancelling-from-outside",
        demo: "take_until",
        query: "a=counter:100,10&b=counter:350,1&p=take_until:b",
    },
    Preset {
        id: "stall",
        title_en: "A stall: a slow loop body",
        title_zh: "停滞：慢吞吞的循环体",
        blurb_en: "Jobs of 100, 150 and 200 ms in `buffer_unordered(3)`, and a loop body that takes \
                   200 ms. The jobs move only while the stream is polled: each finished job waits, \
                   woken, until the body is done (the dashed amber bands: snoozes).",
        blurb_zh: "`buffer_unordered(3)` 里有 100、150、200 毫秒三份作业，循环体每次耗时 200 毫秒。\
                   作业只在流被轮询时才推进：已完成的作业被唤醒后只能干等，直到循环体结束\
                   （琥珀色虚线带标出的唤醒后搁置）。",
        lesson_slug: "when-concurrency-stalls",
        demo: "stall",
        query: "a=(10,15,20)%7C&p=buffer_unordered:3,x*10&body=200",
    },
];

/// The preset with this [`Preset::id`].
pub fn by_id(id: &str) -> Option<&'static Preset> {
    PRESETS.iter().find(|p| p.id == id)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::url::{from_query, to_query};

    #[test]
    fn every_preset_is_a_canonical_short_address() {
        for p in PRESETS {
            let pipeline =
                from_query(p.query).unwrap_or_else(|e| panic!("{}: {}", p.id, e.message(false)));
            // Written as the Lab writes it, so the page's address after
            // loading a preset is the preset's own link.
            assert_eq!(to_query(&pipeline), p.query, "{}", p.id);
            assert!(
                p.query.len() <= 120,
                "{}: {} characters",
                p.id,
                p.query.len()
            );
        }
    }

    #[test]
    fn presets_name_real_lessons_and_differ() {
        let root = concat!(env!("CARGO_MANIFEST_DIR"), "/../lessons");
        let lessons: Vec<String> = std::fs::read_dir(root)
            .expect("the lessons folder")
            .flatten()
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .collect();
        for (i, p) in PRESETS.iter().enumerate() {
            assert!(
                lessons.iter().any(|l| l.get(3..) == Some(p.lesson_slug)),
                "{}: no lesson {}",
                p.id,
                p.lesson_slug
            );
            assert!(PRESETS[..i]
                .iter()
                .all(|q| q.id != p.id && q.query != p.query));
            for text in [p.title_en, p.title_zh, p.blurb_en, p.blurb_zh] {
                assert!(!text.is_empty() && !text.contains("  "), "{}: {text}", p.id);
            }
        }
    }
}
