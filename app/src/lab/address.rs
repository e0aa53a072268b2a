//! The Lab's pipeline in the page's address: what a page opened at
//! `/en/lab/?a=…&p=…` starts from, and the query every edit writes back.
//!
//! Pure and tested natively; the one browser call that writes the address
//! is [`write`] (the Lab is the only writer of its page's query).
//!
//! A query the Lab cannot read (hand-edited, cut off by a chat app) or a
//! pipeline the type check refuses never breaks the page: the Lab says why,
//! in the page's language, and starts from the first preset instead.

use lab::check::check;
use lab::model::Pipeline;
use lab::presets::PRESETS;
use lab::url::{from_query, to_query};
use lessons::Lang;

/// Where the Lab starts: a pipeline that runs, and what was wrong with the
/// address, if anything.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Start {
    /// The pipeline to show.
    pub pipeline: Pipeline,
    /// The address's fault in the page's language (`None`: it was fine, or
    /// it named no pipeline at all).
    pub notice: Option<String>,
}

/// The first preset's pipeline: what an empty or broken address shows.
pub fn first_preset() -> Pipeline {
    PRESETS
        .iter()
        .find_map(|p| from_query(p.query).ok().filter(|p| check(p).is_ok()))
        .unwrap_or_else(fallback)
}

/// A pipeline that always runs, should every preset fail to read (the
/// presets' own tests make sure they do not).
fn fallback() -> Pipeline {
    use lab::model::{Consumer, Source};
    Pipeline {
        sources: vec![Source::Counter {
            period_ms: 100,
            count: 3,
        }],
        stages: Vec::new(),
        consumer: Consumer::default(),
    }
}

/// Whether `search` (`""`, `"?a=…"`) says anything about a pipeline (an
/// address with only other parameters, a chat app's `fbclid`, names none).
fn names_a_pipeline(search: &str) -> bool {
    search
        .trim_start_matches('?')
        .split('&')
        .filter_map(|p| p.split('=').next())
        .any(|k| matches!(k, "a" | "b" | "c" | "p" | "body" | "break"))
}

/// The pipeline the address `search` names, checked; else the first preset
/// with the reason in `lang`.
pub fn start(search: &str, lang: Lang) -> Start {
    let zh = lang == Lang::Zh;
    if !names_a_pipeline(search) {
        return Start {
            pipeline: first_preset(),
            notice: None,
        };
    }
    let problem = match from_query(search) {
        Ok(p) => match check(&p) {
            Ok(_) => {
                return Start {
                    pipeline: p,
                    notice: None,
                }
            }
            Err(e) => e.message(zh),
        },
        Err(e) => e.message(zh),
    };
    let notice = if zh {
        format!("这个地址里的流水线无法运行。{problem} 下面换成了第一个预设。")
    } else {
        format!(
            "The pipeline in this address cannot run. {problem} Showing the first preset instead."
        )
    };
    Start {
        pipeline: first_preset(),
        notice: Some(notice),
    }
}

/// The query (`?…`) for `p`, kept with the other parameters of `search`
/// that are not the Lab's.
pub fn query_for(search: &str, p: &Pipeline) -> String {
    let others: Vec<&str> = search
        .trim_start_matches('?')
        .split('&')
        .filter(|s| !s.is_empty())
        .filter(|s| {
            let k = s.split('=').next().unwrap_or("");
            !matches!(k, "a" | "b" | "c" | "p" | "body" | "break")
        })
        .collect();
    let mut q = to_query(p);
    for o in others {
        q.push('&');
        q.push_str(o);
    }
    format!("?{q}")
}

/// Replaces the address's query with `p`'s (`history.replaceState`: an edit
/// is not a page to go back to), keeping the path and the fragment, and
/// tells the page (the language link) with the demo panel's event.
pub fn write(p: &Pipeline) {
    let Some(window) = web_sys::window() else {
        return;
    };
    let loc = window.location();
    let (Ok(path), Ok(search), Ok(hash)) = (loc.pathname(), loc.search(), loc.hash()) else {
        return;
    };
    let query = query_for(&search, p);
    if query == search {
        return;
    }
    if let Ok(history) = window.history() {
        let state = history.state().unwrap_or(wasm_bindgen::JsValue::NULL);
        let _ = history.replace_state_with_url(&state, "", Some(&format!("{path}{query}{hash}")));
    }
    if let Ok(ev) = web_sys::Event::new(crate::components::demo::QUERY_CHANGED) {
        let _ = window.dispatch_event(&ev);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_preset_starts_as_itself() {
        for preset in PRESETS {
            let s = start(&format!("?{}", preset.query), Lang::En);
            assert_eq!(s.notice, None, "{}", preset.id);
            assert_eq!(
                to_query(&s.pipeline),
                to_query(&from_query(preset.query).expect("reads")),
                "{}",
                preset.id
            );
        }
    }

    #[test]
    fn an_empty_or_foreign_address_is_the_first_preset_without_a_word() {
        for q in ["", "?", "?fbclid=xyz", "?utm_source=chat&x"] {
            let s = start(q, Lang::Zh);
            assert_eq!(s.pipeline, first_preset(), "{q}");
            assert_eq!(s.notice, None, "{q}");
        }
    }

    #[test]
    fn a_bad_address_says_why_in_the_page_language_and_still_runs() {
        for q in [
            "?a=-1--2-%",
            "?a=-1-2|&p=map:*2.nope",
            "?a=(1,",
            "?p=take:2",
            "?a=-1-2|&p=chunks:0",
            "?a=-1-2|&b=-3|",
            "?a=-1-2|&body=abc",
        ] {
            let en = start(q, Lang::En);
            let zh = start(q, Lang::Zh);
            assert_eq!(en.pipeline, first_preset(), "{q}");
            assert!(check(&en.pipeline).is_ok());
            let en = en.notice.unwrap_or_else(|| panic!("{q}: a notice"));
            let zh = zh.notice.unwrap_or_else(|| panic!("{q}: a notice"));
            assert!(en.starts_with("The pipeline in this address"), "{en}");
            assert!(zh.starts_with("这个地址"), "{zh}");
            assert_ne!(en, zh);
        }
    }

    #[test]
    fn the_query_keeps_foreign_parameters_and_replaces_the_labs() {
        let p = first_preset();
        let q = query_for("?a=9&fbclid=1&p=take:1", &p);
        assert_eq!(q, format!("?{}&fbclid=1", to_query(&p)));
        assert_eq!(start(&q, Lang::En).pipeline, p);
        assert_eq!(query_for("", &p), format!("?{}", to_query(&p)));
    }
}
