//! Every string the site's own interface shows, in both languages.
//!
//! [`Ui`] is a plain struct with one field per string and one `const` value per
//! language, so a string missing in either language is a compile error, not a
//! blank on the page. Strings that take a value are `fn` pointers.
//!
//! Not here: lesson text (the `lessons` crate renders it at build time) and the
//! demo panel's labels (`components::demo`).

use lessons::Lang;

/// The interface strings of one language.
#[derive(Debug)]
pub struct Ui {
    /// The site's name.
    pub site_name: &'static str,
    /// The site's name in two lines, for the header of a small phone.
    pub site_name_lines: [&'static str; 2],
    /// The skip link at the top of every page.
    pub skip_to_content: &'static str,
    /// `aria-label` of the header's navigation.
    pub site_nav: &'static str,
    /// The header link to the lesson list.
    pub all_lessons: &'static str,
    /// The header link to the glossary, and the glossary page's title.
    pub glossary: &'static str,
    /// The header link to the Stream Lab.
    pub lab: &'static str,
    /// Glossary: what the page is (one paragraph).
    pub glossary_intro: &'static str,
    /// Glossary: the link to the lesson that teaches a term, given the
    /// lesson's number and title.
    pub glossary_taught_in: fn(u32, &str) -> String,
    /// Home: the line that leads to the glossary (before the link).
    pub home_glossary: &'static str,
    /// Visible text of the language switch: the *other* language's name.
    pub other_lang_name: &'static str,
    /// Tooltip and accessible description of the language switch.
    pub switch_lang_hint: &'static str,
    /// The theme button's label prefix ("Theme").
    pub theme: &'static str,
    /// Theme: follow the system.
    pub theme_system: &'static str,
    /// Theme: light.
    pub theme_light: &'static str,
    /// Theme: dark.
    pub theme_dark: &'static str,
    /// Tooltip of the theme button.
    pub theme_hint: &'static str,
    /// The colon between a label and its value (`": "`, `"："`).
    pub colon: &'static str,

    /// This language's own name (search results are grouped by language).
    pub this_lang_name: &'static str,
    /// Search: the field's label.
    pub search: &'static str,
    /// Search: the field's placeholder.
    pub search_placeholder: &'static str,
    /// Search: the field's tooltip (its keys).
    pub search_hint: &'static str,
    /// Search: `aria-label` of the result list.
    pub search_results: &'static str,
    /// Search: while the index loads (the first time the field is focused).
    pub search_loading: &'static str,
    /// Search: the index could not be loaded.
    pub search_failed: &'static str,
    /// Search: the count of one result (`style/search.js` fills `{n}`).
    pub search_count_one: &'static str,
    /// Search: the count of several results (`{n}`).
    pub search_count_many: &'static str,
    /// Search: nothing found for the query (`{q}`).
    pub search_none: &'static str,
    /// Search: the suggestion after no results, before its two links (the
    /// glossary and the lesson list).
    pub search_none_hint: &'static str,
    /// Search: the link to the lesson list in that suggestion.
    pub search_lesson_list: &'static str,

    /// Home: the heading above the introduction.
    pub home_tagline: &'static str,
    /// Home: what the site teaches (plain text; one paragraph).
    pub home_intro: &'static str,
    /// Home: how a lesson works, as short points.
    pub home_points: [&'static str; 3],
    /// Home: the call to start, given the first lesson's number.
    pub start_with: fn(u32) -> String,
    /// Home: heading of the lesson list.
    pub lessons_heading: &'static str,
    /// Home: shown when there are no lessons yet.
    pub no_lessons: &'static str,
    /// "Lesson 4" / "第 4 课".
    pub lesson_n: fn(u32) -> String,
    /// Screen-reader text of the visited mark.
    pub visited: &'static str,
    /// Home: heading of the resume box.
    pub continue_heading: &'static str,
    /// Home: the resume link, given the lesson's number and title.
    pub continue_link: fn(u32, &str) -> String,
    /// Home: the button that forgets progress.
    pub clear_progress: &'static str,
    /// Home: status after clearing.
    pub progress_cleared: &'static str,
    /// Home: a note on where progress is kept.
    pub progress_note: &'static str,

    /// Lesson: heading of the in-page contents.
    pub on_this_page: &'static str,
    /// Lesson: the button that opens the contents on narrow screens.
    pub contents: &'static str,
    /// Lesson: `aria-label` of the contents navigation.
    pub contents_nav: &'static str,
    /// Lesson: `aria-label` of the previous/next navigation.
    pub lesson_nav: &'static str,
    /// Lesson: "Previous".
    pub previous: &'static str,
    /// Lesson: "Next".
    pub next: &'static str,
    /// Lesson: under previous/next, the keyboard hint.
    pub keys_hint: &'static str,
    /// Lesson: shown where a demo the text names does not exist.
    pub demo_missing: fn(&str) -> String,

    /// Not-found page: heading.
    pub not_found_title: &'static str,
    /// Not-found page: explanation (the path asked for is shown after it).
    pub not_found_body: &'static str,
    /// Not-found page: before the path that was asked for.
    pub not_found_asked: &'static str,
    /// Not-found page: link to the lesson list.
    pub back_to_lessons: &'static str,
    /// Redirect from `/`: shown for the moment before the redirect.
    pub redirecting: &'static str,

    /// Footer text.
    pub footer: &'static str,

    /// Error overlay: heading.
    pub error_title: &'static str,
    /// Error overlay: explanation.
    pub error_body: &'static str,
    /// Error overlay: the reload button.
    pub reload: &'static str,
}

/// English.
pub const EN: Ui = Ui {
    site_name: "Async Iteration Lab",
    site_name_lines: ["Async Iteration", "Lab"],
    skip_to_content: "Skip to content",
    site_nav: "Site",
    all_lessons: "Lessons",
    glossary: "Glossary",
    lab: "Lab",
    glossary_intro: "Every term the lessons use, with its Chinese name, a one-line definition and the lesson that teaches it.",
    glossary_taught_in: |n, title| format!("Lesson {n}: {title}"),
    home_glossary: "Looking for a word? The glossary lists every term, in English and Chinese: ",
    other_lang_name: "中文",
    switch_lang_hint: "Read this page in Chinese",
    theme: "Theme",
    theme_system: "System",
    theme_light: "Light",
    theme_dark: "Dark",
    theme_hint: "Switch between the system theme, light and dark",
    colon: ": ",

    this_lang_name: "English",
    search: "Search",
    search_placeholder: "Search",
    search_hint: "Search the lessons and the glossary (/ or Ctrl+K)",
    search_results: "Search results",
    search_loading: "Loading search…",
    search_failed: "Search could not load. Reload the page to try again.",
    search_count_one: "1 result",
    search_count_many: "{n} results",
    search_none: "No results for “{q}”.",
    search_none_hint: "Try a shorter or different word, or browse:",
    search_lesson_list: "Lesson list",

    home_tagline: "Watch async iteration happen",
    home_intro: "What really happens when a loop awaits the next item? Each lesson runs a small \
                 Rust stream live in your browser and records every poll, Pending, wake-up, item, \
                 drop and cleanup on a timeline, so you can see the order for yourself. Python’s \
                 async for sits beside each idea, and the lessons correct common myths about both.",
    home_points: [
        "The code you read is the code that runs — the timeline is recorded, not drawn.",
        "Predict what will happen, then run the demo and check against the real trace.",
        "Turn the knobs (items, delays, where to break or cancel) and run again.",
    ],
    start_with: start_with_en,
    lessons_heading: "Lessons",
    no_lessons: "No lessons yet.",
    lesson_n: lesson_n_en,
    visited: "visited",
    continue_heading: "Continue where you left off",
    continue_link: continue_link_en,
    clear_progress: "Clear my progress",
    progress_cleared: "Your progress has been cleared.",
    progress_note: "Progress is saved only in this browser.",

    on_this_page: "On this page",
    contents: "Contents",
    contents_nav: "Contents",
    lesson_nav: "Previous and next lesson",
    previous: "Previous",
    next: "Next",
    keys_hint: "Tip: the ← and → keys go to the previous and next lesson.",
    demo_missing: demo_missing_en,

    not_found_title: "Page not found",
    not_found_body: "There is no page at this address. It may have moved, or the link may be mistyped.",
    not_found_asked: "You asked for:",
    back_to_lessons: "Go to the lesson list",
    redirecting: "Opening the lessons…",

    footer: "Every demo runs in your browser. Your progress stays on this device.",

    error_title: "Something went wrong",
    error_body: "The page hit an unexpected error and stopped. Reloading usually fixes it. \
                 Details are in the browser’s console.",
    reload: "Reload",
};

/// Simplified Chinese.
pub const ZH: Ui = Ui {
    site_name: "异步迭代实验室",
    site_name_lines: ["异步迭代", "实验室"],
    skip_to_content: "跳到正文",
    site_nav: "站点",
    all_lessons: "课程",
    glossary: "术语表",
    lab: "实验台",
    glossary_intro: "课程里用到的每个术语：英文原名、一句话解释，以及讲解它的那一课。",
    glossary_taught_in: |n, title| format!("第 {n} 课：{title}"),
    home_glossary: "想查某个词？术语表收录了所有术语的中英对照：",
    other_lang_name: "English",
    switch_lang_hint: "阅读本页的英文版",
    theme: "主题",
    theme_system: "跟随系统",
    theme_light: "浅色",
    theme_dark: "深色",
    theme_hint: "在跟随系统、浅色和深色之间切换",
    colon: "：",

    this_lang_name: "中文",
    search: "搜索",
    search_placeholder: "搜索",
    search_hint: "搜索课程和术语表（按 / 或 Ctrl+K）",
    search_results: "搜索结果",
    search_loading: "正在加载搜索…",
    search_failed: "搜索未能加载，请重新加载页面后再试。",
    search_count_one: "{n} 条结果",
    search_count_many: "{n} 条结果",
    search_none: "没有找到与“{q}”相关的内容。",
    search_none_hint: "换个更短或不同的词试试，或者浏览：",
    search_lesson_list: "课程列表",

    home_tagline: "亲眼看到异步迭代如何运行",
    home_intro:
        "循环在 await 下一项时，背后到底发生了什么？每一课都在你的浏览器里实际运行一个小小的 \
                 Rust 流，把每一次轮询、Pending、唤醒、产出、丢弃和清理都记录在时间线上，\
                 先后顺序一目了然。每个概念旁边都对照 Python 的 async for，\
                 并逐一澄清关于两者的常见误区。",
    home_points: [
        "你读到的代码就是实际运行的代码——时间线是真实记录下来的，不是画出来的。",
        "先预测会发生什么，再运行演示，用真实的记录来核对。",
        "调一调参数（条目数、延迟、在哪里 break 或取消），再运行一次。",
    ],
    start_with: start_with_zh,
    lessons_heading: "课程",
    no_lessons: "还没有课程。",
    lesson_n: lesson_n_zh,
    visited: "已读",
    continue_heading: "从上次的位置继续",
    continue_link: continue_link_zh,
    clear_progress: "清除学习进度",
    progress_cleared: "学习进度已清除。",
    progress_note: "学习进度只保存在这个浏览器里。",

    on_this_page: "本页内容",
    contents: "目录",
    contents_nav: "目录",
    lesson_nav: "上一课与下一课",
    previous: "上一课",
    next: "下一课",
    keys_hint: "提示：按 ← 和 → 键可以切换到上一课和下一课。",
    demo_missing: demo_missing_zh,

    not_found_title: "找不到这个页面",
    not_found_body: "这个地址没有页面。它可能已经移动，或者链接有误。",
    not_found_asked: "你要找的地址：",
    back_to_lessons: "查看课程列表",
    redirecting: "正在打开课程…",

    footer: "所有演示都在你的浏览器中运行，学习进度只保存在本机。",

    error_title: "页面出错了",
    error_body: "页面遇到意外错误，已停止运行。重新加载通常就能恢复；详细信息在浏览器控制台中。",
    reload: "重新加载",
};

fn lesson_n_en(n: u32) -> String {
    format!("Lesson {n}")
}

fn lesson_n_zh(n: u32) -> String {
    format!("第 {n} 课")
}

fn continue_link_en(n: u32, title: &str) -> String {
    format!("Back to lesson {n}: {title}")
}

fn continue_link_zh(n: u32, title: &str) -> String {
    format!("回到第 {n} 课：{title}")
}

fn start_with_en(n: u32) -> String {
    format!("Start with lesson {n}")
}

fn start_with_zh(n: u32) -> String {
    format!("从第 {n} 课开始")
}

fn demo_missing_en(id: &str) -> String {
    format!("The demo “{id}” is missing from this lesson.")
}

fn demo_missing_zh(id: &str) -> String {
    format!("本课缺少演示“{id}”。")
}

/// The strings for `lang`.
pub const fn ui(lang: Lang) -> &'static Ui {
    match lang {
        Lang::En => &EN,
        Lang::Zh => &ZH,
    }
}

/// `"{lesson title} · {site name}"`, the document title of a page.
pub fn document_title(lang: Lang, page: Option<&str>) -> String {
    let site = ui(lang).site_name;
    match page {
        Some(page) => format!("{page} · {site}"),
        None => site.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every plain string field, for checks that apply to all of them.
    fn strings(u: &Ui) -> Vec<&'static str> {
        let mut v = vec![
            u.site_name,
            u.skip_to_content,
            u.site_nav,
            u.all_lessons,
            u.glossary,
            u.lab,
            u.glossary_intro,
            u.home_glossary,
            u.other_lang_name,
            u.switch_lang_hint,
            u.theme,
            u.theme_system,
            u.theme_light,
            u.theme_dark,
            u.theme_hint,
            u.colon,
            u.this_lang_name,
            u.search,
            u.search_placeholder,
            u.search_hint,
            u.search_results,
            u.search_loading,
            u.search_failed,
            u.search_count_one,
            u.search_count_many,
            u.search_none,
            u.search_none_hint,
            u.search_lesson_list,
            u.home_tagline,
            u.home_intro,
            u.lessons_heading,
            u.no_lessons,
            u.visited,
            u.continue_heading,
            u.clear_progress,
            u.progress_cleared,
            u.progress_note,
            u.on_this_page,
            u.contents,
            u.contents_nav,
            u.lesson_nav,
            u.previous,
            u.next,
            u.keys_hint,
            u.not_found_title,
            u.back_to_lessons,
            u.redirecting,
            u.footer,
            u.error_title,
            u.error_body,
            u.reload,
        ];
        v.extend(u.home_points);
        v
    }

    #[test]
    fn the_two_lines_of_the_site_name_are_the_site_name() {
        assert_eq!(EN.site_name_lines.join(" "), EN.site_name);
        assert_eq!(ZH.site_name_lines.concat(), ZH.site_name);
    }

    #[test]
    fn no_string_is_blank_or_badly_wrapped() {
        for u in [&EN, &ZH] {
            for s in strings(u) {
                assert!(!s.trim().is_empty(), "blank UI string in {}", u.site_name);
                // A `\` line continuation in a literal eats the next line's
                // indentation; a double space means one was written wrongly.
                assert!(!s.contains("  "), "double space in {s:?}");
            }
        }
    }

    #[test]
    fn chinese_strings_are_chinese() {
        // The language switch names the *other* language on purpose.
        let exempt = [ZH.other_lang_name, ZH.colon];
        for s in strings(&ZH) {
            if exempt.contains(&s) {
                continue;
            }
            assert!(
                s.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)),
                "Chinese UI string without Chinese: {s:?}"
            );
        }
        for s in strings(&EN) {
            if s == EN.other_lang_name {
                continue;
            }
            assert!(
                !s.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)),
                "English UI string with Chinese: {s:?}"
            );
        }
    }

    #[test]
    fn values_are_formatted() {
        assert_eq!((EN.lesson_n)(4), "Lesson 4");
        assert_eq!((ZH.lesson_n)(4), "第 4 课");
        assert_eq!((EN.start_with)(1), "Start with lesson 1");
        assert_eq!((ZH.start_with)(1), "从第 1 课开始");
        assert_eq!((EN.continue_link)(4, "break"), "Back to lesson 4: break");
        assert_eq!((ZH.continue_link)(4, "break"), "回到第 4 课：break");
        assert!((ZH.demo_missing)("cleanup").contains("cleanup"));
        assert_eq!((EN.glossary_taught_in)(4, "break"), "Lesson 4: break");
        assert_eq!((ZH.glossary_taught_in)(4, "break"), "第 4 课：break");
    }

    #[test]
    fn document_titles_name_page_and_site() {
        assert_eq!(
            document_title(Lang::En, Some("break and cleanup")),
            "break and cleanup · Async Iteration Lab"
        );
        assert_eq!(
            document_title(Lang::Zh, Some("break 与清理时机")),
            "break 与清理时机 · 异步迭代实验室"
        );
        assert_eq!(document_title(Lang::En, None), "Async Iteration Lab");
    }
}
