//! The lesson demo panel, reused for a pipeline the reader built: a
//! [`Demo`] made per pipeline (no knobs; its code is the pipeline's Rust),
//! whose `run` builds the pipeline the Lab made current.
//!
//! `Demo::run` is a plain `fn(Knobs)`, so the pipeline it runs is kept in a
//! thread-local ([`make_current`]) rather than captured. Events are
//! recorded inside `lab::run` (their `Loc` names that file), so the code
//! row of an event comes from its lane instead: each lane's stage is the
//! line `lab::rust` reports for it (`Code::lane_lines`).
//!
//! Not here: the panel itself (`components::demo`), the code text
//! (`lab::rust`).

use std::cell::RefCell;

use futures::future::{FutureExt, LocalBoxFuture};
use lab::model::Pipeline;
use lessons::{Demo, Knobs};
use trace::Event;

/// The file name the code panel heads the Lab's code with.
pub const CODE_PATH: &str = "pipeline.rs";

thread_local! {
    /// The pipeline the mounted panel runs.
    static CURRENT: RefCell<Option<Pipeline>> = const { RefCell::new(None) };
    /// The code row of each lane, by lane id (the run makes its lanes in
    /// `lab::run::lanes` order, so a lane's id is its index there).
    static ROWS: RefCell<Vec<Option<usize>>> = const { RefCell::new(Vec::new()) };
}

/// Runs the current pipeline (the demo's `run`).
fn run_current(_: Knobs) -> LocalBoxFuture<'static, ()> {
    let p = CURRENT.with(|c| c.borrow().clone());
    async move {
        if let Some(p) = p {
            lab::run::pipeline(&p).await;
        }
    }
    .boxed_local()
}

/// The bounds of a Lab run, instead of `trace`'s defaults (50,000 events,
/// which stop the 10,000-item benchmark pipeline at about item 5,000: it
/// makes 100,006 events). Enough for 10,000 items from each of the three
/// sources through all eight stages (a chain of the three and six maps
/// makes 840,022 events; see the test), each a minute apart, with a
/// minute's delay per stage and loop body. Stages that multiply items
/// (`flat_map`, `flatten`: up to 100 per item) can still reach them.
pub const LIMITS: trace::Limits = trace::Limits {
    max_events: 1_000_000,
    max_virtual_ms: lab::model::MAX_ITEMS as u64
        * lab::model::MAX_MS as u64
        * (lab::model::MAX_SOURCES + lab::model::MAX_STAGES + 1) as u64,
};

/// The code row of an event: its lane's line (see the module docs).
pub fn row_of(e: &Event) -> Option<usize> {
    ROWS.with(|r| r.borrow().get(usize::from(e.lane)).copied().flatten())
}

/// Makes `p` the pipeline the panel runs and returns its demo (leaked: one
/// per pipeline shown, a few hundred bytes each), or `None` if `p` does not
/// pass the type check.
pub fn make_current(p: &Pipeline) -> Option<&'static Demo> {
    let code = lab::rust::rust_code(p).ok()?;
    let rows = code
        .lane_lines
        .iter()
        .map(|(_, line)| line.checked_sub(1).map(|l| l as usize))
        .collect();
    ROWS.with(|r| *r.borrow_mut() = rows);
    CURRENT.with(|c| *c.borrow_mut() = Some(p.clone()));
    crate::components::demo::set_row_of(row_of);
    crate::components::demo::set_run_limits(LIMITS);
    let base = Demo {
        id: "lab",
        knobs: &[],
        run: run_current,
        code: &[],
        first_line: 1,
        path: CODE_PATH,
    };
    Some(base.with_code(code.text.lines().map(highlight).collect()))
}

/// Rust keywords the generated code uses.
const KEYWORDS: &[&str] = &[
    "as", "async", "await", "break", "else", "fn", "for", "if", "impl", "in", "let", "loop",
    "match", "move", "mut", "pub", "return", "use", "while",
];

/// Python keywords the generated code uses.
const PY_KEYWORDS: &[&str] = &[
    "and", "as", "async", "await", "break", "def", "elif", "else", "except", "False", "finally",
    "for", "from", "if", "import", "in", "is", "lambda", "None", "nonlocal", "not", "or", "pass",
    "return", "True", "try", "while", "with", "yield",
];

/// One line of generated Rust as HTML: escaped, with the site's
/// highlighting classes on keywords, strings, numbers, comments, macros,
/// calls and types. (Only for code `lab::rust` writes: no raw strings,
/// lifetimes or block comments.)
pub fn highlight(line: &str) -> String {
    highlight_with(line, KEYWORDS, "//")
}

/// One line of generated Python as HTML, the same way.
pub fn highlight_python(line: &str) -> String {
    highlight_with(line, PY_KEYWORDS, "#")
}

fn highlight_with(line: &str, keywords: &[&str], comment: &str) -> String {
    let mut out = String::with_capacity(line.len() * 2);
    let chars: Vec<char> = line.chars().collect();
    let mut i = 0;
    let span = |out: &mut String, class: &str, text: &str| {
        out.push_str(&format!(
            "<span class=\"hl-{class}\">{}</span>",
            escape(text)
        ));
    };
    while i < chars.len() {
        let c = chars[i];
        let rest: String = chars[i..].iter().collect();
        if rest.starts_with(comment) {
            span(&mut out, "com", &rest);
            break;
        }
        if c == '"' || (c == '\'' && comment == "#") {
            let mut j = i + 1;
            while j < chars.len() && chars[j] != c {
                j += if chars[j] == '\\' { 2 } else { 1 };
            }
            let end = (j + 1).min(chars.len());
            span(&mut out, "str", &chars[i..end].iter().collect::<String>());
            i = end;
            continue;
        }
        if c.is_ascii_digit() {
            let mut j = i;
            while j < chars.len() && (chars[j].is_ascii_alphanumeric() || chars[j] == '_') {
                j += 1;
            }
            span(&mut out, "num", &chars[i..j].iter().collect::<String>());
            i = j;
            continue;
        }
        if c.is_alphabetic() || c == '_' {
            let mut j = i;
            while j < chars.len() && (chars[j].is_alphanumeric() || chars[j] == '_') {
                j += 1;
            }
            let word: String = chars[i..j].iter().collect();
            let next = chars.get(j).copied();
            let class = if keywords.contains(&word.as_str()) {
                Some("kw")
            } else if next == Some('!') && comment == "//" {
                Some("mac")
            } else if word.starts_with(char::is_uppercase) {
                Some("ty")
            } else if next == Some('(')
                || (next == Some(':')
                    && chars.get(j + 1) == Some(&':')
                    && chars.get(j + 2) == Some(&'<'))
            {
                Some("fn")
            } else {
                None
            };
            match class {
                Some("mac") => {
                    span(&mut out, "mac", &format!("{word}!"));
                    j += 1;
                }
                Some(class) => span(&mut out, class, &word),
                None => out.push_str(&escape(&word)),
            }
            i = j;
            continue;
        }
        out.push_str(&escape(&c.to_string()));
        i += 1;
    }
    out
}

/// Escapes text for HTML.
fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

#[cfg(test)]
mod tests {
    use super::*;
    use lab::presets::PRESETS;

    #[test]
    fn the_lab_limits_let_the_largest_pipelines_finish() {
        use lab::model::{Consumer, Expr, Source, Stage};
        let counter = || Source::Counter {
            period_ms: 1,
            count: lab::model::MAX_ITEMS,
        };
        let widest = Pipeline {
            sources: vec![counter(), counter(), counter()],
            stages: [
                vec![Stage::Chain(1), Stage::Chain(2)],
                vec![Stage::Map(Expr::Mul(3)); 6],
            ]
            .concat(),
            consumer: Consumer {
                body_ms: 0,
                break_after: None,
            },
        };
        for p in [Pipeline::benchmark(), widest] {
            let over = lab::run::run_virtual(&p).expect("accepted");
            assert_eq!(over.status, trace::Status::OverLimit);
            let t = lab::run::run_virtual_with(&p, LIMITS).expect("accepted");
            assert_eq!(
                t.status,
                trace::Status::Finished,
                "{} events",
                t.events.len()
            );
        }
    }

    #[test]
    fn code_is_escaped_and_highlighted() {
        assert_eq!(
            highlight("    let s = traced(\"map\", a.map(|x| x * 2)); // <ok>"),
            "    <span class=\"hl-kw\">let</span> s = <span class=\"hl-fn\">traced</span>(\
             <span class=\"hl-str\">&quot;map&quot;</span>, a.<span class=\"hl-fn\">map</span>(|x| x * \
             <span class=\"hl-num\">2</span>)); <span class=\"hl-com\">// &lt;ok&gt;</span>"
        );
        assert_eq!(
            highlight("body!(x); Vec<i64>"),
            "<span class=\"hl-mac\">body!</span>(x); <span class=\"hl-ty\">Vec</span>&lt;i64&gt;"
        );
    }

    #[test]
    fn python_is_highlighted_its_own_way() {
        assert_eq!(
            highlight_python("    async for x in s:  # 'done'"),
            "    <span class=\"hl-kw\">async</span> <span class=\"hl-kw\">for</span> x \
             <span class=\"hl-kw\">in</span> s:  <span class=\"hl-com\"># &#x27;done&#x27;</span>"
                .replace("&#x27;", "'")
        );
        assert_eq!(
            highlight_python("print('a', x)"),
            "<span class=\"hl-fn\">print</span>(<span class=\"hl-str\">'a'</span>, x)"
        );
    }

    /// Each preset's run makes its lanes in `lab::run::lanes` order (what
    /// [`row_of`] relies on), and every lane's row is a line of its code.
    #[test]
    fn lanes_map_to_their_code_rows() {
        for preset in PRESETS {
            let p = lab::url::from_query(preset.query).expect("a preset reads");
            let demo = make_current(&p).expect("a preset runs");
            let types = lab::check::check(&p).expect("checked");
            let lanes = lab::run::lanes(&p, &types);
            let t = trace::run_virtual((demo.run)(Knobs::defaults(&[])));
            assert!(!t.events.is_empty(), "{}", preset.id);
            assert_eq!(&t.lanes[..lanes.len()], &lanes[..], "{}", preset.id);
            for (i, e) in t.events.iter().enumerate() {
                if usize::from(e.lane) < lanes.len() {
                    let row = row_of(e).unwrap_or_else(|| panic!("{}: lane {}", preset.id, e.lane));
                    assert!(row < demo.code.len(), "{}", preset.id);
                    // The detail line names the same line the code lights
                    // (not the line in `lab::run` that recorded it).
                    let named = crate::components::demo::code_panel::named_line(demo, &t.events, i);
                    assert_eq!(named, Some(row as u32 + 1), "{}: event {i}", preset.id);
                }
            }
        }
    }
}
