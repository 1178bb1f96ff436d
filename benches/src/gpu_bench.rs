//! `cargo bench -p benches --bench gpu_matmul [-- --quick]`: the same run as
//! the `gpu-matmul` binary (see `benches::gpu`).
fn main() -> std::process::ExitCode {
    benches::gpu::main(std::env::args().skip(1))
}
