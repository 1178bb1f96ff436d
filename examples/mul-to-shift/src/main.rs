//! `my-opt`: ml-opt with the tutorial's pass added.

fn main() -> std::process::ExitCode {
    ml_opt::main(ml_opt::Registrations { dialects: dialects_all::register_all, passes: mul_to_shift::register_passes })
}
