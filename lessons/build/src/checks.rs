//! The content checks behind `lessons/tests/`: the two languages' structure,
//! the Python blocks' stated output, and the myth coverage. They live here,
//! next to the parser, so they are tested on fixtures; the tests in
//! `lessons/tests/` apply them to the real lessons.

use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use crate::page::{Item, MAX_MYTH};
use crate::{toml, ItemKind, Lesson, PageLang};

/// Checks that `en.md` and `zh.md` have the same structure (headings level
/// by level with the same ids, demos, myth ids, predict questions with their
/// option counts, Rust blocks with their flags, Python blocks), in the same
/// order. The error names the lesson and the first difference.
pub fn compare_structure(lesson: &Lesson) -> Result<(), String> {
    let en = &lesson.en.structure;
    let zh = &lesson.zh.structure;
    let describe = |lang: PageLang, item: Option<&Item>| match item {
        Some(i) => format!("{}.md line {} has {}", lang.code(), i.line, i.kind),
        None => format!("{}.md has nothing more", lang.code()),
    };
    for i in 0..en.len().max(zh.len()) {
        let (a, b) = (en.get(i), zh.get(i));
        if a.map(|x| &x.kind) != b.map(|x| &x.kind) {
            return Err(format!(
                "{}: en.md and zh.md differ in structure at element {} of {}: {}, but {}",
                lesson.rel_dir,
                i + 1,
                en.len().max(zh.len()),
                describe(PageLang::En, a),
                describe(PageLang::Zh, b),
            ));
        }
    }
    Ok(())
}

/// A Python block to check.
#[derive(Clone, Debug)]
pub struct PythonSnippet {
    /// `lessons/04-x/en.md`.
    pub file: String,
    /// Line of the ```` ```python ```` fence.
    pub line: usize,
    /// The code.
    pub code: String,
    /// The stated output and the line of its fence, if any.
    pub expected: Option<(String, usize)>,
}

/// Every Python block of a lesson, in both languages.
pub fn python_snippets(lesson: &Lesson) -> Vec<PythonSnippet> {
    let mut out = Vec::new();
    for lang in [PageLang::En, PageLang::Zh] {
        for b in &lesson.page(lang).code {
            if crate::highlight::Lang::from_info(&b.lang) == crate::highlight::Lang::Python {
                out.push(PythonSnippet {
                    file: lesson.file(lang),
                    line: b.line,
                    code: b.code.clone(),
                    expected: b.output.clone(),
                });
            }
        }
    }
    out
}

/// `python3` on `PATH`.
pub fn find_python() -> Result<PathBuf, String> {
    let path = std::env::var_os("PATH").unwrap_or_default();
    std::env::split_paths(&path)
        .map(|d| d.join("python3"))
        .find(|p| p.is_file())
        .ok_or_else(|| {
            "python3 is not on PATH: the lesson checks run every Python block with python3 (3.11+). Install it (e.g. `apt-get install python3`)".to_string()
        })
}

/// How long one snippet may run.
pub const PYTHON_TIMEOUT: Duration = Duration::from_secs(30);

/// What a run of Python printed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PythonRun {
    /// Standard output, plus the last line of standard error if the process
    /// failed (a traceback's `TypeError: …` line).
    pub output: String,
    /// Whether it exited with status 0.
    pub success: bool,
    /// All of standard error (for messages).
    pub stderr: String,
}

/// Runs a snippet that uses asyncio: asyncio on a virtual clock. A loop that
/// would wait for its next timer jumps to it instead, and `time.monotonic()`,
/// `perf_counter()`, `time()` and the loop's `time()` follow that clock
/// (`time.sleep` in the main thread advances it too). So a snippet that
/// prints elapsed times prints exactly the ideal ones — on a busy 2-core CI
/// machine real timers are late by tens of milliseconds, enough to turn
/// `0.9s` into `1.0s` — and sleeping costs no real time. Order, results and
/// exceptions are those of real CPython. Threads still sleep in real time.
const VIRTUAL_CLOCK: &str = r#"
import asyncio, selectors, sys, threading, time

_v = [0.0]
_wall = time.time()
_main = threading.main_thread()
_real_sleep = time.sleep
time.monotonic = time.perf_counter = lambda: _v[0]
time.monotonic_ns = time.perf_counter_ns = lambda: int(_v[0] * 1e9)
time.time = lambda: _wall + _v[0]
time.time_ns = lambda: int((_wall + _v[0]) * 1e9)


def _sleep(seconds):
    if threading.current_thread() is _main:
        _v[0] += max(0.0, seconds)
    else:
        _real_sleep(seconds)


time.sleep = _sleep


class _VirtualSelector(selectors.DefaultSelector):
    def select(self, timeout=None):
        if timeout is None or timeout <= 0:
            return super().select(timeout)
        events = super().select(0)
        if not events:
            _v[0] += timeout
        return events


class _VirtualLoop(asyncio.SelectorEventLoop):
    def __init__(self):
        super().__init__(_VirtualSelector())


class _Policy(asyncio.DefaultEventLoopPolicy):
    def new_event_loop(self):
        return _VirtualLoop()


asyncio.set_event_loop_policy(_Policy())
exec(compile(sys.stdin.read(), "<lesson>", "exec"), {"__name__": "__main__", "__builtins__": __builtins__})
"#;

/// Runs a snippet (given on standard input) as `__main__`.
const PLAIN: &str = r#"
import sys
exec(compile(sys.stdin.read(), "<lesson>", "exec"), {"__name__": "__main__", "__builtins__": __builtins__})
"#;

/// Whether a snippet runs on the virtual clock: it uses asyncio. Code that
/// does not (threads measuring CPU time against wall time, say) keeps real
/// time.
pub fn uses_virtual_clock(code: &str) -> bool {
    code.contains("asyncio")
}

/// Runs `code` as a script; if it uses asyncio, on a virtual clock (see
/// [`VIRTUAL_CLOCK`]).
pub fn run_python(python: &Path, code: &str) -> Result<PythonRun, String> {
    let runner = if uses_virtual_clock(code) {
        VIRTUAL_CLOCK
    } else {
        PLAIN
    };
    run_python_args(python, &["-X", "utf8", "-c", runner], code)
}

/// Compiles `code` without running it (`compile(…, 'exec')`, stricter than
/// `ast.parse`: it also rejects e.g. `return 1` in an async generator).
pub fn compile_python(python: &Path, code: &str) -> Result<PythonRun, String> {
    run_python_args(
        python,
        &[
            "-X",
            "utf8",
            "-c",
            "import sys; compile(sys.stdin.read(), '<lesson>', 'exec')",
        ],
        code,
    )
}

fn run_python_args(python: &Path, args: &[&str], code: &str) -> Result<PythonRun, String> {
    let mut child = Command::new(python)
        .args(args)
        .env("PYTHONHASHSEED", "0")
        .env("PYTHONDONTWRITEBYTECODE", "1")
        .env("PYTHONIOENCODING", "utf-8")
        .env_remove("PYTHONPATH")
        .env_remove("PYTHONSTARTUP")
        .env_remove("PYTHONWARNINGS")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| format!("cannot start {}: {e}", python.display()))?;
    let mut stdin = child.stdin.take().expect("stdin is piped");
    let code = code.to_string();
    let writer = std::thread::spawn(move || {
        // A snippet that exits early closes the pipe; that is not an error.
        let _ = stdin.write_all(code.as_bytes());
    });
    let mut out = child.stdout.take().expect("stdout is piped");
    let mut err = child.stderr.take().expect("stderr is piped");
    let out_reader = std::thread::spawn(move || {
        let mut s = Vec::new();
        let _ = out.read_to_end(&mut s);
        s
    });
    let err_reader = std::thread::spawn(move || {
        let mut s = Vec::new();
        let _ = err.read_to_end(&mut s);
        s
    });
    let start = Instant::now();
    let status = loop {
        match child.try_wait() {
            Ok(Some(status)) => break status,
            Ok(None) if start.elapsed() > PYTHON_TIMEOUT => {
                let _ = child.kill();
                let _ = child.wait();
                return Err(format!(
                    "did not finish within {} s (an endless loop? a blocking read?)",
                    PYTHON_TIMEOUT.as_secs()
                ));
            }
            Ok(None) => std::thread::sleep(Duration::from_millis(5)),
            Err(e) => return Err(format!("waiting for python3 failed: {e}")),
        }
    };
    let _ = writer.join();
    let stdout = String::from_utf8_lossy(&out_reader.join().unwrap_or_default()).into_owned();
    let stderr = String::from_utf8_lossy(&err_reader.join().unwrap_or_default()).into_owned();
    let mut output = stdout;
    if !status.success() {
        if let Some(last) = stderr.lines().rev().find(|l| !l.trim().is_empty()) {
            if !output.is_empty() && !output.ends_with('\n') {
                output.push('\n');
            }
            output.push_str(last);
            output.push('\n');
        }
    }
    Ok(PythonRun {
        output,
        success: status.success(),
        stderr,
    })
}

/// Output as compared: trailing whitespace of each line and trailing blank
/// lines removed.
pub fn normalize_output(s: &str) -> String {
    let lines: Vec<&str> = s.lines().map(str::trim_end).collect();
    let end = lines
        .iter()
        .rposition(|l| !l.is_empty())
        .map_or(0, |i| i + 1);
    lines[..end].join("\n")
}

/// Runs (or, without a stated output, compiles) one snippet and compares.
pub fn check_python(python: &Path, s: &PythonSnippet) -> Result<(), String> {
    let at = format!("{}:{}", s.file, s.line);
    match &s.expected {
        None => {
            let run = compile_python(python, &s.code).map_err(|e| format!("{at}: {e}"))?;
            if run.success {
                Ok(())
            } else {
                Err(format!(
                    "{at}: this Python block does not compile: {}\n(a block that is meant to fail should be followed by an ```output block that shows the error)",
                    run.output.trim()
                ))
            }
        }
        Some((expected, out_line)) => {
            let run = run_python(python, &s.code).map_err(|e| format!("{at}: {e}"))?;
            let (got, want) = (normalize_output(&run.output), normalize_output(expected));
            if got == want {
                return Ok(());
            }
            let got_lines: Vec<&str> = got.lines().collect();
            let want_lines: Vec<&str> = want.lines().collect();
            let i = got_lines
                .iter()
                .zip(&want_lines)
                .position(|(a, b)| a != b)
                .unwrap_or(got_lines.len().min(want_lines.len()));
            let show = |v: &[&str]| {
                v.get(i)
                    .map_or("(nothing)".to_string(), |l| format!("{l:?}"))
            };
            let mut msg = format!(
                "{at}: the Python block's real output differs from the ```output block at {}:{} — first difference at output line {}: the page says {}, python3 prints {}\n--- python3 printed:\n{got}\n--- the page says:\n{want}",
                s.file,
                out_line,
                i + 1,
                show(&want_lines),
                show(&got_lines),
            );
            if uses_virtual_clock(&s.code) {
                msg.push_str("\n(asyncio ran on a virtual clock: printed times are exact, see docs/authoring.md)");
            }
            if !run.success && !run.stderr.trim().is_empty() {
                msg.push_str("\n--- stderr:\n");
                msg.push_str(run.stderr.trim_end());
            }
            Err(msg)
        }
    }
}

/// Myth ids on a page, in order.
pub fn myths(lesson: &Lesson, lang: PageLang) -> Vec<u32> {
    lesson
        .page(lang)
        .structure
        .iter()
        .filter_map(|i| match i.kind {
            ItemKind::Myth(n) => Some(n),
            _ => None,
        })
        .collect()
}

/// One entry of `myths-left-out.toml`: `M9 = "why"`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LeftOut {
    /// The myth number.
    pub myth: u32,
    /// Why no lesson corrects it.
    pub reason: String,
    /// Line in the file.
    pub line: usize,
}

/// Reads `myths-left-out.toml` (a missing file is an empty list).
pub fn read_left_out(path: &Path) -> Result<Vec<LeftOut>, String> {
    let text = match std::fs::read_to_string(path) {
        Ok(t) => t,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => return Err(format!("{}: {e}", path.display())),
    };
    parse_left_out(&text).map_err(|(line, m)| format!("{}:{line}: {m}", path.display()))
}

/// Parses the text of `myths-left-out.toml`.
pub fn parse_left_out(text: &str) -> Result<Vec<LeftOut>, (usize, String)> {
    let mut out = Vec::new();
    for e in toml::parse(text, 1)? {
        let myth = e
            .key
            .strip_prefix('M')
            .and_then(|n| n.parse::<u32>().ok())
            .filter(|n| (1..=MAX_MYTH).contains(n))
            .ok_or_else(|| {
                (
                    e.line,
                    format!("`{}` is not a myth id M1…M{MAX_MYTH}", e.key),
                )
            })?;
        match e.value {
            toml::Value::Str(reason) if reason.trim().len() >= 10 => out.push(LeftOut {
                myth,
                reason,
                line: e.line,
            }),
            _ => {
                return Err((
                    e.line,
                    format!(
                        "`{}` needs a reason: `{} = \"why no lesson corrects it\"`",
                        e.key, e.key
                    ),
                ))
            }
        }
    }
    Ok(out)
}

/// Every myth M1…M37 must be in a myth box in some lesson in both languages,
/// or listed (with a reason) as left out — not both. Returns the problems.
pub fn check_myth_coverage(lessons: &[Lesson], left_out: &[LeftOut]) -> Vec<String> {
    let mut problems = Vec::new();
    for n in 1..=MAX_MYTH {
        let where_ = |lang: PageLang| -> Vec<String> {
            lessons
                .iter()
                .filter(|l| myths(l, lang).contains(&n))
                .map(|l| l.file(lang))
                .collect()
        };
        let (en, zh) = (where_(PageLang::En), where_(PageLang::Zh));
        let listed = left_out.iter().find(|l| l.myth == n);
        match (en.is_empty(), zh.is_empty(), listed) {
            (true, true, None) => problems.push(format!(
                "M{n} is in no lesson's myth box: add `:::myth M{n}` to the lesson that corrects it (en.md and zh.md), or list it in lessons/myths-left-out.toml with the reason"
            )),
            (false, true, None) => problems.push(format!(
                "M{n} is in a myth box in English ({}) but in no Chinese page",
                en.join(", ")
            )),
            (true, false, None) => problems.push(format!(
                "M{n} is in a myth box in Chinese ({}) but in no English page",
                zh.join(", ")
            )),
            (false, false, None) => {}
            (_, _, Some(l)) if !en.is_empty() || !zh.is_empty() => problems.push(format!(
                "M{n} is listed as left out (lessons/myths-left-out.toml line {}) but is in {}: remove it from the list",
                l.line,
                en.iter().chain(&zh).cloned().collect::<Vec<_>>().join(", ")
            )),
            (_, _, Some(_)) => {}
        }
    }
    problems
}
