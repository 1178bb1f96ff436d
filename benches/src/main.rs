//! `cargo run --release -p benches [-- --quick]`: see the crate's README.
fn main() -> std::process::ExitCode {
    benches::main(std::env::args().skip(1))
}
