//! `cargo xtask test`: every check, in order, each timed and counted, then
//! one summary line `N passed, N failed, N skipped`.
//!
//! Counting: a cargo test run adds the `N passed; M failed; K ignored` of
//! each of its `test result:` lines; `node --test` adds its `# pass` /
//! `# fail` (+ `# cancelled`) / `# skipped` (+ `# todo`) totals; fmt, each
//! clippy run, the release build and writing the end-to-end expectations
//! count as one check each. A command that fails without reporting a failed
//! test (a compile error) counts as one failure.
//!
//! Skips: every test that did not run is counted as skipped, and a skip
//! nobody expects is also counted as failed (a test that quietly stops
//! running is a test lost). The only expected skips are the lessons'
//! ` ```rust,ignore ` blocks (doc tests named `generated::doctests::L…`,
//! see docs/authoring.md, which asks for a reason in the text). The
//! end-to-end specs skip only when a lesson is missing from the build, which
//! is never expected here: each of those skips fails.

use std::fs;
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use crate::dist;
use crate::setup::{self, CHROMEDRIVER};
use crate::util::{self, cargo, cmd, fail, root, run, run_capture, secs, Context, Result};

/// The sub-path the end-to-end tests serve the site under.
pub const E2E_PUBLIC_URL: &str = "/lab/";

/// A phase of `cargo xtask test`, in running order.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Phase {
    /// `cargo fmt --all --check`.
    Fmt,
    /// clippy on the host and on wasm32, `-D warnings`.
    Clippy,
    /// `cargo test --workspace` (unit, integration and doc tests).
    Native,
    /// `cargo test --target wasm32-unknown-unknown` in headless Chromium.
    Wasm,
    /// The release build for `/lab/` (as `cargo xtask dist`).
    Dist,
    /// Playwright tests against that build on a static server.
    E2e,
}

impl Phase {
    /// Every phase, in order.
    pub const ALL: [Phase; 6] = [
        Phase::Fmt,
        Phase::Clippy,
        Phase::Native,
        Phase::Wasm,
        Phase::Dist,
        Phase::E2e,
    ];

    /// The name used on the command line.
    pub fn name(self) -> &'static str {
        match self {
            Phase::Fmt => "fmt",
            Phase::Clippy => "clippy",
            Phase::Native => "native",
            Phase::Wasm => "wasm",
            Phase::Dist => "dist",
            Phase::E2e => "e2e",
        }
    }

    /// Parses a comma-separated list of phase names.
    pub fn parse_list(list: &str) -> Result<Vec<Phase>> {
        list.split(',')
            .filter(|s| !s.trim().is_empty())
            .map(|s| {
                Phase::ALL
                    .into_iter()
                    .find(|p| p.name() == s.trim())
                    .ok_or_else(|| {
                        util::Fail(format!(
                            "unknown phase `{s}`; phases are: fmt, clippy, native, wasm, dist, e2e"
                        ))
                    })
            })
            .collect()
    }
}

/// Options of `cargo xtask test`.
#[derive(Debug, Default)]
pub struct Options {
    /// Run only these phases (all if empty).
    pub only: Vec<Phase>,
    /// Skip these phases.
    pub skip: Vec<Phase>,
    /// Only end-to-end spec files whose name contains one of these.
    pub files: Vec<String>,
}

/// One line of the final table.
#[derive(Default)]
struct Row {
    name: String,
    took: Duration,
    passed: u64,
    /// Failures, unexpected skips included.
    failed: u64,
    /// Every test that did not run, expected or not.
    skipped: u64,
    note: String,
}

/// Where the end-to-end tests read what the lessons' native runs record
/// (written by `lessons/src/bin/e2e-expectations.rs`, read by
/// `end2end/lessons.mjs`).
pub fn e2e_expectations() -> PathBuf {
    root().join("target").join("e2e").join("expectations.json")
}

/// Where the end-to-end tests' release build goes (not `dist/`, which
/// `cargo xtask serve` and `cargo xtask dist` own).
pub fn e2e_dist() -> PathBuf {
    root().join("target").join("e2e").join("dist")
}

/// Runs the selected phases; `Ok(true)` if nothing failed.
pub fn test(opts: &Options) -> Result<bool> {
    let started = Instant::now();
    let wants =
        |p: Phase| (opts.only.is_empty() || opts.only.contains(&p)) && !opts.skip.contains(&p);
    let needs_browser = wants(Phase::Wasm) || wants(Phase::E2e);
    let setup_took = setup::ensure(setup::Needs {
        browser: needs_browser,
    })?;
    let mut rows = vec![Row {
        name: "install checks".into(),
        took: setup_took,
        ..Row::default()
    }];

    if wants(Phase::Fmt) {
        rows.push(check("fmt", cargo().args(["fmt", "--all", "--check"]))?);
    }
    if wants(Phase::Clippy) {
        rows.push(check(
            "clippy (host)",
            cargo().args([
                "clippy",
                "--workspace",
                "--all-targets",
                "--",
                "-D",
                "warnings",
            ]),
        )?);
        rows.push(check(
            "clippy (wasm32)",
            cargo().args([
                "clippy",
                "--target",
                "wasm32-unknown-unknown",
                "-p",
                "app",
                "-p",
                "trace",
                "-p",
                "lessons",
                "-p",
                "lab",
                "--lib",
                "--bins",
                "--tests",
                "--",
                "-D",
                "warnings",
            ]),
        )?);
    }
    if wants(Phase::Native) {
        rows.push(cargo_tests(
            "native tests",
            cargo().args(["test", "--workspace", "--no-fail-fast"]),
        )?);
    }
    if wants(Phase::Wasm) {
        let mut c = cargo();
        c.args([
            "test",
            "--no-fail-fast",
            "--target",
            "wasm32-unknown-unknown",
            "-p",
            "trace",
            "-p",
            "app",
        ]);
        browser_env(&mut c);
        rows.push(cargo_tests("wasm tests (Chromium)", &mut c)?);
    }
    let out = e2e_dist();
    let mut dist_ok = true;
    // `--only e2e` reuses the last build for /lab/ if there is one.
    if wants(Phase::Dist) || (wants(Phase::E2e) && !built_for_e2e(&out)) {
        let t = Instant::now();
        let res = dist::build(E2E_PUBLIC_URL, &out);
        if let Err(e) = &res {
            println!("    FAILED: {e}");
        }
        dist_ok = res.is_ok();
        rows.push(Row {
            name: "release build".into(),
            took: t.elapsed(),
            passed: u64::from(dist_ok),
            failed: u64::from(!dist_ok),
            ..Row::default()
        });
    }
    if wants(Phase::E2e) {
        let expected = write_expectations()?;
        let expected_ok = expected.failed == 0;
        rows.push(expected);
        let name = "e2e (Playwright)";
        let row = if dist_ok && expected_ok {
            let t = Instant::now();
            e2e(name, &out, &opts.files).unwrap_or_else(|e| {
                println!("    FAILED: {e}");
                Row {
                    name: name.into(),
                    took: t.elapsed(),
                    failed: 1,
                    note: e.to_string(),
                    ..Row::default()
                }
            })
        } else {
            Row {
                name: name.into(),
                note: if dist_ok {
                    "not run: the expectations could not be written".into()
                } else {
                    "not run: the release build failed".into()
                },
                ..Row::default()
            }
        };
        rows.push(row);
    }

    let passed: u64 = rows.iter().map(|r| r.passed).sum();
    let failed: u64 = rows.iter().map(|r| r.failed).sum();
    let skipped: u64 = rows.iter().map(|r| r.skipped).sum();
    util::heading(&format!("Summary ({} in all)", secs(started.elapsed())));
    println!(
        "    {:<30} {:>10} {:>7} {:>7} {:>7}",
        "phase", "time", "passed", "failed", "skipped"
    );
    for r in &rows {
        println!(
            "    {:<30} {:>10} {:>7} {:>7} {:>7}  {}",
            r.name,
            secs(r.took),
            r.passed,
            r.failed,
            r.skipped,
            r.note
        );
    }
    println!("{passed} passed, {failed} failed, {skipped} skipped");
    Ok(failed == 0)
}

/// Writes [`e2e_expectations`]: lists the variants the lesson specs declare
/// (`node end2end/cases.mjs`), then runs every demo natively on the virtual
/// clock (defaults, each predict question's case, each variant) with
/// `lessons`' `e2e-expectations` bin. One check.
fn write_expectations() -> Result<Row> {
    let name = "e2e expectations (native)";
    let t = Instant::now();
    let out = e2e_expectations();
    let variants = out.with_file_name("variants.txt");
    if let Some(dir) = out.parent() {
        fs::create_dir_all(dir).context(|| format!("cannot create {}", dir.display()))?;
    }
    let _ = fs::remove_file(&out);
    let list =
        fs::File::create(&variants).context(|| format!("cannot create {}", variants.display()))?;
    let mut c = cmd("node");
    c.arg(root().join("end2end").join("cases.mjs")).stdout(list);
    util::heading(&format!(
        "{name}: {} > {}",
        util::show(&c),
        variants.display()
    ));
    let mut ok = run(&mut c)?;
    if ok {
        let mut c = cargo();
        c.args([
            "run",
            "-q",
            "-p",
            "lessons",
            "--bin",
            "e2e-expectations",
            "--",
        ])
        .arg(&out)
        .arg(&variants);
        util::heading(&format!("{name}: {}", util::show(&c)));
        ok = run(&mut c)?;
    }
    Ok(one_check(name, t, ok))
}

/// A command that is one check: passed if it exits 0.
fn check(name: &str, c: &mut Command) -> Result<Row> {
    util::heading(&format!("{name}: {}", util::show(c)));
    let t = Instant::now();
    let ok = run(c)?;
    Ok(one_check(name, t, ok))
}

/// The row of a phase that is one check, started at `t`.
fn one_check(name: &str, t: Instant, ok: bool) -> Row {
    if !ok {
        println!("    FAILED: {name}");
    }
    Row {
        name: name.into(),
        took: t.elapsed(),
        passed: u64::from(ok),
        failed: u64::from(!ok),
        ..Row::default()
    }
}

/// A `cargo test` run, counted from its `test result:` lines.
fn cargo_tests(name: &str, c: &mut Command) -> Result<Row> {
    util::heading(&format!("{name}: {}", util::show(c)));
    let t = Instant::now();
    let (ok, out) = run_capture(c)?;
    let n = count_cargo(&out);
    let mut row = Row {
        name: name.into(),
        took: t.elapsed(),
        passed: n.passed,
        failed: n.failed,
        skipped: n.skipped,
        note: String::new(),
    };
    if !ok && n.failed == 0 {
        row.failed += 1;
        row.note = "did not build or run (see above)".into();
    }
    unexpected_skips(&mut row, &n, |name| name.contains("generated::doctests::L"));
    Ok(row)
}

/// What a test run reported: totals, and the names of the skipped tests it
/// listed.
#[derive(Debug, Default, PartialEq)]
struct Counts {
    passed: u64,
    failed: u64,
    skipped: u64,
    skipped_names: Vec<String>,
}

/// Counts each skip that `expected` does not accept (and each skip the run
/// counted but did not name) as a failure, and says so in the row's note.
fn unexpected_skips(row: &mut Row, n: &Counts, expected: impl Fn(&str) -> bool) {
    let unexpected: Vec<&str> = n
        .skipped_names
        .iter()
        .map(String::as_str)
        .filter(|name| !expected(name))
        .collect();
    let accepted = n.skipped_names.len() - unexpected.len();
    let bad = n.skipped.saturating_sub(accepted as u64);
    if bad == 0 {
        return;
    }
    row.failed += bad;
    println!("    FAILED: {bad} unexpected skip(s) in {}:", row.name);
    for name in &unexpected {
        println!("        {name}");
    }
    let note = format!("{bad} unexpected skip(s), counted as failed");
    row.note = if row.note.is_empty() {
        note
    } else {
        format!("{}; {note}", row.note)
    };
}

/// Sums `N passed; M failed; K ignored` over cargo's `test result:` lines
/// and names the tests listed as `test NAME ... ignored`.
fn count_cargo(out: &str) -> Counts {
    let mut n = Counts::default();
    for line in out.lines() {
        if line.contains("test result:") {
            n.passed += number_before(line, " passed");
            n.failed += number_before(line, " failed");
            n.skipped += number_before(line, " ignored");
        } else if let Some((name, outcome)) = line
            .strip_prefix("test ")
            .and_then(|rest| rest.rsplit_once(" ... "))
        {
            if outcome.starts_with("ignored") {
                n.skipped_names.push(name.to_string());
            }
        }
    }
    n
}

/// The number just before `word` in `line` (0 if none).
fn number_before(line: &str, word: &str) -> u64 {
    line.find(word)
        .and_then(|i| line[..i].split_whitespace().last())
        .and_then(|n| n.parse().ok())
        .unwrap_or(0)
}

/// Environment for `wasm-bindgen-test-runner`: ChromeDriver (never a
/// geckodriver or a remote driver from the environment), headless Chromium
/// flags from `end2end/webdriver.json`, a generous timeout.
fn browser_env(c: &mut Command) {
    for driver in ["GECKODRIVER", "SAFARIDRIVER", "MSEDGEDRIVER"] {
        c.env_remove(driver);
        c.env_remove(format!("{driver}_REMOTE"));
    }
    c.env_remove("CHROMEDRIVER_REMOTE");
    c.env("CHROMEDRIVER", CHROMEDRIVER)
        .env(
            "WASM_BINDGEN_TEST_WEBDRIVER_JSON",
            root().join("end2end").join("webdriver.json"),
        )
        .env("WASM_BINDGEN_TEST_TIMEOUT", "180");
}

/// Whether `out` holds a post-processed build for [`E2E_PUBLIC_URL`].
fn built_for_e2e(out: &Path) -> bool {
    fs::read_to_string(out.join("size-report.json"))
        .is_ok_and(|r| r.contains(&format!("\"public_url\": \"{E2E_PUBLIC_URL}\"")))
}

/// The static server for the end-to-end tests; killed when dropped.
struct Server(Child);

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// Starts `end2end/serve.mjs` on a free port; returns it and its base URL.
fn start_server(out: &Path) -> Result<(Server, String)> {
    let mut c = cmd("node");
    c.arg(root().join("end2end").join("serve.mjs"))
        .args(["--port", "0", "--prefix", E2E_PUBLIC_URL, "--dir"])
        .arg(out)
        .stdin(Stdio::null())
        .stdout(Stdio::piped());
    let mut child = c
        .spawn()
        .context(|| "could not start end2end/serve.mjs".to_string())?;
    let first = child.stdout.take().and_then(|s| {
        let mut line = String::new();
        BufReader::new(s).read_line(&mut line).ok()?;
        Some(line)
    });
    let server = Server(child);
    // serve.mjs prints one line: "serving <dir> at http://127.0.0.1:PORT/lab/".
    match first.as_deref().and_then(|l| l.split_whitespace().last()) {
        Some(url) if url.starts_with("http://") => {
            let url = url.to_string();
            Ok((server, url))
        }
        _ => fail(format!(
            "end2end/serve.mjs did not start (it said: {:?})",
            first.unwrap_or_default().trim()
        )),
    }
}

/// Runs `end2end/tests/*.spec.mjs` with `node --test` against `out`.
fn e2e(name: &str, out: &Path, filters: &[String]) -> Result<Row> {
    let t = Instant::now();
    let dir = root().join("end2end").join("tests");
    let mut files: Vec<PathBuf> = fs::read_dir(&dir)
        .context(|| format!("cannot list {}", dir.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.to_string_lossy().ends_with(".spec.mjs"))
        .filter(|p| {
            let n = p.file_name().map(|n| n.to_string_lossy().into_owned());
            filters.is_empty() || n.is_some_and(|n| filters.iter().any(|f| n.contains(f.as_str())))
        })
        .collect();
    files.sort();
    if files.is_empty() {
        return fail(format!("no end2end/tests/*.spec.mjs matches {filters:?}"));
    }
    let (_server, base) = start_server(out)?;
    let tap = root().join("target").join("e2e").join("report.tap");
    if let Some(dir) = tap.parent() {
        fs::create_dir_all(dir).context(|| format!("cannot create {}", dir.display()))?;
    }
    let _ = fs::remove_file(&tap);
    let mut c = cmd("node");
    c.args([
        "--test",
        "--test-concurrency=1",
        "--test-timeout=180000",
        "--test-reporter=spec",
        "--test-reporter-destination=stdout",
        "--test-reporter=tap",
    ])
    .arg(format!("--test-reporter-destination={}", tap.display()))
    .args(&files)
    .env("LAB_BASE_URL", &base)
    .env("LAB_DIST", out);
    util::heading(&format!(
        "{name}: node --test ({} files) against {base}",
        files.len()
    ));
    let ok = run(&mut c)?;
    let report = fs::read_to_string(&tap).unwrap_or_default();
    let n = count_tap(&report);
    let mut row = Row {
        name: name.into(),
        took: t.elapsed(),
        passed: n.passed,
        failed: n.failed,
        skipped: n.skipped,
        note: String::new(),
    };
    if !ok && n.failed == 0 {
        row.failed += 1;
        row.note = "node --test failed without a failing test (see above)".into();
    }
    // No end-to-end skip is expected (see the top of this file).
    unexpected_skips(&mut row, &n, |_| false);
    Ok(row)
}

/// `# pass N`, `# fail N` (plus cancelled, which count as failed),
/// `# skipped N` (plus todo) from a TAP report, and the names on its
/// `ok … # SKIP` / `# TODO` lines.
fn count_tap(report: &str) -> Counts {
    let get = |key: &str| {
        report
            .lines()
            .filter_map(|l| l.strip_prefix(key))
            .filter_map(|n| n.trim().parse::<u64>().ok())
            .next_back()
            .unwrap_or(0)
    };
    let skipped_names: Vec<String> = report
        .lines()
        .filter_map(|l| l.trim_start().strip_prefix("ok "))
        .filter_map(|rest| {
            let (name, directive) = rest.split_once(" # ")?;
            let d = directive.trim_start().to_ascii_uppercase();
            (d.starts_with("SKIP") || d.starts_with("TODO"))
                .then(|| name.split_once(" - ").map_or(name, |(_, n)| n).to_string())
        })
        .collect();
    // A skipped `describe` is listed (`ok 1 - suite # SKIP …`) but not in
    // `# skipped`: count whichever is more.
    let skipped = (get("# skipped ") + get("# todo ")).max(skipped_names.len() as u64);
    Counts {
        passed: get("# pass "),
        failed: get("# fail ") + get("# cancelled "),
        skipped,
        skipped_names,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cargo_counts_add_up_over_result_lines() {
        let out = "running 3 tests\n\
            test result: ok. 3 passed; 0 failed; 0 ignored; 0 measured; 0 filtered out\n\
            test result: FAILED. 10 passed; 2 failed; 1 ignored; 0 measured; 0 filtered out\n";
        let n = count_cargo(out);
        assert_eq!((n.passed, n.failed, n.skipped), (13, 2, 1));
        assert_eq!(
            count_cargo("error[E0425]: cannot find value"),
            Counts::default()
        );
    }

    #[test]
    fn tap_counts_include_cancelled_as_failed_and_todo_as_skipped() {
        let tap = "TAP version 13\n# tests 7\n# suites 0\n# pass 3\n# fail 1\n# cancelled 1\n\
            # skipped 1\n# todo 1\n";
        let n = count_tap(tap);
        assert_eq!((n.passed, n.failed, n.skipped), (3, 2, 2));
    }

    fn row_for(n: &Counts) -> Row {
        Row {
            name: "tests".into(),
            passed: n.passed,
            failed: n.failed,
            skipped: n.skipped,
            ..Row::default()
        }
    }

    #[test]
    fn only_the_lessons_ignored_blocks_are_expected_cargo_skips() {
        let out = "test lessons/src/lib.rs - generated::doctests::L03_en_md_line_72 (line 880) ... ignored\n\
            test timeline::tests::slow_one ... ignored, takes a minute\n\
            test result: ok. 5 passed; 0 failed; 2 ignored; 0 measured; 0 filtered out\n";
        let n = count_cargo(out);
        assert_eq!(n.skipped_names.len(), 2);
        let mut row = row_for(&n);
        unexpected_skips(&mut row, &n, |name| name.contains("generated::doctests::L"));
        assert_eq!((row.passed, row.failed, row.skipped), (5, 1, 2));
        assert!(row.note.contains("1 unexpected skip"), "{}", row.note);

        // Only the expected one: nothing fails.
        let out = "test lessons/src/lib.rs - generated::doctests::L03_en_md_line_72 (line 880) ... ignored\n\
            test result: ok. 5 passed; 0 failed; 1 ignored; 0 measured; 0 filtered out\n";
        let n = count_cargo(out);
        let mut row = row_for(&n);
        unexpected_skips(&mut row, &n, |name| name.contains("generated::doctests::L"));
        assert_eq!((row.failed, row.skipped), (0, 1));
        assert!(row.note.is_empty());
    }

    #[test]
    fn a_skip_the_run_counts_but_does_not_name_fails() {
        let n = Counts {
            passed: 1,
            skipped: 1,
            ..Counts::default()
        };
        let mut row = row_for(&n);
        unexpected_skips(&mut row, &n, |_| true);
        assert_eq!(row.failed, 1);
    }

    #[test]
    fn every_end_to_end_skip_fails() {
        let tap = "TAP version 13\n\
            # Subtest: demo panel\n\
            ok 1 - demo panel # SKIP lesson break-and-cleanup is not in the build\n\
            \x20   ok 2 - a todo test # TODO later\n\
            ok 3 - a test\n\
            # pass 1\n# fail 0\n# skipped 1\n# todo 1\n";
        let n = count_tap(tap);
        assert_eq!(
            n.skipped_names,
            ["demo panel", "a todo test"].map(String::from)
        );
        let mut row = row_for(&n);
        unexpected_skips(&mut row, &n, |_| false);
        assert_eq!((row.passed, row.failed, row.skipped), (1, 2, 2));
    }

    #[test]
    fn a_skipped_suite_counts_though_node_leaves_it_out_of_its_total() {
        // What node 20 writes for a `describe(…, { skip })` and one skipped test.
        let tap = "TAP version 13\n\
            ok 1 - demo panel # SKIP lesson break-and-cleanup is not in the build\n\
            ok 2 - t1 # SKIP why\n\
            ok 3 - t2\n\
            # tests 2\n# pass 1\n# fail 0\n# skipped 1\n# todo 0\n";
        let n = count_tap(tap);
        assert_eq!(n.skipped, 2);
        let mut row = row_for(&n);
        unexpected_skips(&mut row, &n, |_| false);
        assert_eq!(row.failed, 2);
    }

    #[test]
    fn phase_lists_parse() {
        let phases = Phase::parse_list("dist,e2e").expect("valid");
        assert_eq!(phases, [Phase::Dist, Phase::E2e]);
        assert!(Phase::parse_list("lint").is_err());
    }
}
