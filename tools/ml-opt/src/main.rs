//! `ml-opt` with every dialect of the workspace.

fn main() -> std::process::ExitCode {
    ml_opt::main(dialects_all::register_all)
}
