//! `ml-translate` with every dialect of the workspace, the llvm dialect's
//! translation to LLVM IR and the nvvm dialect's, with PTX generation.

/// The llvm dialect's translations and the nvvm dialect's.
fn translations(ctx: &ir::Context) {
    ml_nvptx::register(ctx);
}

fn main() -> std::process::ExitCode {
    ml_translate::main(ml_translate::Registrations { dialects: dialects_all::register_all, translations })
}
