//! The app's modules depend on each other one way: no cycle between the
//! top-level modules (`client`, `pages`, `memory`, …) or between the
//! components (`components::demo`, `components::shell`, …). Checked on the
//! source: every `crate::…` path outside comments and test modules is an
//! edge. (Inside `components::demo`, its parts reach their parent through
//! `super::`: a part of the panel, not a cycle.)
#![cfg(not(target_arch = "wasm32"))]

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

const TOP: &[&str] = &[
    "client",
    "components",
    "i18n",
    "memory",
    "pages",
    "paths",
    "prerender",
    "progress",
    "storage",
    "theme",
    "timeline_model",
];

fn files(dir: &Path, out: &mut Vec<PathBuf>) {
    for e in std::fs::read_dir(dir).expect("src is readable").flatten() {
        let p = e.path();
        if p.is_dir() {
            files(&p, out);
        } else if p.extension().is_some_and(|x| x == "rs") {
            out.push(p);
        }
    }
}

/// `client`, `components::demo`, … for a file under `src/`.
fn module_of(rel: &Path) -> Option<String> {
    let parts: Vec<String> = rel
        .with_extension("")
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    match parts.as_slice() {
        [one] if one == "lib" || one == "main" => None,
        [first, ..] if first == "bin" => None,
        [first, second, ..] if first == "components" && second != "mod" => {
            Some(format!("components::{second}"))
        }
        [first, ..] => Some(first.clone()),
        [] => None,
    }
}

/// The code of a file without comments and without its test module.
fn code(text: &str) -> String {
    let text = text.split("#[cfg(test)]\nmod tests").next().unwrap_or("");
    text.lines()
        .map(|l| l.split("//").next().unwrap_or(""))
        .collect::<Vec<_>>()
        .join("\n")
}

/// The modules `code` names with `crate::…`.
fn uses(code: &str) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    for (i, _) in code.match_indices("crate::") {
        let rest = &code[i + "crate::".len()..];
        let word: String = rest
            .chars()
            .take_while(|c| c.is_alphanumeric() || *c == '_')
            .collect();
        if word == "components" {
            let sub: String = rest["components::".len().min(rest.len())..]
                .chars()
                .take_while(|c| c.is_alphanumeric() || *c == '_')
                .collect();
            if !sub.is_empty() {
                out.insert(format!("components::{sub}"));
            }
        } else if TOP.contains(&word.as_str()) {
            out.insert(word);
        }
    }
    out
}

#[test]
fn no_module_depends_on_itself_through_others() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut all = Vec::new();
    files(&src, &mut all);
    let mut edges: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for f in &all {
        let Some(m) = module_of(f.strip_prefix(&src).expect("under src")) else {
            continue;
        };
        let text = std::fs::read_to_string(f).expect("readable");
        let targets = edges.entry(m.clone()).or_default();
        for t in uses(&code(&text)) {
            if t != m {
                targets.insert(t);
            }
        }
    }
    assert!(edges.len() > 10, "the source was read: {edges:?}");
    // A path from each module back to itself is a cycle.
    for start in edges.keys() {
        let mut stack: Vec<(String, Vec<String>)> = vec![(start.clone(), vec![start.clone()])];
        let mut seen = BTreeSet::new();
        while let Some((m, path)) = stack.pop() {
            for next in edges.get(&m).into_iter().flatten() {
                let mut p = path.clone();
                p.push(next.clone());
                assert!(next != start, "a cycle: {}", p.join(" → "));
                if seen.insert(next.clone()) {
                    stack.push((next.clone(), p));
                }
            }
        }
    }
}

#[test]
fn a_cycle_would_be_found() {
    let a = uses(&code("use crate::memory::x;\n// crate::pages in a comment\nfn f() { crate::components::demo::y(); }"));
    assert_eq!(
        a.into_iter().collect::<Vec<_>>(),
        ["components::demo", "memory"],
    );
}
