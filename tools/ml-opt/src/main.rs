//! `ml-opt` with every dialect and pass of the workspace.

/// The parser and printer allocate many small objects; mimalloc is much
/// faster at that than the system allocator.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    ml_opt::main(ml_opt::Registrations { dialects: dialects_all::register_all, passes: passes_all::register_all })
}
