//! Writes every page of the site into a built site folder, from the page
//! template trunk made there: see `app::prerender`.
//!
//! Run by trunk after each build (a `post_build` hook in `Trunk.toml`), for
//! `trunk serve` and `cargo xtask dist` alike:
//!
//! ```text
//! prerender [DIR] [--public-url URL]
//! ```
//!
//! `DIR` defaults to `$TRUNK_STAGING_DIR` and the URL to
//! `$TRUNK_PUBLIC_URL` (then `/`). The template is `DIR/index.html`.

#[cfg(not(target_arch = "wasm32"))]
fn main() -> std::process::ExitCode {
    use std::process::ExitCode;
    use std::{env, fs, path::PathBuf};

    let mut dir = env::var_os("TRUNK_STAGING_DIR").map(PathBuf::from);
    let mut url = env::var("TRUNK_PUBLIC_URL").unwrap_or_else(|_| "/".to_string());
    let mut args = env::args().skip(1);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--public-url" => match args.next() {
                Some(u) => url = u,
                None => {
                    eprintln!("prerender: --public-url needs a value");
                    return ExitCode::FAILURE;
                }
            },
            _ => dir = Some(PathBuf::from(a)),
        }
    }
    let Some(dir) = dir else {
        eprintln!("prerender: say which folder (or run from a trunk hook)");
        return ExitCode::FAILURE;
    };
    let template_path = dir.join("index.html");
    let template = match fs::read_to_string(&template_path) {
        Ok(t) => t,
        Err(e) => {
            eprintln!("prerender: cannot read {}: {e}", template_path.display());
            return ExitCode::FAILURE;
        }
    };
    // (The root page is written over the template; a second run fills the
    // same places again, so running twice does no harm.)
    let lab = match app::prerender::lab_files(&dir) {
        Ok(lab) => lab,
        Err(e) => {
            eprintln!(
                "prerender: cannot name the Lab's files in {}: {e}",
                dir.display()
            );
            return ExitCode::FAILURE;
        }
    };
    let pages = match app::prerender::render_site(&url, &template, lab.as_ref()) {
        Ok(p) => p,
        Err(e) => {
            eprintln!("prerender: {e}");
            return ExitCode::FAILURE;
        }
    };
    for page in &pages {
        let path = dir.join(&page.file);
        if let Some(parent) = path.parent() {
            if let Err(e) = fs::create_dir_all(parent) {
                eprintln!("prerender: cannot create {}: {e}", parent.display());
                return ExitCode::FAILURE;
            }
        }
        if let Err(e) = fs::write(&path, &page.html) {
            eprintln!("prerender: cannot write {}: {e}", path.display());
            return ExitCode::FAILURE;
        }
    }
    println!(
        "prerender: {} pages for {url} in {}",
        pages.len(),
        dir.display()
    );
    ExitCode::SUCCESS
}

#[cfg(target_arch = "wasm32")]
fn main() {}
