//! `ml-run` with every dialect of the workspace and the llvm dialect's
//! translation to LLVM IR.

fn main() -> std::process::ExitCode {
    ml_run::main(ml_run::Registrations { dialects: dialects_all::register_all, translations: ml_llvm_ir::register })
}
