//! The Stream Lab's wasm: the shell of every page, plus the Lab (see
//! `app::lab`). A binary of its own, so that lesson pages do not pay for
//! it.
fn main() {
    app::lab::start();
}
