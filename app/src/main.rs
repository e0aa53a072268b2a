//! Entry point: install the panic hook, mount the app.
fn main() {
    app::start();
}
