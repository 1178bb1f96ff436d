//! `ml-translate` with every dialect of the workspace and the llvm
//! dialect's translation to LLVM IR.

fn main() -> std::process::ExitCode {
    ml_translate::main(ml_translate::Registrations { dialects: dialects_all::register_all, translations: ml_llvm_ir::register })
}
