//! `ml-opt` with every dialect of the workspace.

/// The parser and printer allocate many small objects; mimalloc is much
/// faster at that than the system allocator.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    ml_opt::main(dialects_all::register_all)
}
