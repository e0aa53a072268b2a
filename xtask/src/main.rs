//! Project automation in the cargo `xtask` convention: `cargo xtask serve`,
//! `cargo xtask test`, `cargo xtask dist` (see `cargo xtask help`).
//!
//! Standard library only, so that the first `cargo xtask` on a fresh clone
//! compiles in seconds. Every failure ends in one `error: …` line that names
//! what is missing and how to get it, never in a backtrace.

mod dist;
mod search;
mod setup;
mod test;
mod util;

use std::process::ExitCode;

use util::{fail, Result};

const HELP: &str = "\
cargo xtask — build, serve and test the Async Iteration Lab

USAGE
  cargo xtask serve [--port N] [-- TRUNK_ARGS…]
      Install what is missing (wasm32 target, trunk, wasm-bindgen-cli, npm
      packages), then `trunk serve`: a debug build at http://127.0.0.1:8080/
      that rebuilds and reloads the page when you save. Ctrl-C stops it.

  cargo xtask test [--only PHASES] [--skip PHASES] [--files NAMES]
      Install what is missing (the above plus Chromium and ChromeDriver;
      Python 3.11, 3.12 and 3.13 must be there), then run the phases in order and end with one line
      `N passed, N failed, N skipped`; exits non-zero if anything failed (a skip
      other than a lesson's `rust,ignore` block counts as failed too).
        fmt     cargo fmt --all --check
        clippy  cargo clippy -D warnings, on the host and for wasm32
        native  cargo test --workspace --no-fail-fast (unit, integration, doc tests)
        wasm    cargo test --target wasm32-unknown-unknown -p trace -p app
                in headless Chromium (wasm-bindgen-test)
        dist    the release build for /lab/ into target/e2e/dist
        e2e     end2end/tests/*.spec.mjs (node --test + Playwright) against
                that build on a static server under /lab/, after writing
                target/e2e/expectations.json from the lessons' native runs
      PHASES is a comma-separated list, e.g.
        cargo xtask test --only e2e                # reuses the last /lab/ build
        cargo xtask test --only dist,e2e           # rebuilds first
        cargo xtask test --only e2e --files smoke  # spec files whose name has `smoke`
        cargo xtask test --skip wasm,e2e

  cargo xtask dist [--public-url /sub/path/] [--out DIR] [--bench]
      Release build into dist/ (or DIR) for a site served at that path
      (default /), ready for any static host: every page rendered to HTML
      (one file per route), 404.html, _headers with the
      Content-Security-Policy, and a size report (raw, gzip, brotli) printed
      and written to size-report.json. --bench adds the timeline
      benchmark's button (end2end/bench/timeline.mjs); never deploy that.

  cargo xtask setup [--browser]
      Only the install checks (with --browser: also Chromium, ChromeDriver,
      and Python 3.11, 3.12, 3.13 on PATH or under ~/.pyenv/versions).

  cargo xtask help
      This text.
";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match dispatch(&args) {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) => ExitCode::FAILURE,
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}

/// Runs the command in `args`; `Ok(false)` means it ran and found failures.
fn dispatch(args: &[String]) -> Result<bool> {
    let (command, rest) = match args.split_first() {
        Some((c, rest)) => (c.as_str(), rest),
        None => ("help", &[][..]),
    };
    match command {
        "serve" => serve(rest),
        "test" => test(rest),
        "dist" => dist(rest),
        "setup" => {
            let mut a = Args::new(rest);
            let browser = a.flag("--browser");
            a.finish()?;
            setup::ensure(setup::Needs { browser })?;
            Ok(true)
        }
        "help" | "--help" | "-h" => {
            print!("{HELP}");
            Ok(true)
        }
        other => fail(format!("unknown command `{other}`: try `cargo xtask help`")),
    }
}

fn serve(args: &[String]) -> Result<bool> {
    let (ours, trunk_args) = match args.iter().position(|a| a == "--") {
        Some(i) => (&args[..i], &args[i + 1..]),
        None => (args, &[][..]),
    };
    let mut a = Args::new(ours);
    let port = a.value("--port")?.unwrap_or_else(|| "8080".into());
    a.finish()?;
    if port.parse::<u16>().is_err() {
        return fail(format!("--port `{port}` is not a port number"));
    }
    setup::ensure(setup::Needs { browser: false })?;
    util::heading(&format!(
        "Serving on http://127.0.0.1:{port}/ (the first build takes a while; saving a file \
         rebuilds and reloads the page; Ctrl-C stops)"
    ));
    let mut c = util::cmd("trunk");
    c.args(["serve", "--port", &port]).args(trunk_args);
    #[cfg(unix)]
    {
        use std::os::unix::process::CommandExt;
        // Hand the terminal to trunk: Ctrl-C then reaches it directly.
        let err = c.exec();
        fail(format!("could not start `trunk serve`: {err}"))
    }
    #[cfg(not(unix))]
    {
        util::run(&mut c)
    }
}

fn test(args: &[String]) -> Result<bool> {
    let mut a = Args::new(args);
    let opts = test::Options {
        only: a.list("--only", test::Phase::parse_list)?,
        skip: a.list("--skip", test::Phase::parse_list)?,
        files: a.list("--files", |s| {
            Ok(s.split(',').map(str::to_string).collect())
        })?,
    };
    a.finish()?;
    test::test(&opts)
}

fn dist(args: &[String]) -> Result<bool> {
    let mut a = Args::new(args);
    let url = dist::public_url(&a.value("--public-url")?.unwrap_or_else(|| "/".into()))?;
    let out = a.value("--out")?.map_or_else(
        || util::root().join("dist"),
        |o| {
            std::env::current_dir()
                .map(|d| d.join(&o))
                .unwrap_or_else(|_| o.into())
        },
    );
    let bench = a.flag("--bench");
    a.finish()?;
    setup::ensure(setup::Needs { browser: false })?;
    dist::build_with(&url, &out, if bench { &["bench"] } else { &[] })?;
    Ok(true)
}

/// A tiny argument parser: `--name value`, `--name=value`, `--flag`.
struct Args {
    rest: Vec<String>,
}

impl Args {
    fn new(args: &[String]) -> Args {
        Args {
            rest: args.to_vec(),
        }
    }

    fn flag(&mut self, name: &str) -> bool {
        let before = self.rest.len();
        self.rest.retain(|a| a != name);
        self.rest.len() != before
    }

    fn value(&mut self, name: &str) -> Result<Option<String>> {
        let prefix = format!("{name}=");
        if let Some(i) = self.rest.iter().position(|a| a.starts_with(&prefix)) {
            let a = self.rest.remove(i);
            return Ok(Some(a[prefix.len()..].to_string()));
        }
        let Some(i) = self.rest.iter().position(|a| a == name) else {
            return Ok(None);
        };
        if i + 1 >= self.rest.len() {
            return fail(format!("{name} needs a value: see `cargo xtask help`"));
        }
        let v = self.rest.remove(i + 1);
        self.rest.remove(i);
        Ok(Some(v))
    }

    fn list<T>(&mut self, name: &str, parse: impl Fn(&str) -> Result<Vec<T>>) -> Result<Vec<T>> {
        match self.value(name)? {
            Some(v) => parse(&v),
            None => Ok(Vec::new()),
        }
    }

    fn finish(self) -> Result {
        match self.rest.first() {
            Some(a) => fail(format!("unexpected argument `{a}`: see `cargo xtask help`")),
            None => Ok(()),
        }
    }
}
