//! The content checks behind `lessons/tests/`: the two languages' structure,
//! the Python blocks' stated output, and the myth coverage. They live here,
//! next to the parser, so they are tested on fixtures; the tests in
//! `lessons/tests/` apply them to the real lessons.

use std::collections::BTreeMap;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use toml::Spanned;

use crate::page::{Item, OutputBlock, Page, MAX_MYTH};
use crate::{line_at, toml_error, ItemKind, Lesson, PageLang};

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
    /// The stated outputs (one for every version, or one per group of
    /// versions); none: the block is only compiled.
    pub outputs: Vec<OutputBlock>,
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
                    outputs: b.outputs.clone(),
                });
            }
        }
    }
    out
}

/// The Python versions every Python block runs on.
pub const PYTHON_VERSIONS: &[&str] = &["3.11", "3.12", "3.13"];

/// Checks that a page's output blocks give each Python block one output per
/// version: a plain ```` ```output ```` alone, or versioned blocks that
/// cover every version in [`PYTHON_VERSIONS`] exactly once. Returns
/// `(line, message)` for each problem (unknown versions are reported where
/// the block is read).
pub fn output_coverage(page: &Page) -> Vec<(usize, String)> {
    let mut problems = Vec::new();
    for b in page.code.iter().filter(|b| !b.outputs.is_empty()) {
        if b.outputs.len() > 1 {
            if let Some(plain) = b.outputs.iter().find(|o| o.versions.is_empty()) {
                problems.push((
                    plain.line,
                    format!(
                        "a plain ```output block stands for every Python version, but the Python block at line {} has {} output blocks: name the versions of each (```output 3.11 3.12, then ```output 3.13)",
                        b.line,
                        b.outputs.len()
                    ),
                ));
                continue;
            }
        }
        if b.outputs.iter().all(|o| o.versions.is_empty()) {
            continue;
        }
        let mut seen: Vec<(&str, usize)> = Vec::new();
        for o in &b.outputs {
            for v in &o.versions {
                if let Some((_, first)) = seen.iter().find(|(s, _)| s == v) {
                    problems.push((
                        o.line,
                        format!("Python {v} is already given an output at line {first}: each version has exactly one output block"),
                    ));
                } else {
                    seen.push((v, o.line));
                }
            }
        }
        let missing: Vec<&str> = PYTHON_VERSIONS
            .iter()
            .copied()
            .filter(|v| !seen.iter().any(|(s, _)| s == v))
            .collect();
        if !missing.is_empty() {
            let last = b.outputs.last().map_or(b.line, |o| o.line);
            problems.push((
                last,
                format!(
                    "the output blocks of the Python block at line {} give no output for Python {}: add ```output {} (every block runs on {})",
                    b.line,
                    missing.join(", "),
                    missing.join(" "),
                    PYTHON_VERSIONS.join(", ")
                ),
            ));
        }
    }
    problems
}

/// An interpreter of one of the [`PYTHON_VERSIONS`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Python {
    /// `3.12`.
    pub version: &'static str,
    /// The executable.
    pub path: PathBuf,
}

/// Every Python of [`PYTHON_VERSIONS`]: `python3.X` on `PATH`, else the
/// newest `$PYENV_ROOT/versions/3.X.*/bin/python3.X` (`~/.pyenv` by
/// default). Each is asked for its version, so a pyenv shim that only
/// answers "command not found" does not count. The error names every
/// missing version and how to install it.
pub fn find_pythons() -> Result<Vec<Python>, String> {
    let mut found = Vec::new();
    let mut missing = Vec::new();
    for &v in PYTHON_VERSIONS {
        match python_candidates(v)
            .into_iter()
            .find(|p| reports_version(p, v))
        {
            Some(path) => found.push(Python { version: v, path }),
            None => missing.push(v),
        }
    }
    if missing.is_empty() {
        return Ok(found);
    }
    let names: Vec<String> = missing.iter().map(|v| format!("python{v}")).collect();
    Err(format!(
        "Python {} {} missing: the lesson checks run every Python block on {}. Looked for {} on PATH and in {}/versions/<version>*/bin/. Install with pyenv: `pyenv install {}` (no `pyenv global` needed), or put {} on PATH",
        missing.join(" and "),
        if missing.len() == 1 { "is" } else { "are" },
        PYTHON_VERSIONS.join(", "),
        names.join(", "),
        pyenv_root().display(),
        missing.join(" "),
        names.join(" and "),
    ))
}

fn pyenv_root() -> PathBuf {
    match std::env::var_os("PYENV_ROOT") {
        Some(r) if !r.is_empty() => PathBuf::from(r),
        _ => PathBuf::from(std::env::var_os("HOME").unwrap_or_default()).join(".pyenv"),
    }
}

/// Where `python3.X` may be, in order of preference.
fn python_candidates(version: &str) -> Vec<PathBuf> {
    let exe = format!("python{version}");
    let path = std::env::var_os("PATH").unwrap_or_default();
    let mut out: Vec<PathBuf> = std::env::split_paths(&path)
        .map(|d| d.join(&exe))
        .filter(|p| p.is_file())
        .collect();
    let mut pyenv: Vec<(u32, PathBuf)> = std::fs::read_dir(pyenv_root().join("versions"))
        .into_iter()
        .flatten()
        .flatten()
        .filter_map(|e| {
            let name = e.file_name().to_string_lossy().to_string();
            let patch = name
                .strip_prefix(version)?
                .strip_prefix('.')?
                .parse()
                .ok()?;
            Some((patch, e.path().join("bin").join(&exe)))
        })
        .filter(|(_, p)| p.is_file())
        .collect();
    pyenv.sort_by_key(|p| std::cmp::Reverse(p.0));
    out.extend(pyenv.into_iter().map(|(_, p)| p));
    out
}

fn reports_version(python: &Path, version: &str) -> bool {
    Command::new(python)
        .args(["-c", "import sys; print('%d.%d' % sys.version_info[:2])"])
        .stdin(Stdio::null())
        .stderr(Stdio::null())
        .output()
        .is_ok_and(|o| o.status.success() && String::from_utf8_lossy(&o.stdout).trim() == version)
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

/// What one Python version did with one snippet.
struct Outcome {
    /// The output block it was compared with (index into `outputs`).
    block: Option<usize>,
    /// What it printed (normalized), for a run.
    got: Option<String>,
    /// The problem, if any, without the `file:line: ` prefix.
    problem: Option<String>,
    /// Standard error of a failed run.
    stderr: String,
}

fn outcome(py: &Python, s: &PythonSnippet) -> Outcome {
    let v = py.version;
    let failed = |problem: String| Outcome {
        block: None,
        got: None,
        problem: Some(problem),
        stderr: String::new(),
    };
    if s.outputs.is_empty() {
        return match compile_python(&py.path, &s.code) {
            Err(e) => failed(e),
            Ok(run) if run.success => Outcome {
                block: None,
                got: None,
                problem: None,
                stderr: String::new(),
            },
            Ok(run) => failed(format!(
                "this Python block does not compile on Python {v}: {}\n(a block that is meant to fail should be followed by an ```output block that shows the error)",
                run.output.trim()
            )),
        };
    }
    let Some(k) = s
        .outputs
        .iter()
        .position(|o| o.versions.is_empty() || o.versions.iter().any(|x| x == v))
    else {
        return failed(format!(
            "no ```output block for Python {v} (write ```output {v}, or a plain ```output for every version)"
        ));
    };
    let run = match run_python(&py.path, &s.code) {
        Ok(r) => r,
        Err(e) => return failed(format!("Python {v}: {e}")),
    };
    let (got, want) = (
        normalize_output(&run.output),
        normalize_output(&s.outputs[k].text),
    );
    let problem = (got != want).then(String::new);
    Outcome {
        block: Some(k),
        got: Some(got),
        problem,
        stderr: if run.success {
            String::new()
        } else {
            run.stderr
        },
    }
}

/// Runs (or, without a stated output, compiles) one snippet on one Python
/// and compares with the output block for its version.
pub fn check_python(py: &Python, s: &PythonSnippet) -> Result<(), String> {
    let o = outcome(py, s);
    match report(s, &[(py.version, o)]) {
        Some(e) => Err(e),
        None => Ok(()),
    }
}

/// One message for a snippet's outcomes on several versions (`None`: all
/// passed). Versions that print the same wrong output are named together.
fn report(s: &PythonSnippet, outcomes: &[(&str, Outcome)]) -> Option<String> {
    let at = format!("{}:{}", s.file, s.line);
    let mut parts: Vec<String> = Vec::new();
    let mut done = vec![false; outcomes.len()];
    for (i, (v, o)) in outcomes.iter().enumerate() {
        if done[i] || o.problem.is_none() {
            continue;
        }
        done[i] = true;
        let (Some(k), Some(got)) = (o.block, &o.got) else {
            parts.push(o.problem.clone().unwrap_or_default());
            continue;
        };
        let mut versions = vec![*v];
        for (j, (w, p)) in outcomes.iter().enumerate().skip(i + 1) {
            if !done[j] && p.problem.is_some() && p.block == Some(k) && p.got.as_ref() == Some(got)
            {
                done[j] = true;
                versions.push(w);
            }
        }
        let out = &s.outputs[k];
        let want = normalize_output(&out.text);
        let got_lines: Vec<&str> = got.lines().collect();
        let want_lines: Vec<&str> = want.lines().collect();
        let n = got_lines
            .iter()
            .zip(&want_lines)
            .position(|(a, b)| a != b)
            .unwrap_or(got_lines.len().min(want_lines.len()));
        let show = |lines: &[&str]| {
            lines
                .get(n)
                .map_or("(nothing)".to_string(), |l| format!("{l:?}"))
        };
        let who = format!("Python {}", versions.join(", "));
        let mut msg = format!(
            "the Python block's real output differs from the ```output block at {}:{} — first difference at output line {}: the page says {}, {who} prints {}\n--- {who} printed:\n{got}\n--- the page says:\n{want}",
            s.file,
            out.line,
            n + 1,
            show(&want_lines),
            show(&got_lines),
        );
        if uses_virtual_clock(&s.code) {
            msg.push_str("\n(asyncio ran on a virtual clock: printed times are exact, see docs/authoring.md)");
        }
        if !o.stderr.trim().is_empty() {
            msg.push_str("\n--- stderr:\n");
            msg.push_str(o.stderr.trim_end());
        }
        parts.push(msg);
    }
    if parts.is_empty() {
        return None;
    }
    // A plain output block that some versions match and others do not: the
    // output depends on the version.
    let passed: Vec<&str> = outcomes
        .iter()
        .filter(|(_, o)| o.problem.is_none() && o.got.is_some())
        .map(|(v, _)| *v)
        .collect();
    if s.outputs.len() == 1 && s.outputs[0].versions.is_empty() && !passed.is_empty() {
        parts.push(format!(
            "(Python {} {} what the page says: the output differs by version, so give each version its block, e.g. ```output {} then ```output <the others>, see docs/authoring.md)",
            passed.join(", "),
            if passed.len() == 1 { "prints" } else { "print" },
            passed.join(" ")
        ));
    }
    Some(format!("{at}: {}", parts.join("\n")))
}

/// Checks every snippet on every Python, running up to `threads` processes
/// at a time (most of a run is interpreter start-up, so they overlap well).
/// Identical snippets (same code and outputs, usually the en and zh copies)
/// run once. Returns one message per failing snippet, in order, and the
/// time each distinct snippet took (all versions summed), for reports.
pub fn check_all_python(
    pythons: &[Python],
    snippets: &[PythonSnippet],
    threads: usize,
) -> (Vec<String>, Vec<(Duration, String)>) {
    use std::sync::atomic::{AtomicUsize, Ordering};
    use std::sync::Mutex;
    let key = |s: &PythonSnippet| (s.code.clone(), s.outputs.clone());
    let mut distinct: Vec<usize> = Vec::new();
    for (i, s) in snippets.iter().enumerate() {
        if !distinct.iter().any(|&d| key(&snippets[d]) == key(s)) {
            distinct.push(i);
        }
    }
    let jobs: Vec<(usize, usize)> = distinct
        .iter()
        .flat_map(|&i| (0..pythons.len()).map(move |p| (i, p)))
        .collect();
    let results: Vec<Mutex<Option<(Outcome, Duration)>>> =
        jobs.iter().map(|_| Mutex::new(None)).collect();
    let next = AtomicUsize::new(0);
    std::thread::scope(|scope| {
        for _ in 0..threads.max(1) {
            scope.spawn(|| loop {
                let j = next.fetch_add(1, Ordering::Relaxed);
                let Some(&(i, p)) = jobs.get(j) else { break };
                let start = Instant::now();
                let o = outcome(&pythons[p], &snippets[i]);
                *results[j].lock().expect("no panics while holding it") =
                    Some((o, start.elapsed()));
            });
        }
    });
    let mut results = results
        .into_iter()
        .map(|m| m.into_inner().expect("no panics while holding it"));
    let mut problems = Vec::new();
    let mut times = Vec::new();
    for &i in &distinct {
        let mut outcomes = Vec::new();
        let mut took = Duration::ZERO;
        for py in pythons {
            if let Some((o, d)) = results.next().flatten() {
                outcomes.push((py.version, o));
                took += d;
            }
        }
        let s = &snippets[i];
        times.push((took, format!("{}:{}", s.file, s.line)));
        if let Some(e) = report(s, &outcomes) {
            problems.push(e);
            for other in snippets.iter().skip(i + 1).filter(|o| key(o) == key(s)) {
                problems.push(format!(
                    "{}:{}: the same code and output as {}:{}, which fails (above)",
                    other.file, other.line, s.file, s.line
                ));
            }
        }
    }
    (problems, times)
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
    let table: BTreeMap<Spanned<String>, Spanned<String>> =
        toml::from_str(text).map_err(|e| toml_error(text, 1, &e))?;
    // In the order of the file (the map's own order is by key).
    let mut entries: Vec<_> = table.into_iter().collect();
    entries.sort_by_key(|(k, _)| k.span().start);
    let mut out = Vec::new();
    for (key, value) in entries {
        let line = line_at(text, key.span().start, 1);
        let key = key.into_inner();
        let myth = key
            .strip_prefix('M')
            .and_then(|n| n.parse::<u32>().ok())
            .filter(|n| (1..=MAX_MYTH).contains(n))
            .ok_or_else(|| (line, format!("`{key}` is not a myth id M1…M{MAX_MYTH}")))?;
        let reason = value.into_inner();
        if reason.trim().len() < 10 {
            return Err((
                line,
                format!("`{key}` needs a reason: `{key} = \"why no lesson corrects it\"`"),
            ));
        }
        out.push(LeftOut { myth, reason, line });
    }
    Ok(out)
}

/// One row of the myth table in `docs/myths.md`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MythRow {
    /// The number (`M23` → 23).
    pub myth: u32,
    /// The lesson numbers of its *Corrected in* column.
    pub lessons: Vec<u32>,
    /// Line in the file.
    pub line: usize,
}

/// Reads the myth table of `docs/myths.md`.
pub fn read_myth_table(path: &Path) -> Result<Vec<MythRow>, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    parse_myth_table(&text).map_err(|(line, m)| format!("{}:{line}: {m}", path.display()))
}

/// Parses the myth table: rows `| M23 | claim | what is true | [L4](../lessons/04-…/en.md) |`.
/// Ids are unique and ascending; claim, truth and at least one lesson link
/// are required.
pub fn parse_myth_table(text: &str) -> Result<Vec<MythRow>, (usize, String)> {
    let mut rows: Vec<MythRow> = Vec::new();
    for (i, raw) in text.lines().enumerate() {
        let line = i + 1;
        let Some(rest) = raw.trim().strip_prefix("| M") else {
            continue;
        };
        let cells: Vec<&str> = rest
            .trim_end_matches('|')
            .split('|')
            .map(str::trim)
            .collect();
        let myth = cells[0]
            .parse::<u32>()
            .ok()
            .filter(|n| *n >= 1 && !cells[0].starts_with('0'))
            .ok_or_else(|| {
                (
                    line,
                    format!("`M{}` is not a myth id (M1, M2, …)", cells[0]),
                )
            })?;
        if cells.len() != 4 || cells[1..].iter().any(|c| c.is_empty()) {
            return Err((line, format!("the row of M{myth} needs four cells: id, the claim, what is true, the lessons that correct it (no `|` inside a cell)")));
        }
        if let Some(prev) = rows.last() {
            if prev.myth >= myth {
                return Err((
                    line,
                    format!(
                        "M{myth} comes after M{}: ids are unique and in order",
                        prev.myth
                    ),
                ));
            }
        }
        let lessons: Vec<u32> = cells[3]
            .split("../lessons/")
            .skip(1)
            .filter_map(|l| l.get(..2)?.parse().ok())
            .collect();
        if lessons.is_empty() {
            return Err((line, format!("M{myth}: the last cell links the lessons that correct it, e.g. `[L4](../lessons/04-break-and-cleanup/en.md)`")));
        }
        rows.push(MythRow {
            myth,
            lessons,
            line,
        });
    }
    if rows.is_empty() {
        return Err((1, "no myth rows (`| M1 | … |`) found".into()));
    }
    Ok(rows)
}

/// What [`check_myth_coverage`] found.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct MythCoverage {
    /// Failures.
    pub problems: Vec<String>,
    /// Myths listed as left out that now have their boxes: the line in
    /// `myths-left-out.toml` can go (not an error, so that boxes can arrive
    /// one language at a time).
    pub notes: Vec<String>,
}

/// Every myth of the table (`docs/myths.md`) must have a myth box in each
/// lesson its *Corrected in* column lists, in en.md and in zh.md, and in no
/// other lesson; a box must name a myth of the table. A myth listed in
/// `myths-left-out.toml` is not checked (it is on its way, or left out with
/// the reason given there).
pub fn check_myth_coverage(
    lessons: &[Lesson],
    table: &[MythRow],
    left_out: &[LeftOut],
) -> MythCoverage {
    let mut out = MythCoverage::default();
    let numbers = |n: u32, lang: PageLang| -> Vec<u32> {
        lessons
            .iter()
            .filter(|l| myths(l, lang).contains(&n))
            .map(|l| l.number)
            .collect()
    };
    let list = |v: &[u32]| {
        v.iter()
            .map(|n| n.to_string())
            .collect::<Vec<_>>()
            .join(", ")
    };
    for row in table {
        let n = row.myth;
        let (en, zh) = (numbers(n, PageLang::En), numbers(n, PageLang::Zh));
        let mut want = row.lessons.clone();
        want.sort_unstable();
        want.dedup();
        if let Some(l) = left_out.iter().find(|l| l.myth == n) {
            if en == want && zh == want {
                out.notes.push(format!(
                    "M{n} now has its boxes (lesson {}): remove its line {} from lessons/myths-left-out.toml",
                    list(&want),
                    l.line
                ));
            }
            continue;
        }
        for (lang, have) in [(PageLang::En, &en), (PageLang::Zh, &zh)] {
            for w in want.iter().filter(|w| !have.contains(w)) {
                let file = lessons
                    .iter()
                    .find(|l| l.number == *w)
                    .map(|l| l.file(lang))
                    .unwrap_or_else(|| format!("lesson {w} (which does not exist)"));
                out.problems.push(format!(
                    "M{n}: docs/myths.md line {} says lesson {w} corrects it, but {file} has no `:::myth M{n}` box: add one (en.md and zh.md), or correct the table",
                    row.line
                ));
            }
            for h in have.iter().filter(|h| !want.contains(h)) {
                let file = lessons
                    .iter()
                    .find(|l| l.number == *h)
                    .map(|l| l.file(lang))
                    .unwrap_or_default();
                out.problems.push(format!(
                    "M{n}: {file} has a `:::myth M{n}` box, but docs/myths.md line {} lists only lesson {}: add lesson {h} to its *Corrected in* cell",
                    row.line,
                    list(&want)
                ));
            }
        }
    }
    for l in lessons {
        for lang in [PageLang::En, PageLang::Zh] {
            for n in myths(l, lang) {
                if !table.iter().any(|r| r.myth == n) {
                    out.problems.push(format!(
                        "{}: `:::myth M{n}` is not in the myth table of docs/myths.md",
                        l.file(lang)
                    ));
                }
            }
        }
    }
    for l in left_out {
        if !table.iter().any(|r| r.myth == l.myth) {
            out.problems.push(format!(
                "lessons/myths-left-out.toml line {}: M{} is not in docs/myths.md",
                l.line, l.myth
            ));
        }
    }
    out.problems.dedup();
    out
}
