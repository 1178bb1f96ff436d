//! Convolutions and poolings over two spatial dimensions. The input is read
//! at `out_position * stride + window_position * dilation`, with `strides`
//! and `dilations` given as `dense<[sh, sw]> : tensor<2xi64>` (both 1 when
//! absent). A pooling's second input only gives the window's shape.
//!
//! ```mlir
//! %y = linalg.conv_2d_nhwc_hwcf {strides = dense<2> : tensor<2xi64>, dilations = dense<1> : tensor<2xi64>}
//!        ins(%x, %w : tensor<1x16x16x3xf32>, tensor<3x3x3x8xf32>) outs(%acc : tensor<1x7x7x8xf32>) -> tensor<1x7x7x8xf32>
//! ```

use ir::affine::{AffineExpr, AffineMap};
use ir::attributes::DenseElements;
use ir::dialect::AttrConstraint;
use ir::{AttrData, Attribute, Context, Dialect, NamedAttribute, Type, Value};

use crate::contraction::multiply_accumulate;
use crate::named::{with_named_op, NamedOp};
use crate::payload::{BinaryFn, BodyBuilder, BodyError, TypeFn};
use crate::structured::{find_attr, IteratorType};

/// `dense<...> : tensor<2xi64>`: one value per spatial dimension.
pub const SPATIAL_I64_ELEMENTS: AttrConstraint = AttrConstraint {
    description: "64-bit signless int elements attribute of shape [2]",
    check: |ctx, a| spatial_values(ctx, a).is_some(),
    parse: None,
    print: None,
    default: None,
};

/// The two values of a strides or dilations attribute.
fn spatial_values(ctx: &Context, attr: Attribute) -> Option<[i64; 2]> {
    let AttrData::DenseElements { ty, elements } = attr.data(ctx) else { return None };
    if ty.shape(ctx) != Some(&[2][..]) || !ty.shaped_element(ctx)?.is_signless_int_of_width(ctx, 64) {
        return None;
    }
    let value = |a: &Attribute| a.as_integer(ctx).and_then(|v| i64::try_from(v).ok());
    match elements {
        DenseElements::Splat(a) => value(a).map(|v| [v, v]),
        DenseElements::Elements(items) => Some([value(items.first()?)?, value(items.get(1)?)?]),
        DenseElements::Hex(_) => None,
    }
}

/// Strides and dilations of a convolution (1 where absent).
fn strides_and_dilations(ctx: &Context, attributes: &[NamedAttribute]) -> ([i64; 2], [i64; 2]) {
    let get = |name| find_attr(ctx, attributes, name).and_then(|a| spatial_values(ctx, a)).unwrap_or([1, 1]);
    (get("strides"), get("dilations"))
}

/// `out * stride + window * dilation`.
fn window_index(out: u32, window: u32, stride: i64, dilation: i64) -> AffineExpr {
    AffineExpr::sum(
        AffineExpr::product(AffineExpr::Dim(out), AffineExpr::Constant(stride)),
        AffineExpr::product(AffineExpr::Dim(window), AffineExpr::Constant(dilation)),
    )
}

fn dims(indices: &[u32]) -> Vec<AffineExpr> {
    indices.iter().map(|&d| AffineExpr::Dim(d)).collect()
}

fn map(num_dims: u32, results: Vec<AffineExpr>) -> AffineMap {
    AffineMap { num_dims, num_symbols: 0, results }
}

/// Loops (n, oh, ow, f, kh, kw, c): input (n, oh*s+kh*d, ow*s+kw*d, c),
/// filter (kh, kw, c, f), output (n, oh, ow, f).
fn nhwc_hwcf_maps(ctx: &Context, _: &[Type], attributes: &[NamedAttribute]) -> Option<Vec<AffineMap>> {
    let ([sh, sw], [dh, dw]) = strides_and_dilations(ctx, attributes);
    let input = vec![AffineExpr::Dim(0), window_index(1, 4, sh, dh), window_index(2, 5, sw, dw), AffineExpr::Dim(6)];
    Some(vec![map(7, input), map(7, dims(&[4, 5, 6, 3])), map(7, dims(&[0, 1, 2, 3]))])
}

/// Loops (n, f, oh, ow, c, kh, kw): input (n, c, oh*s+kh*d, ow*s+kw*d),
/// filter (f, c, kh, kw), output (n, f, oh, ow).
fn nchw_fchw_maps(ctx: &Context, _: &[Type], attributes: &[NamedAttribute]) -> Option<Vec<AffineMap>> {
    let ([sh, sw], [dh, dw]) = strides_and_dilations(ctx, attributes);
    let input = vec![AffineExpr::Dim(0), AffineExpr::Dim(4), window_index(2, 5, sh, dh), window_index(3, 6, sw, dw)];
    Some(vec![map(7, input), map(7, dims(&[1, 4, 5, 6])), map(7, dims(&[0, 1, 2, 3]))])
}

/// Loops (n, oh, ow, c, kh, kw): input (n, oh*s+kh*d, ow*s+kw*d, c),
/// second input `window` (its filter or window), output (n, oh, ow, c).
fn nhwc_window_maps(ctx: &Context, attributes: &[NamedAttribute], window: &[u32]) -> Option<Vec<AffineMap>> {
    let ([sh, sw], [dh, dw]) = strides_and_dilations(ctx, attributes);
    let input = vec![AffineExpr::Dim(0), window_index(1, 4, sh, dh), window_index(2, 5, sw, dw), AffineExpr::Dim(3)];
    Some(vec![map(6, input), map(6, dims(window)), map(6, dims(&[0, 1, 2, 3]))])
}

/// `f(out, cast(in))`: how a pooling folds the window into the output.
fn pool(b: &mut BodyBuilder<'_>, args: &[Value], f: BinaryFn) -> Result<Vec<Value>, BodyError> {
    let [input, _window, out] = args else { return Err("expected an input, a window and an output".to_string()) };
    let to = b.ir.value_type(*out);
    let input = b.cast(TypeFn::CastSigned, *input, to)?;
    Ok(vec![b.binary(f, *out, input)?])
}

crate::named_ops! {
    /// 2-D convolution, input NHWC, filter HWCF, output NHWF.
    Conv2DNhwcHwcfOp = "linalg.conv_2d_nhwc_hwcf", attributes: [strides: Optional(SPATIAL_I64_ELEMENTS), dilations: Optional(SPATIAL_I64_ELEMENTS)];
    /// 2-D convolution, input NCHW, filter FCHW, output NFHW.
    Conv2DNchwFchwOp = "linalg.conv_2d_nchw_fchw", attributes: [strides: Optional(SPATIAL_I64_ELEMENTS), dilations: Optional(SPATIAL_I64_ELEMENTS)];
    /// Depthwise 2-D convolution (one filter per channel), input NHWC, filter HWC, output NHWC.
    DepthwiseConv2DNhwcHwcOp = "linalg.depthwise_conv_2d_nhwc_hwc", attributes: [strides: Optional(SPATIAL_I64_ELEMENTS), dilations: Optional(SPATIAL_I64_ELEMENTS)];
    /// Max pooling over a window, NHWC.
    PoolingNhwcMaxOp = "linalg.pooling_nhwc_max", attributes: [strides: Optional(SPATIAL_I64_ELEMENTS), dilations: Optional(SPATIAL_I64_ELEMENTS)];
    /// Sum pooling over a window, NHWC.
    PoolingNhwcSumOp = "linalg.pooling_nhwc_sum", attributes: [strides: Optional(SPATIAL_I64_ELEMENTS), dilations: Optional(SPATIAL_I64_ELEMENTS)];
    /// Min pooling over a window, NHWC.
    PoolingNhwcMinOp = "linalg.pooling_nhwc_min", attributes: [strides: Optional(SPATIAL_I64_ELEMENTS), dilations: Optional(SPATIAL_I64_ELEMENTS)];
}

const CONV_NHWC_HWCF: NamedOp = NamedOp {
    default_maps: nhwc_hwcf_maps,
    iterators: |_, _, _| Some(IteratorType::parallel_then_reduction(4, 3)),
    stores_maps: false,
    body: multiply_accumulate,
};
const CONV_NCHW_FCHW: NamedOp = NamedOp {
    default_maps: nchw_fchw_maps,
    iterators: |_, _, _| Some(IteratorType::parallel_then_reduction(4, 3)),
    stores_maps: false,
    body: multiply_accumulate,
};
const DEPTHWISE_NHWC_HWC: NamedOp = NamedOp {
    default_maps: |ctx, _, attrs| nhwc_window_maps(ctx, attrs, &[4, 5, 3]),
    iterators: |_, _, _| Some(IteratorType::parallel_then_reduction(4, 2)),
    stores_maps: false,
    body: multiply_accumulate,
};
const POOL_MAX: NamedOp = NamedOp {
    default_maps: |ctx, _, attrs| nhwc_window_maps(ctx, attrs, &[4, 5]),
    iterators: |_, _, _| Some(IteratorType::parallel_then_reduction(4, 2)),
    stores_maps: false,
    body: |b, _, args| pool(b, args, BinaryFn::MaxSigned),
};
const POOL_SUM: NamedOp = NamedOp {
    default_maps: |ctx, _, attrs| nhwc_window_maps(ctx, attrs, &[4, 5]),
    iterators: |_, _, _| Some(IteratorType::parallel_then_reduction(4, 2)),
    stores_maps: false,
    body: |b, _, args| pool(b, args, BinaryFn::Add),
};
const POOL_MIN: NamedOp = NamedOp {
    default_maps: |ctx, _, attrs| nhwc_window_maps(ctx, attrs, &[4, 5]),
    iterators: |_, _, _| Some(IteratorType::parallel_then_reduction(4, 2)),
    stores_maps: false,
    body: |b, _, args| pool(b, args, BinaryFn::MinSigned),
};

pub(crate) fn register(dialect: Dialect) -> Dialect {
    let dialect = with_named_op::<Conv2DNhwcHwcfOp>(dialect, &CONV_NHWC_HWCF);
    let dialect = with_named_op::<Conv2DNchwFchwOp>(dialect, &CONV_NCHW_FCHW);
    let dialect = with_named_op::<DepthwiseConv2DNhwcHwcOp>(dialect, &DEPTHWISE_NHWC_HWC);
    let dialect = with_named_op::<PoolingNhwcMaxOp>(dialect, &POOL_MAX);
    let dialect = with_named_op::<PoolingNhwcSumOp>(dialect, &POOL_SUM);
    with_named_op::<PoolingNhwcMinOp>(dialect, &POOL_MIN)
}
