//! Elementwise named ops: every loop is parallel and every operand is
//! indexed like the output. `linalg.fill` broadcasts a scalar, `linalg.copy`
//! copies, `linalg.add`/`linalg.exp`/... apply one function, and
//! `linalg.elementwise` applies the function its `kind` names.
//!
//! ```mlir
//! %f = linalg.fill ins(%zero : f32) outs(%t : tensor<4x8xf32>) -> tensor<4x8xf32>
//! %s = linalg.add ins(%a, %b : tensor<8xf32>, tensor<8xf32>) outs(%c : tensor<8xf32>) -> tensor<8xf32>
//! %e = linalg.elementwise kind=#linalg.elementwise_kind<exp> ins(%a : tensor<8xf32>) outs(%c : tensor<8xf32>) -> tensor<8xf32>
//! ```

use ir::affine::AffineMap;
use ir::constraints::ANY_ATTR;
use ir::{AttrData, Context, Dialect, NamedAttribute, Type, Value};

use crate::named::{with_named_op, NamedOp};
use crate::payload::{BinaryFn, BodyBuilder, BodyError, TypeFn, UnaryFn};
use crate::structured::{find_attr, IteratorType};

/// The rank of the last operand, the output.
fn output_rank(types: &[Type], ctx: &Context) -> Option<usize> {
    types.last().and_then(|t| t.shape(ctx)).map(|s| s.len())
}

/// Identity maps over the output's dimensions; scalar operands (the value
/// of `linalg.fill`) get a map with no results.
pub(crate) fn identity_maps(ctx: &Context, types: &[Type], _: &[NamedAttribute]) -> Option<Vec<AffineMap>> {
    let rank = output_rank(types, ctx)? as u32;
    Some(
        types
            .iter()
            .map(|t| match t.shape(ctx) {
                Some(_) => AffineMap::identity(rank),
                None => AffineMap { num_dims: rank, num_symbols: 0, results: Vec::new() },
            })
            .collect(),
    )
}

/// One parallel loop per output dimension.
pub(crate) fn all_parallel(ctx: &Context, types: &[Type], _: &[NamedAttribute]) -> Option<Vec<IteratorType>> {
    Some(vec![IteratorType::Parallel; output_rank(types, ctx)?])
}

/// The element type of the output: the last body argument's type.
fn output_element(b: &BodyBuilder<'_>, args: &[Value]) -> Result<Type, BodyError> {
    args.last().map(|&v| b.ir.value_type(v)).ok_or_else(|| "expected an output".to_string())
}

fn cast_kind(b: &BodyBuilder<'_>, attributes: &[NamedAttribute]) -> TypeFn {
    TypeFn::of_attr(b.ir.ctx(), find_attr(b.ir.ctx(), attributes, "cast"))
}

/// `out = in` converted to the output's element type.
fn copy_body(b: &mut BodyBuilder<'_>, attributes: &[NamedAttribute], args: &[Value]) -> Result<Vec<Value>, BodyError> {
    let to = output_element(b, args)?;
    let cast = cast_kind(b, attributes);
    Ok(vec![b.cast(cast, args[0], to)?])
}

/// `out = f(in)`.
fn unary_body(b: &mut BodyBuilder<'_>, args: &[Value], f: UnaryFn) -> Result<Vec<Value>, BodyError> {
    let [input, _out] = args else { return Err("expected one input and one output".to_string()) };
    let to = output_element(b, args)?;
    let input = b.cast(TypeFn::CastSigned, *input, to)?;
    Ok(vec![b.unary(f, input)?])
}

/// `out = condition ? on_true : on_false`.
fn select_body(b: &mut BodyBuilder<'_>, args: &[Value]) -> Result<Vec<Value>, BodyError> {
    let [condition, on_true, on_false, _out] = args else { return Err("expected three inputs and one output".to_string()) };
    Ok(vec![b.select(*condition, *on_true, *on_false)?])
}

/// `out = f(lhs, rhs)`.
fn binary_body(b: &mut BodyBuilder<'_>, args: &[Value], f: BinaryFn) -> Result<Vec<Value>, BodyError> {
    let [lhs, rhs, _out] = args else { return Err("expected two inputs and one output".to_string()) };
    let to = output_element(b, args)?;
    let lhs = b.cast(TypeFn::CastSigned, *lhs, to)?;
    let rhs = b.cast(TypeFn::CastSigned, *rhs, to)?;
    Ok(vec![b.binary(f, lhs, rhs)?])
}

crate::named_ops! {
    /// Fills the output with one scalar value.
    FillOp = "linalg.fill", attributes: [];
    /// Copies the input into the output, converting elements to the output's type.
    CopyOp = "linalg.copy", attributes: [cast: Optional(ANY_ATTR)];
    /// Applies the function that `kind` names to each element of its inputs.
    ElementwiseOp = "linalg.elementwise", attributes: [kind: Required(ANY_ATTR), indexing_maps: Optional(ANY_ATTR)];
}

static FILL: NamedOp = NamedOp { default_maps: identity_maps, iterators: all_parallel, stores_maps: false, body: copy_body };
static COPY: NamedOp = NamedOp { default_maps: identity_maps, iterators: all_parallel, stores_maps: false, body: copy_body };
static ELEMENTWISE: NamedOp =
    NamedOp { default_maps: identity_maps, iterators: all_parallel, stores_maps: true, body: elementwise_body };

/// Declares the named ops that apply one function, and adds them (with
/// fill, copy and elementwise) to the dialect.
macro_rules! function_ops {
    ($($shape:ident $ty:ident = $name:literal, $f:expr, $doc:literal;)*) => {
        crate::named_ops! {
            $(#[doc = $doc] $ty = $name, attributes: [];)*
        }

        pub(crate) fn register(dialect: Dialect) -> Dialect {
            let dialect = with_named_op::<FillOp>(dialect, &FILL);
            let dialect = with_named_op::<CopyOp>(dialect, &COPY);
            let dialect = with_named_op::<ElementwiseOp>(dialect, &ELEMENTWISE);
            $(
                let dialect = {
                    const SPEC: NamedOp = NamedOp {
                        default_maps: identity_maps,
                        iterators: all_parallel,
                        stores_maps: false,
                        body: |b, _, args| function_ops!(@body $shape, b, args, $f),
                    };
                    with_named_op::<$ty>(dialect, &SPEC)
                };
            )*
            dialect
        }
    };
    (@body unary, $b:expr, $args:expr, $f:expr) => { unary_body($b, $args, $f) };
    (@body binary, $b:expr, $args:expr, $f:expr) => { binary_body($b, $args, $f) };
    (@body ternary, $b:expr, $args:expr, $f:expr) => { $f($b, $args) };
}

function_ops! {
    binary AddOp = "linalg.add", BinaryFn::Add, "Adds two tensors elementwise.";
    ternary SelectOp = "linalg.select", select_body, "Picks each element from the second or the third input as the first (of i1) says.";
    binary SubOp = "linalg.sub", BinaryFn::Sub, "Subtracts two tensors elementwise.";
    binary MulOp = "linalg.mul", BinaryFn::Mul, "Multiplies two tensors elementwise.";
    binary DivOp = "linalg.div", BinaryFn::Div, "Divides two tensors elementwise (signed for integers).";
    binary DivUnsignedOp = "linalg.div_unsigned", BinaryFn::DivUnsigned, "Divides two integer tensors elementwise, unsigned.";
    binary MaxOp = "linalg.max", BinaryFn::MaxSigned, "The elementwise maximum of two tensors.";
    binary MinOp = "linalg.min", BinaryFn::MinSigned, "The elementwise minimum of two tensors.";
    binary PowFOp = "linalg.powf", BinaryFn::PowF, "Raises each element to the power of the other tensor's element.";
    unary ExpOp = "linalg.exp", UnaryFn::Exp, "The exponential of each element.";
    unary LogOp = "linalg.log", UnaryFn::Log, "The natural logarithm of each element.";
    unary AbsOp = "linalg.abs", UnaryFn::Abs, "The absolute value of each element.";
    unary CeilOp = "linalg.ceil", UnaryFn::Ceil, "Each element rounded up.";
    unary FloorOp = "linalg.floor", UnaryFn::Floor, "Each element rounded down.";
    unary NegFOp = "linalg.negf", UnaryFn::NegF, "Each element negated.";
    unary ReciprocalOp = "linalg.reciprocal", UnaryFn::Reciprocal, "One divided by each element.";
    unary RoundOp = "linalg.round", UnaryFn::Round, "Each element rounded to the nearest integer, halves away from zero.";
    unary SqrtOp = "linalg.sqrt", UnaryFn::Sqrt, "The square root of each element.";
    unary RsqrtOp = "linalg.rsqrt", UnaryFn::Rsqrt, "One over the square root of each element.";
    unary SquareOp = "linalg.square", UnaryFn::Square, "Each element times itself.";
    unary TanhOp = "linalg.tanh", UnaryFn::Tanh, "The hyperbolic tangent of each element.";
    unary ErfOp = "linalg.erf", UnaryFn::Erf, "The error function of each element.";
}

/// What an `#linalg.elementwise_kind<...>` stands for.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum ElementwiseKind {
    Unary(UnaryFn),
    Binary(BinaryFn),
    Select,
}

impl ElementwiseKind {
    /// The kind written in `#linalg.elementwise_kind<exp>`.
    pub fn from_keyword(word: &str) -> Option<ElementwiseKind> {
        use ElementwiseKind::{Binary, Unary};
        Some(match word {
            "exp" => Unary(UnaryFn::Exp),
            "log" => Unary(UnaryFn::Log),
            "abs" => Unary(UnaryFn::Abs),
            "ceil" => Unary(UnaryFn::Ceil),
            "floor" => Unary(UnaryFn::Floor),
            "negf" => Unary(UnaryFn::NegF),
            "reciprocal" => Unary(UnaryFn::Reciprocal),
            "round" => Unary(UnaryFn::Round),
            "sqrt" => Unary(UnaryFn::Sqrt),
            "rsqrt" => Unary(UnaryFn::Rsqrt),
            "square" => Unary(UnaryFn::Square),
            "tanh" => Unary(UnaryFn::Tanh),
            "erf" => Unary(UnaryFn::Erf),
            "add" => Binary(BinaryFn::Add),
            "sub" => Binary(BinaryFn::Sub),
            "mul" => Binary(BinaryFn::Mul),
            "div" => Binary(BinaryFn::Div),
            "div_unsigned" => Binary(BinaryFn::DivUnsigned),
            "max_signed" => Binary(BinaryFn::MaxSigned),
            "min_signed" => Binary(BinaryFn::MinSigned),
            "max_unsigned" => Binary(BinaryFn::MaxUnsigned),
            "min_unsigned" => Binary(BinaryFn::MinUnsigned),
            "powf" => Binary(BinaryFn::PowF),
            "select" => ElementwiseKind::Select,
            _ => return None,
        })
    }

    /// Reads `#linalg.elementwise_kind<...>`.
    pub fn of_attr(ctx: &Context, attr: Option<ir::Attribute>) -> Option<ElementwiseKind> {
        match attr?.data(ctx) {
            AttrData::Dialect { dialect, body } if ctx.str(*dialect) == "linalg" => {
                ElementwiseKind::from_keyword(body.strip_prefix("elementwise_kind<")?.strip_suffix('>')?)
            }
            _ => None,
        }
    }
}

/// The body of `linalg.elementwise`: the function of its kind.
fn elementwise_body(b: &mut BodyBuilder<'_>, attributes: &[NamedAttribute], args: &[Value]) -> Result<Vec<Value>, BodyError> {
    let ctx = b.ir.ctx();
    let kind = ElementwiseKind::of_attr(ctx, find_attr(ctx, attributes, "kind"))
        .ok_or_else(|| "expected a kind such as #linalg.elementwise_kind<add>".to_string())?;
    match kind {
        ElementwiseKind::Unary(f) => unary_body(b, args, f),
        ElementwiseKind::Binary(f) => binary_body(b, args, f),
        ElementwiseKind::Select => {
            let [condition, lhs, rhs, _out] = args else {
                return Err("select expects a condition, two values and one output".to_string());
            };
            Ok(vec![b.select(*condition, *lhs, *rhs)?])
        }
    }
}
