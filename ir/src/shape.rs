//! Shape arithmetic that ops on tensors, memrefs and vectors share: dynamic
//! dimensions, compatible shapes, rank-reducing slices and reassociations
//! (the dimension groups of `expand_shape` / `collapse_shape`).

use crate::attributes::{AttrData, Attribute};
use crate::context::Context;
use crate::diagnostics::Diagnostic;
use crate::syntax::{OpParser, OpPrinter, ParseResult};
use crate::types::{Type, DYNAMIC};

/// How many dimensions of `shape` are dynamic (`?`).
pub fn dynamic_count(shape: &[i64]) -> usize {
    shape.iter().filter(|&&d| d == DYNAMIC).count()
}

/// Same rank, and sizes that agree wherever both are static.
pub fn compatible(a: &[i64], b: &[i64]) -> bool {
    a.len() == b.len() && a.iter().zip(b).all(|(&x, &y)| x == y || x == DYNAMIC || y == DYNAMIC)
}

/// How many symbol operands a memref with this layout is allocated with:
/// the symbols of an affine map, or the dynamic offset and strides of a
/// strided layout (none for the identity layout).
pub fn layout_symbol_count(ctx: &Context, layout: Option<Attribute>) -> usize {
    match layout.map(|l| l.data(ctx)) {
        Some(AttrData::AffineMap(map)) => map.num_symbols as usize,
        Some(AttrData::StridedLayout { offset, strides }) => usize::from(*offset == DYNAMIC) + dynamic_count(strides),
        _ => 0,
    }
}

/// `4x?x8`, as MLIR writes a shape inside a type.
pub fn shape_text(shape: &[i64]) -> String {
    shape.iter().map(|&d| if d == DYNAMIC { "?".to_string() } else { d.to_string() }).collect::<Vec<_>>().join("x")
}

/// The dimensions of `shape` to drop, all static 1s, so that what remains is
/// exactly `reduced`; `None` when no such choice exists. Dimensions are
/// matched from the left, as upstream matches them.
pub fn rank_reduction_mask(shape: &[i64], reduced: &[i64]) -> Option<Vec<usize>> {
    let mut dropped = Vec::new();
    let mut next = 0;
    for (d, &size) in shape.iter().enumerate() {
        if reduced.get(next) == Some(&size) {
            next += 1;
        } else if size == 1 {
            dropped.push(d);
        } else {
            return None;
        }
    }
    (next == reduced.len()).then_some(dropped)
}

/// Dimension groups: `[[0, 1], [2]]` says that dimensions 0 and 1 of the
/// larger shape form dimension 0 of the smaller one, and so on.
pub type Reassociation = Vec<Vec<i64>>;

/// The reassociation held in an array-of-arrays attribute.
pub fn reassociation(ctx: &Context, attr: Attribute) -> Option<Reassociation> {
    attr.as_array(ctx)?
        .iter()
        .map(|group| group.as_array(ctx)?.iter().map(|d| d.as_integer(ctx).and_then(|v| i64::try_from(v).ok())).collect())
        .collect()
}

/// The attribute for a reassociation: an array of arrays of `i64`.
pub fn reassociation_attr(ctx: &Context, groups: &[Vec<i64>]) -> Attribute {
    let i64t = Type::integer(ctx, 64);
    let groups = groups
        .iter()
        .map(|g| Attribute::array(ctx, g.iter().map(|&d| Attribute::integer(ctx, d as i128, i64t)).collect()))
        .collect();
    Attribute::array(ctx, groups)
}

/// Reads `[[0, 1], [2]]`.
pub fn parse_reassociation(p: &mut OpParser<'_, '_>) -> ParseResult<Reassociation> {
    let mut groups = Vec::new();
    p.expect_punct("[")?;
    if p.parse_optional_punct("]") {
        return Ok(groups);
    }
    loop {
        p.expect_punct("[")?;
        let mut group = Vec::new();
        if !p.parse_optional_punct("]") {
            loop {
                let location = p.current_location();
                let d = p.parse_integer()?;
                group.push(i64::try_from(d).map_err(|_| Diagnostic::error(location, "dimension index is out of range"))?);
                if !p.parse_optional_punct(",") {
                    break;
                }
            }
            p.expect_punct("]")?;
        }
        groups.push(group);
        if !p.parse_optional_punct(",") {
            break;
        }
    }
    p.expect_punct("]")?;
    Ok(groups)
}

/// Writes `[[0, 1], [2]]`.
pub fn print_reassociation(p: &mut OpPrinter<'_>, groups: &[Vec<i64>]) {
    let text: Vec<String> =
        groups.iter().map(|g| format!("[{}]", g.iter().map(|d| d.to_string()).collect::<Vec<_>>().join(", "))).collect();
    p.write(&format!("[{}]", text.join(", ")));
}

/// The custom form of the reassociative reshapes of tensors and memrefs:
/// `%src [[0, 1], [2]] [output_shape [2, %n]] attr-dict : type into type`,
/// with the output shape (of an expansion) when `with_output_shape`.
pub fn parse_reshape(p: &mut OpParser<'_, '_>, with_output_shape: bool) -> ParseResult<()> {
    let ctx = p.context();
    let source = p.parse_operand()?;
    let groups = parse_reassociation(p)?;
    p.add_attribute("reassociation", reassociation_attr(&ctx, &groups));
    let mut sizes = Vec::new();
    let location = p.current_location();
    if with_output_shape {
        p.expect_keyword("output_shape")?;
        let (values, statics) = crate::mixed_list::parse(p)?;
        p.add_attribute("static_output_shape", crate::mixed_list::attribute(&ctx, &statics));
        sizes = values;
    }
    p.parse_optional_attr_dict()?;
    p.expect_punct(":")?;
    let source_type = p.parse_type()?;
    p.expect_keyword("into")?;
    let result_type = p.parse_type()?;
    let source = p.resolve_operand(&source, source_type)?;
    let sizes = p.resolve_operands(&sizes, &vec![Type::index(&ctx); sizes.len()], location)?;
    p.state.operands.push(source);
    p.state.operands.extend(sizes);
    p.state.result_types.push(result_type);
    Ok(())
}

/// Prints what [`parse_reshape`] reads.
pub fn print_reshape(p: &mut OpPrinter<'_>, op: crate::OpId, with_output_shape: bool) {
    let ir = p.ir;
    let operands = ir.operands(op).to_vec();
    let groups = ir.attr(op, "reassociation").and_then(|a| reassociation(ir.ctx(), a)).unwrap_or_default();
    p.write(" ");
    if let Some(&source) = operands.first() {
        p.print_operand(source);
    }
    p.write(" ");
    print_reassociation(p, &groups);
    if with_output_shape {
        p.write(" output_shape ");
        crate::mixed_list::print(p, &crate::mixed_list::statics(ir, op, "static_output_shape"), operands.get(1..).unwrap_or(&[]));
    }
    p.print_optional_attr_dict(op, &["reassociation", "static_output_shape"]);
    p.write(" : ");
    if let Some(&source) = operands.first() {
        p.print_type(ir.value_type(source));
    }
    p.write(" into ");
    if let Some(&result) = ir.results(op).first() {
        p.print_type(ir.value_type(result));
    }
}

/// Checks that `groups` splits `0..expanded_rank` into `collapsed_rank`
/// consecutive, non-empty runs; the error says what is wrong. Collapsing
/// to rank 0 takes no groups at all.
pub fn check_reassociation(groups: &[Vec<i64>], expanded_rank: usize, collapsed_rank: usize) -> Result<(), String> {
    if collapsed_rank == 0 && groups.is_empty() {
        return Ok(());
    }
    if groups.len() != collapsed_rank {
        return Err(format!(
            "expected collapsed rank ({collapsed_rank}) to equal the number of reassociation maps ({})",
            groups.len()
        ));
    }
    let mut next = 0i64;
    for group in groups {
        if group.is_empty() && expanded_rank > 0 {
            return Err("expected a non-empty reassociation group".to_string());
        }
        for &d in group {
            if d != next {
                return Err("expected reassociation map to be valid: dimensions must be contiguous and in order".to_string());
            }
            next += 1;
        }
    }
    if next as usize != expanded_rank {
        return Err(format!(
            "expected the reassociation to cover all {expanded_rank} dimensions of the expanded shape, it covers {next}"
        ));
    }
    Ok(())
}

/// Whether `collapsed` is what `expanded` becomes when each group is
/// multiplied out: a group with a dynamic size collapses to a dynamic size,
/// a static group to the product of its sizes.
pub fn collapses_to(expanded: &[i64], collapsed: &[i64], groups: &[Vec<i64>]) -> Result<(), String> {
    if collapsed.is_empty() && expanded.iter().any(|&d| d != 1 && d != DYNAMIC) {
        return Err("expected all dimensions of the expanded type to be 1 when collapsing to rank 0".to_string());
    }
    for (i, group) in groups.iter().enumerate() {
        let sizes: Vec<i64> = group.iter().filter_map(|&d| expanded.get(d as usize).copied()).collect();
        let actual = collapsed.get(i).copied().unwrap_or(DYNAMIC);
        if sizes.contains(&DYNAMIC) {
            if actual != DYNAMIC {
                return Err(format!(
                    "expected dimension {i} of collapsed type to be dynamic since one or more of the corresponding dimensions in the expanded type is dynamic"
                ));
            }
            continue;
        }
        let product = sizes.iter().try_fold(1i64, |a, &b| a.checked_mul(b));
        if product != Some(actual) {
            let expected = product.map_or("a size that fits in 64 bits".to_string(), |p| format!("static value of {p}"));
            return Err(format!("expected dimension {i} of collapsed type to be {expected}"));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rank_reduction_drops_unit_dims_from_the_left() {
        assert_eq!(rank_reduction_mask(&[1, 4, 1], &[4]), Some(vec![0, 2]));
        assert_eq!(rank_reduction_mask(&[1, 1], &[1]), Some(vec![1]));
        assert_eq!(rank_reduction_mask(&[4, DYNAMIC], &[4, DYNAMIC]), Some(vec![]));
        assert_eq!(rank_reduction_mask(&[1, 4], &[DYNAMIC]), None);
        assert_eq!(rank_reduction_mask(&[2, 4], &[4]), None);
    }

    #[test]
    fn reassociation_must_be_contiguous_and_complete() {
        assert!(check_reassociation(&[vec![0, 1], vec![2]], 3, 2).is_ok());
        assert!(check_reassociation(&[vec![0, 2], vec![1]], 3, 2).is_err());
        assert!(check_reassociation(&[vec![0, 1]], 3, 1).is_err());
        assert!(check_reassociation(&[vec![0], vec![1]], 2, 1).is_err());
    }

    #[test]
    fn collapsed_sizes_are_group_products() {
        assert!(collapses_to(&[2, 3, 4], &[6, 4], &[vec![0, 1], vec![2]]).is_ok());
        assert!(collapses_to(&[2, DYNAMIC], &[DYNAMIC], &[vec![0, 1]]).is_ok());
        assert!(collapses_to(&[2, 3], &[5], &[vec![0, 1]]).is_err());
        assert!(collapses_to(&[2, DYNAMIC], &[4], &[vec![0, 1]]).is_err());
    }
}
