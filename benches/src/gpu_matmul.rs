//! `cargo run --release -p benches --bin gpu-matmul [-- --quick]`: see
//! `benches::gpu`.
fn main() -> std::process::ExitCode {
    benches::gpu::main(std::env::args().skip(1))
}
