//! `toy-opt`: ml-opt with the toy dialect added to the workspace's dialects.

fn register(ctx: &ir::Context) {
    dialects_all::register_all(ctx);
    ctx.register_dialect(toy_dialect::dialect());
}

fn main() -> std::process::ExitCode {
    ml_opt::main(ml_opt::Registrations { dialects: register, passes: passes_all::register_all })
}
