//! Entry point: everything, including the panic hook, is in [`app::start`].
fn main() {
    app::start();
}
