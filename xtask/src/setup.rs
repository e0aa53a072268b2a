//! Install checks: each tool is checked cheaply (a `--version` call or a
//! stamp file) and installed only if it is missing or of the wrong version.
//! A step that cannot succeed stops with one line naming the tool and the
//! command that installs it.

use std::fs;
use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

use crate::util::{self, cargo, cmd, fail, output, root, run, secs, Context, Result};

/// The trunk release this project builds with (0.22 needs a newer rustc).
pub const TRUNK_VERSION: &str = "0.21.14";
/// The oldest Node.js that runs the end-to-end tests.
const NODE_MAJOR: u32 = 20;
/// Where the browser tests expect Chromium and its WebDriver (Debian's packages).
pub const CHROMIUM: &str = "/usr/bin/chromium";
/// See [`CHROMIUM`].
pub const CHROMEDRIVER: &str = "/usr/bin/chromedriver";

/// What to check: the build tools always, the browser only for tests.
#[derive(Clone, Copy)]
pub struct Needs {
    /// Chromium, ChromeDriver and Python 3.11-3.13 (for `cargo xtask test`).
    pub browser: bool,
}

/// Checks every tool, installing what is missing. Returns the time it took.
pub fn ensure(needs: Needs) -> Result<Duration> {
    let start = Instant::now();
    util::heading("Checking tools (installing only what is missing)");
    node()?;
    wasm_target()?;
    trunk()?;
    wasm_bindgen()?;
    npm_packages()?;
    if needs.browser {
        browser()?;
        python()?;
    }
    let took = start.elapsed();
    println!("    tools ready ({})", secs(took));
    Ok(took)
}

fn ok(what: &str, detail: &str) {
    println!("    ok   {what:<28} {detail}");
}

fn installing(what: &str, c: &Command, note: &str) {
    println!("    add  {what:<28} running `{}`{note}", util::show(c));
}

fn node() -> Result {
    let version = output(Command::new("node").arg("--version"));
    let major = version
        .as_deref()
        .and_then(|v| v.trim_start_matches('v').split('.').next())
        .and_then(|m| m.parse::<u32>().ok());
    match major {
        Some(m) if m >= NODE_MAJOR => {
            ok("Node.js", version.as_deref().unwrap_or_default());
            Ok(())
        }
        _ => fail(format!(
            "Node.js {NODE_MAJOR} or later is missing (found: {}): install it with your \
             package manager or from nodejs.org, then rerun",
            version.as_deref().unwrap_or("none")
        )),
    }
}

fn wasm_target() -> Result {
    const TARGET: &str = "wasm32-unknown-unknown";
    let install = "rustup target add wasm32-unknown-unknown";
    let has_target = || {
        output(Command::new("rustc").args(["--print", "sysroot"]))
            .map(|s| Path::new(&s).join("lib/rustlib").join(TARGET).join("lib"))
            .is_some_and(|p| p.is_dir())
    };
    if has_target() {
        ok("wasm32 target", TARGET);
        return Ok(());
    }
    let mut c = Command::new("rustup");
    c.args(["target", "add", TARGET]);
    installing("wasm32 target", &c, "");
    if !run(&mut c).unwrap_or(false) || !has_target() {
        return fail(format!(
            "the {TARGET} target is missing and could not be installed: run `{install}` \
             (README.md, Troubleshooting, has a way without rustup)"
        ));
    }
    Ok(())
}

fn trunk() -> Result {
    let want = format!("trunk {TRUNK_VERSION}");
    let found = || output(cmd("trunk").arg("--version"));
    if found().as_deref() == Some(want.as_str()) {
        ok("trunk", &want);
        return Ok(());
    }
    let mut c = cargo();
    c.args(["install", "trunk", "--version"])
        .arg(format!("={TRUNK_VERSION}"))
        .arg("--locked")
        // trunk's own release profile asks for fat LTO in one codegen unit;
        // a build tool does not need that. Measured on 2 cores: 757 s of CPU
        // with it, 587 s with these settings.
        .env("CARGO_PROFILE_RELEASE_LTO", "off")
        .env("CARGO_PROFILE_RELEASE_CODEGEN_UNITS", "16")
        .env("CARGO_PROFILE_RELEASE_OPT_LEVEL", "1");
    installing("trunk", &c, " (about 8 min on 2 cores)");
    let ran = run(&mut c).unwrap_or(false);
    match found() {
        Some(v) if v == want => Ok(()),
        Some(v) if ran => fail(format!(
            "trunk {TRUNK_VERSION} was installed but `trunk` on PATH is `{v}`: put \
             ~/.cargo/bin first on PATH"
        )),
        _ => fail(format!(
            "trunk {TRUNK_VERSION} is missing and could not be installed: run `{}` \
             once crates.io is reachable",
            util::show(&c)
        )),
    }
}

/// The `wasm-bindgen` version in Cargo.lock: the CLI must match it exactly.
pub fn locked_wasm_bindgen() -> Result<String> {
    let lock = fs::read_to_string(root().join("Cargo.lock"))
        .context(|| "cannot read Cargo.lock".to_string())?;
    let mut lines = lock.lines();
    while let Some(line) = lines.next() {
        if line.trim() == "name = \"wasm-bindgen\"" {
            if let Some(v) = lines
                .next()
                .and_then(|l| l.trim().strip_prefix("version = "))
            {
                return Ok(v.trim_matches('"').to_string());
            }
        }
    }
    fail("Cargo.lock has no wasm-bindgen package: run `cargo generate-lockfile`")
}

fn wasm_bindgen() -> Result {
    let version = locked_wasm_bindgen()?;
    let matches = || {
        output(cmd("wasm-bindgen").arg("--version")) == Some(format!("wasm-bindgen {version}"))
            && output(cmd("wasm-bindgen-test-runner").arg("--version"))
                == Some(format!("wasm-bindgen-test-runner {version}"))
    };
    if matches() {
        ok("wasm-bindgen-cli", &version);
        return Ok(());
    }
    // Not `--locked`: the CLI's own lock file wants crate versions the
    // registry mirror may lack (see ../shared/toolchain.md).
    let mut c = cargo();
    c.args(["install", "wasm-bindgen-cli", "--version"])
        .arg(format!("={version}"));
    installing("wasm-bindgen-cli", &c, " (about 3 min on 2 cores)");
    if run(&mut c).unwrap_or(false) && matches() {
        return Ok(());
    }
    fail(format!(
        "wasm-bindgen-cli {version} (the version in Cargo.lock) is missing and could not be \
         installed: run `{}`",
        util::show(&c)
    ))
}

/// The npm packages are current when the stamp holds the fingerprint of
/// package.json + package-lock.json and the tools we use are there.
fn npm_packages() -> Result {
    let root = root();
    let mut manifest =
        fs::read(root.join("package.json")).context(|| "cannot read package.json".to_string())?;
    manifest.extend(
        fs::read(root.join("package-lock.json"))
            .context(|| "cannot read package-lock.json".to_string())?,
    );
    let fingerprint = format!("{:016x}\n", util::fnv64(&manifest));
    let modules = root.join("node_modules");
    let stamp = modules.join(".xtask-stamp");
    let present = [
        ".bin/wasm-opt",
        "playwright-core/package.json",
        "axe-core/axe.min.js",
    ]
    .iter()
    .all(|p| modules.join(p).exists());
    if present && fs::read_to_string(&stamp).ok().as_deref() == Some(fingerprint.as_str()) {
        ok("npm packages", "node_modules matches package-lock.json");
        return Ok(());
    }
    let mut c = cmd("npm");
    c.args(["ci", "--no-audit", "--no-fund"]);
    installing("npm packages", &c, "");
    if !run(&mut c).unwrap_or(false) {
        return fail(
            "the npm packages (playwright-core, binaryen, axe-core, pagefind) are missing and `npm ci` \
             failed: run `npm ci` once the npm registry is reachable",
        );
    }
    fs::write(&stamp, fingerprint).context(|| format!("cannot write {}", stamp.display()))?;
    Ok(())
}

/// Installs Debian packages with apt when root; otherwise says what to run.
fn apt(what: &str, packages: &[&str]) -> Result {
    let line = format!(
        "apt-get update && apt-get install -y {}",
        packages.join(" ")
    );
    if !util::is_root() {
        return fail(format!("{what} is missing: run `sudo {line}`"));
    }
    println!("    add  {what:<28} running `{line}`");
    let update = run(Command::new("apt-get")
        .arg("update")
        .env("DEBIAN_FRONTEND", "noninteractive"))
    .unwrap_or(false);
    let install = update
        && run(Command::new("apt-get")
            .args(["install", "-y", "--no-install-recommends"])
            .args(packages)
            .env("DEBIAN_FRONTEND", "noninteractive"))
        .unwrap_or(false);
    if install {
        Ok(())
    } else {
        fail(format!(
            "{what} is missing and apt-get failed: run `{line}`"
        ))
    }
}

fn browser() -> Result {
    let present = || Path::new(CHROMIUM).exists() && Path::new(CHROMEDRIVER).exists();
    if present() {
        ok("Chromium + ChromeDriver", CHROMIUM);
        return Ok(());
    }
    apt(
        "Chromium and ChromeDriver",
        &["chromium", "chromium-driver"],
    )?;
    if present() {
        Ok(())
    } else {
        fail(format!(
            "{CHROMIUM} or {CHROMEDRIVER} is still missing after apt-get: run \
             `apt-get install -y chromium chromium-driver`"
        ))
    }
}

/// The Python versions every Python block of the lessons runs on (the same
/// list as `lesson_compiler::checks::PYTHON_VERSIONS`).
const PYTHON_VERSIONS: &[&str] = &["3.11", "3.12", "3.13"];

/// Python 3.11, 3.12 and 3.13, found as the lesson checks find them:
/// `python3.X` on `PATH`, else the newest `~/.pyenv/versions/3.X.*/bin/`
/// (`$PYENV_ROOT` if set). Each is asked for its version, so a pyenv shim
/// that only says "command not found" does not count. Not installed here:
/// pyenv builds Python from source (minutes each), which a test run should
/// not start on its own.
fn python() -> Result {
    let mut found = Vec::new();
    let mut missing = Vec::new();
    for v in PYTHON_VERSIONS {
        match find_python(v) {
            Some(p) => found.push(format!("{v} ({})", p.display())),
            None => missing.push(*v),
        }
    }
    if missing.is_empty() {
        ok("Python 3.11, 3.12, 3.13", &found.join(", "));
        return Ok(());
    }
    let names: Vec<String> = missing.iter().map(|v| format!("python{v}")).collect();
    let pyenv = if output(Command::new("pyenv").arg("--version")).is_some() {
        format!("`pyenv install {}`", missing.join(" "))
    } else {
        format!(
            "pyenv (https://github.com/pyenv/pyenv#installation), then `pyenv install {}`",
            missing.join(" ")
        )
    };
    fail(format!(
        "Python {} {} missing: the lesson checks run every Python block on 3.11, 3.12 and 3.13 \
         (looked for {} on PATH and in {}/versions/). Install with {pyenv}, or put {} on PATH",
        missing.join(" and "),
        if missing.len() == 1 { "is" } else { "are" },
        names.join(", "),
        pyenv_root().display(),
        names.join(" and "),
    ))
}

fn pyenv_root() -> std::path::PathBuf {
    match std::env::var_os("PYENV_ROOT") {
        Some(r) if !r.is_empty() => r.into(),
        _ => Path::new(&std::env::var_os("HOME").unwrap_or_default()).join(".pyenv"),
    }
}

fn find_python(version: &str) -> Option<std::path::PathBuf> {
    let exe = format!("python{version}");
    let path = std::env::var_os("PATH").unwrap_or_default();
    let mut candidates: Vec<std::path::PathBuf> =
        std::env::split_paths(&path).map(|d| d.join(&exe)).collect();
    let mut pyenv: Vec<(u32, std::path::PathBuf)> = fs::read_dir(pyenv_root().join("versions"))
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
        .collect();
    pyenv.sort_by_key(|p| std::cmp::Reverse(p.0));
    candidates.extend(pyenv.into_iter().map(|(_, p)| p));
    candidates.into_iter().filter(|p| p.is_file()).find(|p| {
        output(Command::new(p).args(["-c", "import sys; print('%d.%d' % sys.version_info[:2])"]))
            .is_some_and(|v| v.trim() == version)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn python_versions_are_found_or_named() {
        // This machine (and CI) has them; a shim that fails is skipped.
        for v in PYTHON_VERSIONS {
            let p = find_python(v).unwrap_or_else(|| panic!("python{v} not found"));
            assert!(p.to_string_lossy().contains(v), "{}", p.display());
        }
        assert_eq!(find_python("3.99"), None);
    }
}
