//! `cargo xtask test`: every check, in order, each timed and counted, then
//! one summary line `N passed, N failed`.
//!
//! Counting: a cargo test run adds the `N passed; M failed` of each of its
//! `test result:` lines; `node --test` adds its `# pass` / `# fail` totals;
//! fmt, each clippy run and the release build count as one check each. A
//! command that fails without reporting a failed test (a compile error)
//! counts as one failure.

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
struct Row {
    name: String,
    took: Duration,
    passed: u64,
    failed: u64,
    note: String,
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
        passed: 0,
        failed: 0,
        note: String::new(),
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
            note: String::new(),
        });
    }
    if wants(Phase::E2e) {
        let name = "e2e (Playwright)";
        let row = if dist_ok {
            let t = Instant::now();
            e2e(name, &out, &opts.files).unwrap_or_else(|e| {
                println!("    FAILED: {e}");
                Row {
                    name: name.into(),
                    took: t.elapsed(),
                    passed: 0,
                    failed: 1,
                    note: e.to_string(),
                }
            })
        } else {
            Row {
                name: name.into(),
                took: Duration::ZERO,
                passed: 0,
                failed: 0,
                note: "not run: the release build failed".into(),
            }
        };
        rows.push(row);
    }

    let passed: u64 = rows.iter().map(|r| r.passed).sum();
    let failed: u64 = rows.iter().map(|r| r.failed).sum();
    util::heading(&format!("Summary ({} in all)", secs(started.elapsed())));
    println!(
        "    {:<24} {:>10} {:>7} {:>7}",
        "phase", "time", "passed", "failed"
    );
    for r in &rows {
        println!(
            "    {:<24} {:>10} {:>7} {:>7}  {}",
            r.name,
            secs(r.took),
            r.passed,
            r.failed,
            r.note
        );
    }
    println!("{passed} passed, {failed} failed");
    Ok(failed == 0)
}

/// A command that is one check: passed if it exits 0.
fn check(name: &str, c: &mut Command) -> Result<Row> {
    util::heading(&format!("{name}: {}", util::show(c)));
    let t = Instant::now();
    let ok = run(c)?;
    if !ok {
        println!("    FAILED: {name}");
    }
    Ok(Row {
        name: name.into(),
        took: t.elapsed(),
        passed: u64::from(ok),
        failed: u64::from(!ok),
        note: String::new(),
    })
}

/// A `cargo test` run, counted from its `test result:` lines.
fn cargo_tests(name: &str, c: &mut Command) -> Result<Row> {
    util::heading(&format!("{name}: {}", util::show(c)));
    let t = Instant::now();
    let (ok, out) = run_capture(c)?;
    let (passed, mut failed) = count_cargo(&out);
    let mut note = String::new();
    if !ok && failed == 0 {
        failed = 1;
        note = "did not build or run (see above)".into();
    }
    Ok(Row {
        name: name.into(),
        took: t.elapsed(),
        passed,
        failed,
        note,
    })
}

/// Sums `N passed; M failed` over cargo's `test result:` lines.
fn count_cargo(out: &str) -> (u64, u64) {
    let mut total = (0, 0);
    for line in out.lines().filter(|l| l.contains("test result:")) {
        total.0 += number_before(line, " passed");
        total.1 += number_before(line, " failed");
    }
    total
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
    let (passed, mut failed) = count_tap(&report);
    let mut note = String::new();
    if !ok && failed == 0 {
        failed = 1;
        note = "node --test failed without a failing test (see above)".into();
    }
    Ok(Row {
        name: name.into(),
        took: t.elapsed(),
        passed,
        failed,
        note,
    })
}

/// `# pass N`, `# fail N` (plus cancelled, which count as failed) from a TAP report.
fn count_tap(report: &str) -> (u64, u64) {
    let get = |key: &str| {
        report
            .lines()
            .filter_map(|l| l.strip_prefix(key))
            .filter_map(|n| n.trim().parse::<u64>().ok())
            .next_back()
            .unwrap_or(0)
    };
    (get("# pass "), get("# fail ") + get("# cancelled "))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cargo_counts_add_up_over_result_lines() {
        let out = "running 3 tests\n\
            test result: ok. 3 passed; 0 failed; 0 ignored; 0 measured; 0 filtered out\n\
            test result: FAILED. 10 passed; 2 failed; 1 ignored; 0 measured; 0 filtered out\n";
        assert_eq!(count_cargo(out), (13, 2));
        assert_eq!(count_cargo("error[E0425]: cannot find value"), (0, 0));
    }

    #[test]
    fn tap_counts_include_cancelled_as_failed() {
        let tap = "TAP version 13\n# tests 5\n# suites 0\n# pass 3\n# fail 1\n# cancelled 1\n";
        assert_eq!(count_tap(tap), (3, 2));
    }

    #[test]
    fn phase_lists_parse() {
        let phases = Phase::parse_list("dist,e2e").expect("valid");
        assert_eq!(phases, [Phase::Dist, Phase::E2e]);
        assert!(Phase::parse_list("lint").is_err());
    }
}
