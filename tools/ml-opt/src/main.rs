//! `ml-opt` with every dialect and pass of the workspace, and the NVPTX
//! backend behind `#nvvm.target` (for `gpu-module-to-binary`).

/// The parser and printer allocate many small objects; mimalloc is much
/// faster at that than the system allocator.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn dialects(ctx: &ir::Context) {
    dialects_all::register_all(ctx);
    ml_nvptx::register(ctx);
}

fn main() -> std::process::ExitCode {
    ml_opt::main(ml_opt::Registrations { dialects, passes: passes_all::register_all })
}
