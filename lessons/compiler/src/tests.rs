//! Tests of the lesson compiler on the fixture lesson
//! (`tests/fixtures/lessons/01-fixture`) and on small broken pages.

use std::path::{Path, PathBuf};

use crate::checks::{self, PythonSnippet};
use crate::page::{self, PageContext, PageLang};
use crate::{compile_all, demo_region, generate, Block, ItemKind, Lesson};

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/lessons")
}

fn fixture() -> Lesson {
    let (mut lessons, diags) = compile_all(&fixtures());
    assert!(diags.is_empty(), "fixture has errors:\n{diags:#?}");
    assert_eq!(lessons.len(), 1);
    lessons.remove(0)
}

fn html(page: &crate::Page) -> String {
    page.blocks
        .iter()
        .filter_map(|b| match b {
            Block::Html(h) => Some(h.as_str()),
            _ => None,
        })
        .collect()
}

#[test]
fn fixture_front_matter_blocks_and_toc() {
    let l = fixture();
    assert_eq!((l.number, l.slug.as_str(), l.draft), (1, "fixture", false));
    assert_eq!(l.en.title, "A fixture lesson");
    assert_eq!(l.en.summary, "Exercises every part of the format.");
    assert_eq!(l.zh.title, "测试课");
    let kinds: Vec<&str> =
        l.en.blocks
            .iter()
            .map(|b| match b {
                Block::Html(_) => "html",
                Block::Demo { .. } => "demo",
                Block::Predict { .. } => "predict",
            })
            .collect();
    // The intro, then the `## What you will see` section: a `##` starts a
    // new block (the app pins each demo beside the section about it).
    assert_eq!(kinds, ["html", "html", "predict", "html", "demo", "html"]);
    let toc: Vec<(u8, &str, &str)> =
        l.en.toc
            .iter()
            .map(|h| (h.level, h.id.as_str(), h.text.as_str()))
            .collect();
    assert_eq!(
        toc,
        [
            (2, "see", "What you will see"),
            (3, "generated-anchor", "Generated anchor")
        ]
    );
    assert_eq!(l.zh.toc[0].text, "你会看到什么");
    assert_eq!(l.zh.toc[1].id, "generated-anchor");
    checks::compare_structure(&l).expect("en and zh match");
}

#[test]
fn fixture_html() {
    let l = fixture();
    let h = html(&l.en);
    assert!(h.contains("<h2 id=\"see\">What you will see</h2>"), "{h}");
    assert!(h.contains("<h3 id=\"generated-anchor\">Generated anchor</h3>"));
    assert!(
        h.contains("<div class=\"table-wrap\" tabindex=\"0\"><table>")
            && h.contains("</table>\n</div>")
    );
    assert!(h.contains("<del>x</del>"));
    // A reference defined at the end serves a link in an earlier piece.
    assert!(h.contains("<a href=\"https://example.com/\" title=\"Example\">reference link</a>"));
    // Footnotes: page-wide numbering, prefixed ids.
    assert!(
        h.contains("<sup class=\"footnote-ref\" id=\"fnref-why\"><a href=\"#fn-why\">1</a></sup>")
    );
    assert!(
        h.contains("<div class=\"footnote\" id=\"fn-why\"><span class=\"footnote-label\">1</span>")
    );
    // Hidden `# ` lines are compiled, not shown.
    assert!(!h.contains("block_on") && h.contains("assert_eq!"));
    assert!(l.en.code[0].code.contains("block_on"));
    assert!(h.contains("<div class=\"code-block compile-fail\"><p class=\"code-label\">Does not compile · E0277</p>"));
    assert!(h.contains("<section class=\"python-side\"><p class=\"panel-label\">Python side</p>"));
    assert!(h.contains("<p>The same in Python:</p>"));
    assert!(h.contains("<div class=\"output\"><p class=\"output-label\">Output</p><pre class=\"code\" data-lang=\"output\"><code>0\n1</code></pre></div>"));
    assert!(h.contains(
        "<aside class=\"myth\" data-myth=\"M23\" aria-labelledby=\"myth-m23\">\
         <p class=\"myth-label\" id=\"myth-m23\">Common myth · M23</p>"
    ));
    assert!(h.contains("<p class=\"myth-truth-label\">What is true</p>"));
    // `:::` and `---` inside a code fence are text.
    assert!(h.contains("<pre class=\"code\" data-lang=\"text\"><code>:::\n---</code></pre>"));
    assert!(h.contains("<span class=\"hl-prompt\">$ </span><span class=\"hl-fn\">cargo</span>"));

    let z = html(&l.zh);
    for label in [
        "Python 写法",
        "<p class=\"output-label\">输出</p>",
        "常见误区 · M23",
        "实际上",
        "无法编译 · E0277",
    ] {
        assert!(z.contains(label), "{label} missing in zh");
    }
}

#[test]
fn fixture_predict_demo_and_python() {
    let l = fixture();
    let Some(Block::Predict {
        demo,
        id,
        question,
        options,
        ..
    }) =
        l.en.blocks
            .iter()
            .find(|b| matches!(b, Block::Predict { .. }))
    else {
        panic!("no predict block");
    };
    assert_eq!((demo.as_str(), id.as_str()), ("counter", "last"));
    assert_eq!(question, "What is the last body?");
    assert_eq!(options, &["<code>1</code>", "something else"]);

    let d = &l.demos[0];
    assert_eq!(
        (d.id.as_str(), d.module.as_str()),
        ("counter", "l01_counter")
    );
    assert_eq!(d.first_line, 8);
    assert_eq!(d.lines[0], "pub async fn run(k: Knobs) {");
    assert_eq!(d.lines.len(), 8);
    assert_eq!(d.predicts, ["last"]);
    assert_eq!(d.rel_path, "lessons/01-fixture/counter.rs");

    let py = checks::python_snippets(&l);
    assert_eq!(py.len(), 2);
    assert_eq!(py[0].file, "lessons/01-fixture/en.md");
    assert_eq!(
        py[0].outputs.first().map(|o| o.text.as_str()),
        Some("0\n1\n")
    );
}

#[test]
fn generated_registry_and_doctests() {
    let gen = generate(&fixtures());
    let code = gen.result.expect("fixture compiles");
    assert!(code.contains("pub mod l01_counter;"));
    assert!(code.contains("check: l01_counter::predict_last"));
    assert!(code.contains("Block::Demo(\"counter\")"));
    assert!(code.contains("Heading { level: 2, id: \"see\", text: \"What you will see\" }"));
    // Demo lines are highlighted one by one, each self-contained.
    assert!(code.contains(r#""    <span class=\"hl-com\">/* a block comment</span>", "<span class=\"hl-com\">       over two lines */</span>""#));
    // The zh blocks are the same code: each compiled once, named after the
    // first place, listing both.
    assert_eq!(code.matches("pub struct L01_").count(), 2, "{code}");
    assert!(
        code.contains("From lessons/01-fixture/en.md line 24, lessons/01-fixture/zh.md line 24.")
    );
    assert!(code.contains("```rust,compile_fail,E0277\\n"));
    assert!(gen.watched.iter().any(|p| p.ends_with("01-fixture/en.md")));
    assert!(gen
        .watched
        .iter()
        .any(|p| p.ends_with("01-fixture/counter.rs")));
    assert!(gen.warnings.is_empty());
}

/// Compiles a page body (front matter added) in a lesson with the demo
/// `d` (which defines `predict_p`); returns the errors as `line: message`.
fn errors(body: &str) -> Vec<String> {
    errors_of(&format!("+++\ntitle = \"t\"\nsummary = \"s\"\n+++\n{body}"))
}

const FRONT: &str = "+++\ntitle = \"t\"\nsummary = \"s\"\n+++\n";

/// Compiles `text` as an English page of a lesson with the demo `d`
/// (knobs `n`, `break_at`; defines `predict_p`).
fn compile_d(text: &str) -> Result<page::Page, Vec<crate::Diag>> {
    let demos = vec!["d".to_string()];
    let has_predict = |demo: &str, id: &str| demo == "d" && id == "p";
    let cx = PageContext {
        file: "lessons/09-x/en.md",
        lang: PageLang::En,
        demos: &demos,
        has_predict: &has_predict,
        knobs_of: &|d: &str| (d == "d").then(|| vec!["n".to_string(), "break_at".to_string()]),
    };
    page::compile(text, &cx)
}

fn compile_en(text: &str) -> Result<page::Page, Vec<String>> {
    compile_d(text).map_err(|d| d.iter().map(|d| d.message.clone()).collect())
}

fn errors_of(text: &str) -> Vec<String> {
    match compile_d(text) {
        Ok(_) => Vec::new(),
        Err(d) => d
            .iter()
            .map(|d| {
                format!(
                    "{}: {}",
                    d.line.map_or("-".into(), |l| l.to_string()),
                    d.message
                )
            })
            .collect(),
    }
}

const DEMO: &str = ":::demo d\n:::\n";

#[track_caller]
fn assert_error(body: &str, line: &str, needle: &str) {
    let errs = errors(body);
    assert!(
        errs.iter()
            .any(|e| e.starts_with(&format!("{line}: ")) && e.contains(needle)),
        "expected an error at line {line} containing {needle:?}, got {errs:#?}"
    );
}

#[test]
fn a_valid_page_has_no_errors() {
    assert_eq!(errors(DEMO), Vec::<String>::new());
}

#[test]
fn front_matter_errors() {
    let e = errors_of("# no front matter\n");
    assert!(e[0].starts_with("1: ") && e[0].contains("`+++`"), "{e:?}");
    assert!(errors_of("---\ntitle: x\n---\n")[0].contains("YAML"));
    assert!(errors_of("+++\ntitle = \"t\"\n")[0].contains("not closed"));
    let e = errors_of("+++\ntitle = \"t\"\n+++\n:::demo d\n:::\n");
    assert!(
        e.iter().any(|e| e.contains("`summary = \"…\"` is missing")),
        "{e:?}"
    );
    let e = errors_of("+++\ntitle = \"t\"\nsumary = \"s\"\n+++\n:::demo d\n:::\n");
    assert!(
        e.iter().any(|e| e.starts_with("3: ")
            && e.contains("unknown field `sumary`, expected `title` or `summary`")),
        "{e:?}"
    );
    let e = errors_of("+++\ntitle = t\nsummary = \"s\"\n+++\n:::demo d\n:::\n");
    assert!(
        e[0].starts_with("2: ") && e[0].contains("strings need quotes"),
        "{e:?}"
    );
    let e = errors_of("+++\ntitle = \"\"\nsummary = \"s\"\n+++\n:::demo d\n:::\n");
    assert!(
        e[0].starts_with("2: ") && e[0].contains("non-empty"),
        "{e:?}"
    );
    let e = errors_of("+++\ntitle = \"\"\"a\nb\"\"\"\nsummary = \"s\"\n+++\n:::demo d\n:::\n");
    assert!(
        e[0].starts_with("2: ") && e[0].contains("on one line"),
        "{e:?}"
    );
    let e = errors_of("+++\ntitle = \"t\"\nsummary = \"s\"\ntitle = \"u\"\n+++\n:::demo d\n:::\n");
    assert!(
        e[0].starts_with("4: ") && e[0].contains("`title` is given twice"),
        "{e:?}"
    );
    let e = errors_of("+++\ntitle = \"t\"\nsummary = 3\n+++\n:::demo d\n:::\n");
    assert!(
        e[0].starts_with("3: ") && e[0].contains("expected a string"),
        "{e:?}"
    );
}

#[test]
fn container_errors() {
    // Body lines start at line 5 (four lines of front matter).
    assert_error(
        &format!("{DEMO}\n:::note\nx\n:::\n"),
        "8",
        "unknown container `:::note`",
    );
    assert_error(
        &format!("{DEMO}:::python\n```python\nx = 1\n```\n"),
        "7",
        "`:::python` is not closed",
    );
    assert_error(
        &format!("{DEMO}:::python\n```python\nx = 1\n:::\n"),
        "7",
        "a code fence opened at line 8 is not closed either",
    );
    assert_error(
        &format!("{DEMO}:::myth M1\nclaim\n:::myth M2\n---\ntruth\n:::\n"),
        "9",
        "inside the `:::myth` container opened at line 7",
    );
    assert_error(&format!("{DEMO}:::\n"), "7", "`:::` closes no container");
    assert_error(
        &format!("{DEMO}:::demo zz\n:::\n"),
        "7",
        "unknown demo `zz` (this lesson's demos: d;",
    );
    assert_error(
        &format!("{DEMO}:::demo d\n:::\n"),
        "7",
        "already placed at line 5",
    );
    assert_error(&format!("{DEMO}:::demo\n:::\n"), "7", "`:::demo <id>`");
    assert_error(":::demo d\ntext\n:::\n", "6", "takes no content");
    assert_error("text only\n", "-", "demo `d` is not placed on the page");
}

#[test]
fn myth_errors() {
    for bad in ["M0", "M38", "M01", "23", "M1 M2"] {
        assert_error(
            &format!("{DEMO}:::myth {bad}\nc\n---\nt\n:::\n"),
            "7",
            "myth id M1…M37 of docs/myths.md",
        );
    }
    assert_error(
        &format!("{DEMO}:::myth M3\nclaim only\n:::\n"),
        "7",
        "needs a `---` line",
    );
    assert_error(
        &format!("{DEMO}:::myth M3\n---\ntruth\n:::\n"),
        "7",
        "both the claim",
    );
    assert_error(
        &format!("{DEMO}:::myth M3\na\n---\nb\n---\nc\n:::\n"),
        "11",
        "one `---` line",
    );
    assert!(errors(&format!("{DEMO}:::myth M37\na\n---\nb\n:::\n")).is_empty());
}

#[test]
fn predict_case_and_explanations() {
    let src = format!(
        "{FRONT}:::predict d p break_at=9\nQ?\n- a\n  - why a\n- `b`\n  - why *b*\n:::\n{DEMO}"
    );
    let page = compile_en(&src).expect("compiles");
    let Some(Block::Predict {
        case, why, options, ..
    }) = page
        .blocks
        .iter()
        .find(|b| matches!(b, Block::Predict { .. }))
    else {
        panic!("no predict block");
    };
    assert_eq!(case, &[("break_at".to_string(), "9".to_string())]);
    assert_eq!(options, &["a", "<code>b</code>"]);
    assert_eq!(why, &["why a", "why <em>b</em>"]);
    let item = page
        .structure
        .iter()
        .find(|i| matches!(i.kind, ItemKind::Predict { .. }))
        .expect("in the structure");
    assert_eq!(
        item.kind.to_string(),
        ":::predict d p break_at=9 (2 options)"
    );

    assert_error(
        &format!(":::predict d p speed=3\nQ?\n- a\n- b\n:::\n{DEMO}"),
        "5",
        "demo `d` has no knob `speed` (its knobs: n, break_at)",
    );
    assert_error(
        &format!(":::predict d p break_at\nQ?\n- a\n- b\n:::\n{DEMO}"),
        "5",
        "`break_at` is not `knob=value`",
    );
    assert_error(
        &format!(":::predict d p n=1 n=2\nQ?\n- a\n- b\n:::\n{DEMO}"),
        "5",
        "knob `n` is named twice",
    );
    assert_error(
        &format!(":::predict d p\nQ?\n- a\n  - x\n  - y\n- b\n:::\n{DEMO}"),
        "7",
        "an option has one nested line",
    );
}

#[test]
fn predict_errors() {
    let ok = format!(":::predict d p\nQ?\n- a\n  - why a\n- b\n  - why b\n:::\n{DEMO}");
    assert!(errors(&ok).is_empty(), "{:?}", errors(&ok));
    assert_error(
        &format!(":::predict d q\nQ?\n- a\n- b\n:::\n{DEMO}"),
        "5",
        "demo `d` has no `pub fn predict_q(t: &Trace) -> Option<usize>`",
    );
    assert_error(
        &format!(":::predict zz p\nQ?\n- a\n- b\n:::\n{DEMO}"),
        "5",
        "unknown demo `zz`",
    );
    assert_error(
        &format!(":::predict d P-1\nQ?\n- a\n- b\n:::\n{DEMO}"),
        "5",
        "must be lowercase",
    );
    assert_error(
        &format!(":::predict d\nQ?\n:::\n{DEMO}"),
        "5",
        "`:::predict <demo> <id> [knob=value …]`",
    );
    assert_error(
        &format!(":::predict d p\nQ?\n- a\n:::\n{DEMO}"),
        "5",
        "at least two options",
    );
    assert_error(
        &format!(":::predict d p\n- a\n- b\n:::\n{DEMO}"),
        "6",
        "the question (a paragraph) must come first",
    );
    assert_error(
        &format!(":::predict d p\nQ?\n\nmore\n:::\n{DEMO}"),
        "8",
        "the options (a `-` list) must follow",
    );
    assert_error(
        &format!(":::predict d p\nQ?\n- a\n- b\n\nafter\n:::\n{DEMO}"),
        "10",
        "nothing may follow",
    );
    assert_error(
        &format!(
            "{ok_}{ok_}{DEMO}",
            ok_ = ":::predict d p\nQ?\n- a\n- b\n:::\n"
        ),
        "10",
        "already at line 5",
    );
    // The reader answers before the run: a question after its demo, or an
    // option without its explanation, is refused.
    assert_error(
        &format!("{DEMO}:::predict d p\nQ?\n- a\n  - why a\n- b\n  - why b\n:::\n"),
        "7",
        "must come before `:::demo d` (line 5)",
    );
    assert_error(
        &format!(":::predict d p\nQ?\n- a\n  - why a\n- b\n:::\n{DEMO}"),
        "5",
        "every option needs one nested line",
    );
    // Loose lists and inline Markdown in options.
    let loose =
        format!(":::predict d p\nWhen does *C* run?\n\n- before `x`\n\n  - why\n\n- after\n\n  - why not\n:::\n{DEMO}");
    assert!(errors(&loose).is_empty(), "{:?}", errors(&loose));
}

#[test]
fn heading_errors_and_anchors() {
    assert_error(&format!("{DEMO}## 发生了什么\n"), "7", "explicit `{#id}`");
    assert_error(
        &format!("{DEMO}## A {{#x}}\n## B {{#x}}\n"),
        "8",
        "`x` is already used at line 7",
    );
    assert_error(
        &format!("{DEMO}## A {{#bad.id}}\n"),
        "7",
        "may only use ASCII",
    );
    // Generated ids are made unique.
    let text =
        format!("+++\ntitle = \"t\"\nsummary = \"s\"\n+++\n{DEMO}## Same\n## Same\n#### 中文\n");
    let demos = vec!["d".to_string()];
    let cx = PageContext {
        file: "f",
        lang: PageLang::En,
        demos: &demos,
        has_predict: &|_, _| true,
        knobs_of: &|_: &str| None,
    };
    let p = page::compile(&text, &cx).expect("valid");
    let ids: Vec<&str> = p.toc.iter().map(|h| h.id.as_str()).collect();
    assert_eq!(ids, ["same", "same-2"]);
    assert!(matches!(&p.structure[3].kind, ItemKind::Heading { level: 4, id } if id == "section"));
    assert_eq!(
        page::slug("`break` and *when* cleanup runs — 2x!"),
        "break-and-when-cleanup-runs-2x"
    );
    assert_eq!(page::slug("  Python's  async_for "), "pythons-async-for");
    assert_eq!(
        page::plain_inline("`break` and *when* <b>x</b> & y"),
        "break and when x & y"
    );
}

#[test]
fn code_block_errors() {
    assert_error(
        &format!("{DEMO}```compile_fail\nx\n```\n"),
        "7",
        "write ```rust,compile_fail",
    );
    assert_error(
        &format!("{DEMO}```rust,nope\nx\n```\n"),
        "7",
        "unknown flag `nope`",
    );
    assert_error(
        &format!("{DEMO}```rust,E0277\nx\n```\n"),
        "7",
        "only means something with `compile_fail`",
    );
    assert!(errors(&format!("{DEMO}```toml\nx = 1\n```\n```\nplain\n```\n")).is_empty());
}

#[test]
fn line_breaks_inside_chinese_text_are_not_spaces() {
    let text = "+++\ntitle = \"t\"\nsummary = \"s\"\n+++\n:::demo d\n:::\n\
                流在作用域结束时\n被丢弃。可能是\n“稍后一点”，\n`break` 之后\nand English\nwords。循环体记下\n`break`\n并离开。\n";
    let demos = vec!["d".to_string()];
    let cx = PageContext {
        file: "f",
        lang: PageLang::Zh,
        demos: &demos,
        has_predict: &|_, _| true,
        knobs_of: &|_: &str| None,
    };
    let p = page::compile(text, &cx).expect("valid");
    let Block::Html(h) = &p.blocks[1] else {
        panic!("html expected")
    };
    assert_eq!(
        h,
        "<p>流在作用域结束时被丢弃。可能是“稍后一点”，<code>break</code> 之后\nand English\nwords。循环体记下\n<code>break</code>\n并离开。</p>\n"
    );
}

#[test]
fn visible_rust_hides_rustdoc_lines() {
    assert_eq!(
        page::visible_rust("# use x;\n#\nfn main() {\n    # let hidden = 1;\n    ## not hidden\n    #[derive(Debug)]\n}\n"),
        "fn main() {\n    # not hidden\n    #[derive(Debug)]\n}"
    );
}

#[test]
fn demo_region_errors() {
    assert_eq!(
        demo_region("a\n// ANCHOR: demo\nb\nc\n// ANCHOR_END: demo\n"),
        Ok((3, vec!["b", "c"]))
    );
    let e = demo_region("fn x() {}\n").unwrap_err();
    assert!(e.0.is_none() && e.1.contains("no `// ANCHOR: demo` line"));
    let e = demo_region("// ANCHOR: demo\nx\n// ANCHOR_END: demo\n// ANCHOR: demo\n").unwrap_err();
    assert_eq!(e.0, Some(4));
    let e = demo_region("// ANCHOR_END: demo\nx\n// ANCHOR: demo\n").unwrap_err();
    assert_eq!(e.0, Some(1));
    assert!(e.1.contains("comes before"));
    let e = demo_region("// ANCHOR: demo\n// ANCHOR_END: demo\n").unwrap_err();
    assert!(e.1.contains("empty"));
}

#[test]
fn structure_mismatch_names_the_first_difference() {
    let mut l = fixture();
    checks::compare_structure(&l).expect("fixture matches");
    // zh loses its myth box.
    let i =
        l.zh.structure
            .iter()
            .position(|i| matches!(i.kind, ItemKind::Myth(_)))
            .expect("a myth");
    l.zh.structure.remove(i);
    let e = checks::compare_structure(&l).unwrap_err();
    assert!(
        e.starts_with("lessons/01-fixture: en.md and zh.md differ in structure"),
        "{e}"
    );
    assert!(
        e.contains("en.md line 59 has :::myth M23, but zh.md line 70 has :::demo counter"),
        "{e}"
    );
    // zh ends early.
    l.zh.structure.truncate(2);
    let e = checks::compare_structure(&l).unwrap_err();
    assert!(e.contains("but zh.md has nothing more"), "{e}");
}

#[test]
fn myth_coverage() {
    let l = fixture();
    let row = |m: &str, lessons: &str| format!("| {m} | a claim | the truth | {lessons} |\n");
    let l1 = "[L1](../lessons/01-fixture/en.md)";
    let table = checks::parse_myth_table(&format!(
        "# Myths\n\n| Id | a | b | c |\n|---|---|---|---|\n{}{}{}",
        row("M1", l1),
        row(
            "M2",
            "[L2](../lessons/02-x/en.md), [L1](../lessons/01-fixture/zh.md)"
        ),
        row("M23", l1)
    ))
    .expect("valid");
    assert_eq!(table[1].lessons, [2, 1]);
    assert_eq!(table[2].line, 7);
    // M23 has its boxes; M1 and M2 are missing in both languages (M2 also
    // names a lesson that does not exist).
    let found = checks::check_myth_coverage(std::slice::from_ref(&l), &table, &[]);
    assert_eq!(found.problems.len(), 6, "{:#?}", found.problems);
    assert!(found.problems[0].starts_with("M1: docs/myths.md line 5 says lesson 1 corrects it, but lessons/01-fixture/en.md has no `:::myth M1` box"));
    assert!(found
        .problems
        .iter()
        .any(|p| p.contains("lesson 2 (which does not exist)")));
    // Listed as left out: not checked; once it has its boxes, a note says
    // the line can go.
    let left = checks::parse_left_out(
        "M1 = \"on its way, soon\"\nM2 = \"on its way, soon\"\nM23 = \"it is covered after all\"\n",
    )
    .expect("valid");
    let found = checks::check_myth_coverage(std::slice::from_ref(&l), &table, &left);
    assert_eq!(found.problems, Vec::<String>::new());
    assert_eq!(found.notes.len(), 1);
    assert!(found.notes[0].contains("M23 now has its boxes (lesson 1): remove its line 3"));
    // A box in a lesson the table does not name, and a box for no myth of
    // the table.
    let table = checks::parse_myth_table(&row("M22", l1)).expect("valid");
    let found = checks::check_myth_coverage(std::slice::from_ref(&l), &table, &[]);
    assert!(
        found
            .problems
            .iter()
            .any(|p| p.contains("`:::myth M23` is not in the myth table")),
        "{found:#?}"
    );
    // Table errors name their line.
    let e = checks::parse_myth_table(&format!("{}{}", row("M2", l1), row("M1", l1))).unwrap_err();
    assert_eq!(e.0, 2);
    assert!(e.1.contains("in order"));
    assert!(checks::parse_myth_table(&row("M3", "nothing"))
        .unwrap_err()
        .1
        .contains("links the lessons"));
    assert!(checks::parse_myth_table("| M4 | claim | truth |\n")
        .unwrap_err()
        .1
        .contains("four cells"));
    assert!(checks::parse_left_out("M40 = \"x x x x x x\"")
        .unwrap_err()
        .1
        .contains("M1…M37"));
    assert!(checks::parse_left_out("M4 = \"\"")
        .unwrap_err()
        .1
        .contains("needs a reason"));
}

fn python() -> checks::Python {
    let mut all = checks::find_pythons().unwrap_or_else(|e| panic!("{e}"));
    all.swap_remove(0)
}

fn snippet(code: &str, expected: Option<&str>) -> PythonSnippet {
    PythonSnippet {
        file: "f.md".into(),
        line: 3,
        code: code.into(),
        outputs: expected
            .map(|e| crate::page::OutputBlock {
                text: e.to_string(),
                line: 9,
                versions: Vec::new(),
            })
            .into_iter()
            .collect(),
    }
}

#[test]
fn python_output_is_checked() {
    let py = python();
    for s in checks::python_snippets(&fixture()) {
        checks::check_python(&py, &s).expect("fixture python is right");
    }
    checks::check_python(
        &py,
        &snippet("print('a')\nprint('b')  \n", Some("a\nb   \n\n")),
    )
    .expect("trailing space ignored");
    let e =
        checks::check_python(&py, &snippet("print(1)\nprint(2)\n", Some("1\n3\n"))).unwrap_err();
    assert!(
        e.contains(
            "f.md:3: the Python block's real output differs from the ```output block at f.md:9"
        ),
        "{e}"
    );
    assert!(
        e.contains("at output line 2: the page says \"3\", Python 3.11 prints \"2\""),
        "{e}"
    );
    // An exception: stdout, then the traceback's last line.
    let code = "print('before')\nasync def f(): pass\nasync def main():\n    async for x in range(3): pass\nimport asyncio\nasyncio.run(main())\n";
    checks::check_python(
        &py,
        &snippet(code, Some("before\nTypeError: 'async for' requires an object with __aiter__ method, got range\n")),
    )
    .expect("the stated exception");
    // Time is virtual: exact, and a long sleep costs nothing.
    let timed = "import asyncio, time\nstart = time.monotonic()\nasync def tick(name, s):\n    await asyncio.sleep(s)\n    print(f'{time.monotonic() - start:.3f} {name}')\nasync def main():\n    loop = asyncio.get_running_loop()\n    await asyncio.gather(tick('b', 0.3), tick('a', 0.1), tick('c', 600))\n    time.sleep(0.5)\n    print(f'{loop.time() - start:.3f} end')\nasyncio.run(main())\n";
    let t0 = std::time::Instant::now();
    checks::check_python(
        &py,
        &snippet(timed, Some("0.100 a\n0.300 b\n600.000 c\n600.500 end\n")),
    )
    .expect("virtual time");
    assert!(t0.elapsed().as_secs() < 20);
    // Code without asyncio keeps real time.
    let real = "import time\nt = time.perf_counter()\ntime.sleep(0.05)\nprint(time.perf_counter() - t >= 0.05)\n";
    checks::check_python(&py, &snippet(real, Some("True\n"))).expect("real time");
    // Without output: compiled only, with compile()'s stricter checks.
    checks::check_python(&py, &snippet("async def g():\n    yield 1\n", None)).expect("compiles");
    let e = checks::check_python(
        &py,
        &snippet("async def g():\n    yield 1\n    return 2\n", None),
    )
    .unwrap_err();
    assert!(e.contains("'return' with value in async generator"), "{e}");
}

#[test]
fn output_blocks_name_python_versions() {
    let py = "```python\nprint(1)\n```\n";
    // A plain block (every version), or versioned blocks covering each once.
    assert!(errors(&format!("{DEMO}{py}```output\n1\n```\n")).is_empty());
    assert!(errors(&format!(
        "{DEMO}{py}```output 3.11 3.12\n1\n```\n```output 3.13\n1\n```\n"
    ))
    .is_empty());
    assert_error(
        &format!("{DEMO}{py}```output 3.11 3.10\n1\n```\n```output 3.12 3.13\n1\n```\n"),
        "10",
        "unknown Python version `3.10`",
    );
    assert_error(
        &format!("{DEMO}{py}```output 3.11\n1\n```\n```output 3.12\n1\n```\n"),
        "13",
        "give no output for Python 3.13: add ```output 3.13",
    );
    assert_error(
        &format!("{DEMO}{py}```output 3.11 3.12\n1\n```\n```output 3.12 3.13\n1\n```\n"),
        "13",
        "Python 3.12 is already given an output at line 10",
    );
    assert_error(
        &format!("{DEMO}{py}```output\n1\n```\n```output 3.13\n1\n```\n"),
        "10",
        "a plain ```output block stands for every Python version",
    );
    assert_error(
        &format!("{DEMO}Text.\n\n```output 3.13\n1\n```\n"),
        "9",
        "must come right after a ```python block",
    );
}

#[test]
fn python_versions_are_found_and_each_runs() {
    let all = checks::find_pythons().unwrap_or_else(|e| panic!("{e}"));
    let versions: Vec<&str> = all.iter().map(|p| p.version).collect();
    assert_eq!(versions, checks::PYTHON_VERSIONS);
    // The output block for each version is the one compared; a version
    // printing something else is named, alone.
    let code = "import sys\nprint(sys.version_info >= (3, 13))\n";
    let block = |text: &str, versions: &[&str]| crate::page::OutputBlock {
        text: text.into(),
        line: 9,
        versions: versions.iter().map(|v| v.to_string()).collect(),
    };
    let mut s = snippet(code, None);
    s.outputs = vec![block("False", &["3.11", "3.12"]), block("True", &["3.13"])];
    let (problems, times) = checks::check_all_python(&all, &[s.clone()], 3);
    assert_eq!(problems, Vec::<String>::new());
    assert_eq!(times.len(), 1);
    s.outputs = vec![block("False", &[])];
    let (problems, _) = checks::check_all_python(&all, &[s], 3);
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert!(
        problems[0].contains("the page says \"False\", Python 3.13 prints \"True\""),
        "{problems:?}"
    );
    assert!(
        problems[0]
            .contains("(Python 3.11, 3.12 print what the page says: the output differs by version"),
        "{problems:?}"
    );
}

#[test]
fn step_codes_after_a_demo_become_links_to_the_step() {
    for yes in ["P", "W", "R(0)", "R∅", "B(x)", "D", "C", "T+100", "T✕"] {
        assert!(page::is_step_code(yes), "{yes}");
    }
    for no in [
        "R()",
        "B(a b)",
        "T+",
        "T+1x",
        "Drop",
        "x",
        "R(0",
        "poll_next",
    ] {
        assert!(!page::is_step_code(no), "{no}");
    }
    let src = format!("{FRONT}Before: `R(0)`.\n\n{DEMO}\nAfter: `R(0)` and `D`, not `drop`.\n\n## Heading `D` {{#h}}\n");
    let page = compile_en(&src).expect("compiles");
    let html: String = page
        .blocks
        .iter()
        .filter_map(|b| match b {
            Block::Html(h) => Some(h.as_str()),
            _ => None,
        })
        .collect();
    assert!(html.contains("Before: <code>R(0)</code>"), "{html}");
    assert!(
        html.contains("<button type=\"button\" class=\"step-link\" data-demo=\"d\" data-step=\"R(0)\"><code>R(0)</code></button>"),
        "{html}"
    );
    assert!(html.contains("data-step=\"D\""), "{html}");
    assert!(html.contains("<code>drop</code>"), "{html}");
    assert!(html.contains("Heading <code>D</code>"), "{html}");
}

#[test]
fn versioned_output_blocks_render_as_labelled_panels() {
    let body = "```python\nprint(1)\n```\n```output 3.11 3.12\n1\n```\n```output 3.13\n1\n```\n";
    let page = compile_en(&format!("{FRONT}{DEMO}{body}")).expect("compiles");
    let shown = html(&page);
    assert!(
        shown.contains("<div class=\"output\" data-python=\"3.11 3.12\"><p class=\"output-label\">Output · Python 3.11, 3.12</p>"),
        "{shown}"
    );
    assert!(shown.contains("<p class=\"output-label\">Output · Python 3.13</p>"));
    let py = page
        .code
        .iter()
        .find(|b| b.lang == "python")
        .expect("a python block");
    let versions: Vec<&[String]> = py.outputs.iter().map(|o| &o.versions[..]).collect();
    assert_eq!(versions, [&["3.11", "3.12"][..], &["3.13"][..]]);
    let item = page
        .structure
        .iter()
        .find(|i| matches!(i.kind, ItemKind::Python { .. }))
        .expect("in the structure");
    assert_eq!(
        item.kind.to_string(),
        "```python block with ```output 3.11 3.12, ```output 3.13"
    );
    // Chinese labels, with the enumeration comma.
    let demos = vec!["d".to_string()];
    let cx = PageContext {
        file: "lessons/09-x/zh.md",
        lang: PageLang::Zh,
        demos: &demos,
        has_predict: &|_, _| true,
        knobs_of: &|_: &str| None,
    };
    let zh = page::compile(&format!("{FRONT}{DEMO}{body}"), &cx).expect("compiles");
    assert!(html(&zh).contains("<p class=\"output-label\">输出 · Python 3.11、3.12</p>"));
}
