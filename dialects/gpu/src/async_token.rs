//! Async tokens (`!gpu.async.token`): an op marked `async` returns one that
//! stands for its completion, and waits for the tokens listed in its
//! `[...]` dependencies before it starts. `gpu.wait` joins tokens, blocking
//! the host when it makes none.
//!
//! ```mlir
//! %t0 = gpu.wait async
//! %t1 = gpu.memset async [%t0] %buffer, %zero : memref<?xf32>, f32
//! gpu.wait [%t1]
//! ```

use ir::dialect::TypeConstraint;
use ir::syntax::{OpParser, OpPrinter, ParseResult, UnresolvedOperand};
use ir::types::TypeData;
use ir::{define_op, Context, Diagnostic, Type, Value};

/// `!gpu.async.token`.
pub fn async_token_type(ctx: &Context) -> Type {
    ctx.intern_type(TypeData::Dialect { dialect: ctx.symbol("gpu"), body: "async.token".into() })
}

/// An async token.
pub const ASYNC_TOKEN: TypeConstraint = TypeConstraint {
    description: "async token type",
    check: |ctx, t| t == async_token_type(ctx),
    buildable: Some(async_token_type),
};

define_op! {
    /// Waits for async work: makes a token joining its dependencies, or, without `async`, blocks the host until they are done.
    pub struct WaitOp = "gpu.wait" {
        operands: [asyncDependencies: Variadic(ASYNC_TOKEN)],
        results: [asyncToken: Optional(ASYNC_TOKEN)],
        extra: {
            parse: Some(parse_wait),
            print: Some(print_wait),
        },
    }
}

/// What `async [%a, %b]` said: whether the op makes a token, and what it waits for.
pub(crate) struct AsyncDependencies<'s> {
    pub is_async: bool,
    pub dependencies: Vec<UnresolvedOperand<'s>>,
}

impl<'s> AsyncDependencies<'s> {
    /// `(async)? ([%deps])?`; an `async` op must name its token.
    pub fn parse(p: &mut OpParser<'_, 's>) -> ParseResult<Self> {
        let location = p.current_location();
        let is_async = p.parse_optional_keyword("async");
        if is_async && p.num_results() == 0 {
            return Err(Diagnostic::error(location, "needs to be named when marked 'async'"));
        }
        let mut dependencies = Vec::new();
        if p.parse_optional_punct("[") {
            dependencies = p.parse_operand_list()?;
            p.expect_punct("]")?;
        }
        Ok(AsyncDependencies { is_async, dependencies })
    }

    /// Adds the dependencies to the op's operands (they come first);
    /// returns the token's type if the op is `async`, for the caller to
    /// add where its results declare it.
    pub fn resolve(self, p: &mut OpParser<'_, 's>) -> ParseResult<Option<Type>> {
        let token = async_token_type(p.ctx());
        for dependency in &self.dependencies {
            let value = p.resolve_operand(dependency, token)?;
            p.state.operands.push(value);
        }
        Ok(self.is_async.then_some(token))
    }

    /// ` async [%a, %b]`, or as much of it as applies (nothing for a
    /// synchronous op without dependencies).
    pub fn print(p: &mut OpPrinter<'_>, token: Option<Value>, dependencies: &[Value]) {
        if token.is_some() {
            p.write(" async");
        }
        if !dependencies.is_empty() {
            p.write(" [");
            p.print_operands(dependencies);
            p.write("]");
        }
    }
}

fn parse_wait(p: &mut OpParser<'_, '_>) -> ParseResult<()> {
    let token = AsyncDependencies::parse(p)?.resolve(p)?;
    p.state.result_types.extend(token);
    p.parse_optional_attr_dict()
}

fn print_wait(p: &mut OpPrinter<'_>, op: ir::OpId) {
    let wait = WaitOp(op);
    AsyncDependencies::print(p, wait.asyncToken(p.ir), wait.asyncDependencies(p.ir));
    p.print_optional_attr_dict(op, &[]);
}
