//! Contractions: products summed over a reduction loop. `linalg.matmul`
//! and `linalg.batch_matmul` keep their maps in `indexing_maps`, so a
//! transposed or broadcast operand is written as another map; `matvec`,
//! `vecmat` and `dot` have fixed maps.
//!
//! ```mlir
//! %c = linalg.matmul ins(%a, %b : tensor<4x8xf32>, tensor<8x16xf32>) outs(%acc : tensor<4x16xf32>) -> tensor<4x16xf32>
//! %d = linalg.dot ins(%x, %y : tensor<8xf32>, tensor<8xf32>) outs(%s : tensor<f32>) -> tensor<f32>
//! ```

use ir::affine::{AffineExpr, AffineMap};
use ir::constraints::ANY_ATTR;
use ir::{Context, Dialect, NamedAttribute, Type, Value};

use crate::named::{with_named_op, NamedOp};
use crate::payload::{BinaryFn, BodyBuilder, BodyError, TypeFn};
use crate::structured::{find_attr, IteratorType};

crate::named_ops! {
    /// Matrix multiplication `C(m, n) += A(m, k) * B(k, n)`, with optional maps for transposed or broadcast operands.
    MatmulOp = "linalg.matmul", attributes: [indexing_maps: Optional(ANY_ATTR), cast: Optional(ANY_ATTR)];
    /// Batched matrix multiplication `C(b, m, n) += A(b, m, k) * B(b, k, n)`.
    BatchMatmulOp = "linalg.batch_matmul", attributes: [indexing_maps: Optional(ANY_ATTR), cast: Optional(ANY_ATTR)];
    /// Matrix-vector product `y(m) += A(m, k) * x(k)`.
    MatvecOp = "linalg.matvec", attributes: [];
    /// Vector-matrix product `y(n) += x(k) * A(k, n)`.
    VecmatOp = "linalg.vecmat", attributes: [];
    /// Dot product `s += x(k) * y(k)`.
    DotOp = "linalg.dot", attributes: [];
    /// Matrix multiplication summed over a batch `C(m, n) += A(b, m, k) * B(b, k, n)`.
    BatchReduceMatmulOp = "linalg.batch_reduce_matmul", attributes: [indexing_maps: Optional(ANY_ATTR), cast: Optional(ANY_ATTR)];
    /// Multiplication of tiled matrices, the right one transposed: `C(m, n, m0, n0) += A(m, k, m0, k0) * B(n, k, n0, k0)`.
    Mmt4DOp = "linalg.mmt4d", attributes: [];
    /// Batched `mmt4d`: `C(b, m, n, m0, n0) += A(b, m, k, m0, k0) * B(b, n, k, n0, k0)`.
    BatchMmt4DOp = "linalg.batch_mmt4d", attributes: [];
}

/// Maps over `dims` loops whose results are the listed loop indices.
fn projections(dims: u32, results: &[&[u32]]) -> Vec<AffineMap> {
    results
        .iter()
        .map(|r| AffineMap { num_dims: dims, num_symbols: 0, results: r.iter().map(|&d| AffineExpr::Dim(d)).collect() })
        .collect()
}

/// `out + cast(a) * cast(b)`, with the `cast` attribute's conversion.
pub(crate) fn multiply_accumulate(
    b: &mut BodyBuilder<'_>,
    attributes: &[NamedAttribute],
    args: &[Value],
) -> Result<Vec<Value>, BodyError> {
    let [lhs, rhs, out] = args else { return Err("expected two inputs and one output".to_string()) };
    let cast = TypeFn::of_attr(b.ir.ctx(), find_attr(b.ir.ctx(), attributes, "cast"));
    let to = b.ir.value_type(*out);
    let lhs = b.cast(cast, *lhs, to)?;
    let rhs = b.cast(cast, *rhs, to)?;
    let product = b.binary(BinaryFn::Mul, lhs, rhs)?;
    Ok(vec![b.binary(BinaryFn::Add, *out, product)?])
}

const MATMUL: NamedOp = NamedOp {
    default_maps: |_: &Context, _: &[Type], _: &[NamedAttribute]| Some(projections(3, &[&[0, 2], &[2, 1], &[0, 1]])),
    iterators: |_, _, _| Some(IteratorType::parallel_then_reduction(2, 1)),
    stores_maps: true,
    body: multiply_accumulate,
};

const BATCH_MATMUL: NamedOp = NamedOp {
    default_maps: |_, _, _| Some(projections(4, &[&[0, 1, 3], &[0, 3, 2], &[0, 1, 2]])),
    iterators: |_, _, _| Some(IteratorType::parallel_then_reduction(3, 1)),
    stores_maps: true,
    body: multiply_accumulate,
};

const MATVEC: NamedOp = NamedOp {
    default_maps: |_, _, _| Some(projections(2, &[&[0, 1], &[1], &[0]])),
    iterators: |_, _, _| Some(IteratorType::parallel_then_reduction(1, 1)),
    stores_maps: false,
    body: multiply_accumulate,
};

const VECMAT: NamedOp = NamedOp {
    default_maps: |_, _, _| Some(projections(2, &[&[1], &[1, 0], &[0]])),
    iterators: |_, _, _| Some(IteratorType::parallel_then_reduction(1, 1)),
    stores_maps: false,
    body: multiply_accumulate,
};

const DOT: NamedOp = NamedOp {
    default_maps: |_, _, _| Some(projections(1, &[&[0], &[0], &[]])),
    iterators: |_, _, _| Some(IteratorType::parallel_then_reduction(0, 1)),
    stores_maps: false,
    body: multiply_accumulate,
};

const BATCH_REDUCE_MATMUL: NamedOp = NamedOp {
    default_maps: |_, _, _| Some(projections(4, &[&[0, 1, 3], &[0, 3, 2], &[1, 2]])),
    iterators: |_, _, _| {
        use IteratorType::{Parallel, Reduction};
        Some(vec![Reduction, Parallel, Parallel, Reduction])
    },
    stores_maps: true,
    body: multiply_accumulate,
};

/// Loops (m, n, k, m0, n0, k0), after `batch` leading batch loops.
fn mmt4d_iterators(batch: usize) -> Vec<IteratorType> {
    use IteratorType::{Parallel, Reduction};
    let mut types = vec![Parallel; batch];
    types.extend([Parallel, Parallel, Reduction, Parallel, Parallel, Reduction]);
    types
}

const MMT4D: NamedOp = NamedOp {
    default_maps: |_, _, _| Some(projections(6, &[&[0, 2, 3, 5], &[1, 2, 4, 5], &[0, 1, 3, 4]])),
    iterators: |_, _, _| Some(mmt4d_iterators(0)),
    stores_maps: false,
    body: multiply_accumulate,
};

const BATCH_MMT4D: NamedOp = NamedOp {
    default_maps: |_, _, _| Some(projections(7, &[&[0, 1, 3, 4, 6], &[0, 2, 3, 5, 6], &[0, 1, 2, 4, 5]])),
    iterators: |_, _, _| Some(mmt4d_iterators(1)),
    stores_maps: false,
    body: multiply_accumulate,
};

pub(crate) fn register(dialect: Dialect) -> Dialect {
    let dialect = with_named_op::<BatchReduceMatmulOp>(dialect, &BATCH_REDUCE_MATMUL);
    let dialect = with_named_op::<Mmt4DOp>(dialect, &MMT4D);
    let dialect = with_named_op::<BatchMmt4DOp>(dialect, &BATCH_MMT4D);
    let dialect = with_named_op::<MatmulOp>(dialect, &MATMUL);
    let dialect = with_named_op::<BatchMatmulOp>(dialect, &BATCH_MATMUL);
    let dialect = with_named_op::<MatvecOp>(dialect, &MATVEC);
    let dialect = with_named_op::<VecmatOp>(dialect, &VECMAT);
    with_named_op::<DotOp>(dialect, &DOT)
}
