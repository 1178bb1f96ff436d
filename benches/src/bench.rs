//! `cargo bench -p benches [-- --quick]`: the same run as the binary.
fn main() -> std::process::ExitCode {
    benches::main(std::env::args().skip(1))
}
