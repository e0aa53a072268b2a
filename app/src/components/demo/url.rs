//! Knob values in the page's URL (`?n=5&break_at=1`), so a link reproduces
//! a run. Reading and rewriting the query are pure functions, tested
//! natively; the two browser calls at the bottom only fetch and replace it.
//!
//! Everything read here is untrusted: values are only ever parsed by
//! [`lessons::Knob::parse`] and shown as text.

use lessons::{Demo, KnobError, Knobs};

pub use crate::paths::{decode_query_part as decode, encode_query_part as encode};

/// The pairs of a query string (`?a=1&b=2` or `a=1&b=2`), decoded, in order.
/// A key without `=` has an empty value; empty pieces are skipped.
pub fn parse_query(search: &str) -> Vec<(String, String)> {
    search
        .trim_start_matches('?')
        .split('&')
        .filter(|p| !p.is_empty())
        .map(|p| match p.split_once('=') {
            Some((k, v)) => (decode(k), decode(v)),
            None => (decode(p), String::new()),
        })
        .collect()
}

/// `search` with each of `set` (key, value) replaced in place or appended;
/// every other parameter is kept exactly as written. Returns `""` or
/// `"?…"`.
pub fn with_params(search: &str, set: &[(&str, String)]) -> String {
    let mut done = vec![false; set.len()];
    let mut parts: Vec<String> = Vec::new();
    for p in search
        .trim_start_matches('?')
        .split('&')
        .filter(|p| !p.is_empty())
    {
        let key = decode(p.split_once('=').map_or(p, |(k, _)| k));
        match set.iter().position(|(k, _)| *k == key) {
            Some(i) if !done[i] => {
                done[i] = true;
                parts.push(format!("{}={}", encode(set[i].0), encode(&set[i].1)));
            }
            // A repeated key would override ours: drop the duplicate.
            Some(_) => {}
            None => parts.push(p.to_string()),
        }
    }
    for (i, (k, v)) in set.iter().enumerate() {
        if !done[i] {
            parts.push(format!("{}={}", encode(k), encode(v)));
        }
    }
    if parts.is_empty() {
        String::new()
    } else {
        format!("?{}", parts.join("&"))
    }
}

/// The knob values a query sets, and the values it sets that were refused
/// (knob name, value as written, why). Where a knob is named more than once
/// (`?n=3&n=4`) the last one counts, as when a later parameter is appended
/// to a link, and the earlier ones are dropped without a notice —
/// [`with_params`] drops them from the address too. A refused value keeps
/// the default.
pub fn knobs_from_query<'q>(
    demo: &Demo,
    query: &'q [(String, String)],
) -> (Knobs, Vec<(&'static str, &'q str, KnobError)>) {
    let mut knobs = Knobs::defaults(demo.knobs);
    let mut refused = Vec::new();
    for knob in demo.knobs {
        let Some((_, text)) = query.iter().rev().find(|(k, _)| k == knob.name) else {
            continue;
        };
        match knob.parse(text) {
            Ok(v) => knobs.set(knob.name, v),
            Err(e) => refused.push((knob.name, text.as_str(), e)),
        }
    }
    (knobs, refused)
}

/// The knob values of `knobs` as URL pairs, in the demo's declaration order.
pub fn knob_params(demo: &Demo, knobs: &Knobs) -> Vec<(&'static str, String)> {
    demo.knobs
        .iter()
        .map(|k| {
            let v = knobs
                .iter()
                .find(|(n, _)| *n == k.name)
                .map_or(k.default, |(_, v)| v);
            (k.name, k.format(v))
        })
        .collect()
}

/// Writes `knobs` into the address bar with `history.replaceState`, keeping
/// the path, the other parameters and the fragment, and says so with a
/// [`QUERY_CHANGED`] event on the window. Failing (a sandboxed frame, say) only
/// means the link does not update.
pub fn write_knobs(demo: &Demo, knobs: &Knobs) {
    let Some(window) = web_sys::window() else {
        return;
    };
    let loc = window.location();
    let (Ok(path), Ok(search), Ok(hash)) = (loc.pathname(), loc.search(), loc.hash()) else {
        return;
    };
    let params = knob_params(demo, knobs);
    let url = format!("{path}{}{hash}", with_params(&search, &params));
    if let Ok(history) = window.history() {
        let state = history.state().unwrap_or(wasm_bindgen::JsValue::NULL);
        let _ = history.replace_state_with_url(&state, "", Some(&url));
    }
    // The page around (the language link, `client::shell`) hears of it.
    if let Ok(ev) = web_sys::Event::new(QUERY_CHANGED) {
        let _ = window.dispatch_event(&ev);
    }
}

/// The window event [`write_knobs`] sends after it changed the address.
pub const QUERY_CHANGED: &str = "lab-query-changed";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_and_decodes() {
        assert_eq!(
            parse_query("?n=5&break_at=1&x&&q=a+b%21"),
            vec![
                ("n".into(), "5".into()),
                ("break_at".into(), "1".into()),
                ("x".into(), String::new()),
                ("q".into(), "a b!".into()),
            ]
        );
        assert_eq!(parse_query(""), vec![]);
        // Broken escapes are kept, never a panic.
        assert_eq!(decode("%"), "%");
        assert_eq!(decode("%zz%4"), "%zz%4");
        assert_eq!(decode("%E4%B8%AD"), "中");
        assert_eq!(decode("%FF"), "\u{FFFD}");
        assert_eq!(decode("<script>"), "<script>");
    }

    #[test]
    fn rewrites_only_our_parameters() {
        assert_eq!(
            with_params(
                "?lang=zh&n=3&n=9&utm=x%20y",
                &[("n", "5".into()), ("delay", "100".into())]
            ),
            "?lang=zh&n=5&utm=x%20y&delay=100"
        );
        assert_eq!(with_params("", &[]), "");
        assert_eq!(with_params("?", &[("n", "1".into())]), "?n=1");
        assert_eq!(
            with_params("", &[("mode", "a b&c".into())]),
            "?mode=a%20b%26c"
        );
    }

    #[test]
    fn the_last_value_of_a_knob_counts_and_refusals_name_their_value() {
        use lessons::Knob;
        static KNOBS: [Knob; 3] = [
            Knob::int("n", 5, 1, 20, "items", "项数"),
            Knob::ms("delay", 100, 0, 2000, "delay", "延迟"),
            Knob::flag("drop_now", false, "drop", "drop"),
        ];
        static DEMO: Demo = Demo {
            id: "d",
            knobs: &KNOBS,
            run: |_| Box::pin(async {}),
            code: &[],
            first_line: 1,
            path: "d.rs",
        };
        let q = parse_query("?n=1e9&delay=-5&n=%zz&drop_now=1&n=3&delay=7&x=<script>");
        let (knobs, refused) = knobs_from_query(&DEMO, &q);
        assert_eq!(knobs.get("n"), 3);
        assert_eq!(knobs.get("delay"), 7);
        assert_eq!(knobs.get("drop_now"), 1);
        assert!(refused.is_empty(), "{refused:?}");

        let q = parse_query("?n=3&n=%zz&delay=50&delay=");
        let (knobs, refused) = knobs_from_query(&DEMO, &q);
        assert_eq!(knobs.get("n"), 5, "the last value was refused: the default");
        assert_eq!(knobs.get("delay"), 100);
        assert_eq!(
            refused,
            vec![
                ("n", "%zz", KnobError::NotANumber),
                ("delay", "", KnobError::NotANumber),
            ]
        );
    }

    #[test]
    fn encode_decode_round_trip() {
        for s in ["buffer_unordered", "a b&c=d", "中文", "%41", "+"] {
            assert_eq!(decode(&encode(s)), s);
        }
    }
}
