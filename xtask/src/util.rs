//! Small helpers: the repository root, the tool `PATH`, running commands
//! (optionally echoing and capturing their output), errors and timing.

use std::ffi::OsString;
use std::fmt;
use std::io::{self, BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Duration;

/// A failure to report as one line (`error: …`), never as a backtrace.
#[derive(Debug)]
pub struct Fail(pub String);

impl fmt::Display for Fail {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// The result type of every step.
pub type Result<T = ()> = std::result::Result<T, Fail>;

/// Shorthand for `Err(Fail(..))`.
pub fn fail<T>(msg: impl Into<String>) -> Result<T> {
    Err(Fail(msg.into()))
}

/// Adds what we were doing to an I/O error.
pub trait Context<T> {
    /// Turns the error into a [`Fail`] that says what failed.
    fn context(self, what: impl FnOnce() -> String) -> Result<T>;
}

impl<T> Context<T> for io::Result<T> {
    fn context(self, what: impl FnOnce() -> String) -> Result<T> {
        self.map_err(|e| Fail(format!("{}: {e}", what())))
    }
}

/// The repository root (the folder holding the workspace `Cargo.toml`).
///
/// `cargo run` (behind the `cargo xtask` alias) sets `CARGO_MANIFEST_DIR` for
/// the process it starts; that comes first, because two checkouts sharing
/// one `CARGO_TARGET_DIR` share one `xtask` binary, whose compile-time path
/// may be the other checkout's.
pub fn root() -> PathBuf {
    let manifest = std::env::var_os("CARGO_MANIFEST_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")));
    manifest
        .parent()
        .map_or_else(|| manifest.clone(), Path::to_path_buf)
}

/// `PATH` with `node_modules/.bin` (wasm-opt from npm `binaryen`) and cargo's
/// bin folder (where `cargo install` puts trunk and wasm-bindgen) in front.
pub fn tool_path() -> OsString {
    let mut dirs = vec![root().join("node_modules").join(".bin")];
    if let Some(bin) = cargo_bin() {
        dirs.push(bin);
    }
    if let Some(path) = std::env::var_os("PATH") {
        dirs.extend(std::env::split_paths(&path));
    }
    std::env::join_paths(dirs).unwrap_or_else(|_| std::env::var_os("PATH").unwrap_or_default())
}

/// `$CARGO_HOME/bin`, else `~/.cargo/bin`.
fn cargo_bin() -> Option<PathBuf> {
    let home = std::env::var_os("CARGO_HOME")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".cargo")))?;
    Some(home.join("bin"))
}

/// A command run from the repository root with [`tool_path`] as `PATH`.
pub fn cmd(program: impl AsRef<std::ffi::OsStr>) -> Command {
    let mut c = Command::new(program);
    c.current_dir(root()).env("PATH", tool_path());
    c
}

/// The `cargo` that runs us (so the same toolchain is used throughout).
pub fn cargo() -> Command {
    cmd(std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into()))
}

/// How a command line reads, for messages.
pub fn show(c: &Command) -> String {
    let mut s = c.get_program().to_string_lossy().into_owned();
    if s.ends_with("/cargo") {
        s = "cargo".into();
    }
    for a in c.get_args() {
        let a = a.to_string_lossy();
        if a.contains(' ') {
            s.push_str(&format!(" '{a}'"));
        } else {
            s.push(' ');
            s.push_str(&a);
        }
    }
    s
}

/// Runs `c` quietly and returns its trimmed stdout, or `None` if it could not
/// start or failed.
pub fn output(c: &mut Command) -> Option<String> {
    let out = c.stdin(Stdio::null()).stderr(Stdio::null()).output().ok()?;
    out.status
        .success()
        .then(|| String::from_utf8_lossy(&out.stdout).trim().to_string())
}

/// Runs `c` with the terminal as its stdout/stderr; `Ok(true)` if it succeeded.
pub fn run(c: &mut Command) -> Result<bool> {
    let status = c
        .stdin(Stdio::null())
        .status()
        .context(|| format!("could not start `{}`", show(c)))?;
    Ok(status.success())
}

/// Runs `c`, echoing its stdout line by line while keeping a copy (stderr
/// goes straight to the terminal). Returns whether it succeeded and the copy.
pub fn run_capture(c: &mut Command) -> Result<(bool, String)> {
    let mut child = c
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .spawn()
        .context(|| format!("could not start `{}`", show(c)))?;
    let mut copy = String::new();
    if let Some(out) = child.stdout.take() {
        let stdout = io::stdout();
        for line in BufReader::new(out).lines() {
            let Ok(line) = line else { break };
            let mut lock = stdout.lock();
            // A closed terminal must not stop the run: ignore write errors.
            let _ = writeln!(lock, "{line}");
            copy.push_str(&line);
            copy.push('\n');
        }
    }
    let status = child
        .wait()
        .context(|| format!("`{}` did not finish", show(c)))?;
    Ok((status.success(), copy))
}

/// Whether we run as root (so `apt-get install` may be used).
pub fn is_root() -> bool {
    if let Ok(status) = std::fs::read_to_string("/proc/self/status") {
        if let Some(line) = status.lines().find(|l| l.starts_with("Uid:")) {
            return line.split_whitespace().nth(2) == Some("0");
        }
    }
    output(Command::new("id").arg("-u")).as_deref() == Some("0")
}

/// FNV-1a, 64 bit: a stable fingerprint for stamps and file names.
pub fn fnv64(data: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in data {
        h ^= u64::from(*b);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    h
}

/// `1.2 s`, `3 min 04 s`.
pub fn secs(d: Duration) -> String {
    let s = d.as_secs_f64();
    if s < 60.0 {
        format!("{s:.1} s")
    } else {
        let whole = s.round() as u64;
        format!("{} min {:02} s", whole / 60, whole % 60)
    }
}

/// A section heading on the terminal.
pub fn heading(text: &str) {
    println!("\n==> {text}");
}
