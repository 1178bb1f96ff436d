//! The printer: writes IR as MLIR text, in custom form where an op has one
//! and in generic form otherwise (or always, with `print_generic`).
//!
//! Names follow upstream: `%argN` for entry block arguments, `%N` for other
//! values, numbered through nested regions (isolated ones too, as
//! upstream), with sibling regions reusing numbers;
//! `^bbN` per region; op-suggested names such as `%c0_i32` made unique with
//! `_N` suffixes. Affine maps are printed through `#map` aliases.

use std::fmt::Write;

use rustc_hash::{FxHashMap, FxHashSet};

use crate::attributes::{AttrData, Attribute};
use crate::body::{BlockId, Ir, OpId, RegionId, Value, ValueDef};
use crate::context::{Context, Symbol};
use crate::location::Location;
use crate::types::{Type, TypeData};

use super::print_attr::{AttrAliases, AttrWriter};

#[derive(Clone, Copy, Default, Debug)]
pub struct PrintOptions {
    /// Print every op in generic form (`--mlir-print-op-generic`).
    pub generic: bool,
    /// Print locations (`--mlir-print-debuginfo`).
    pub debug_info: bool,
}

/// Printed names of values and blocks.
struct NameTable {
    values: FxHashMap<Value, String>,
    blocks: FxHashMap<BlockId, u32>,
    /// Use the names ops suggest (custom form only, as upstream).
    use_hints: bool,
}

/// Suggested names in use in a naming scope, and the counter for the
/// `_N` suffixes that make a repeated suggestion unique (shared by all names
/// of the scope, as upstream numbers them).
#[derive(Clone, Default)]
struct UsedNames {
    names: FxHashSet<String>,
    next_suffix: u32,
}

/// What an op's custom printer writes through.
pub struct OpPrinter<'a> {
    pub ir: &'a Ir,
    out: String,
    names: &'a NameTable,
    aliases: &'a AttrAliases,
    options: PrintOptions,
    indent: usize,
}

/// Prints `root` (usually a `builtin.module`) with alias definitions first.
/// When the IR holds affine maps, a dry run finds which of them are
/// printed (custom printers leave some out), and only those get aliases.
pub fn print_op(ir: &Ir, root: OpId, options: PrintOptions) -> String {
    let names = NameTable::build(ir, root, options.generic);
    let candidates = collect_aliases(ir, root);
    let aliases = if candidates.is_empty() {
        candidates
    } else {
        let recording = candidates.recording();
        OpPrinter { ir, out: String::new(), names: &names, aliases: &recording, options, indent: 0 }.print_operation(root);
        recording.printed_only()
    };
    let mut p = OpPrinter { ir, out: String::new(), names: &names, aliases: &aliases, options, indent: 0 };
    for (name, attr) in aliases.definitions() {
        let _ = write!(p.out, "#{name} = ");
        AttrWriter { ctx: ir.ctx(), aliases: None }.attr(&mut p.out, attr);
        p.out.push('\n');
    }
    p.print_operation(root);
    p.out.push('\n');
    p.out
}

/// Gives every affine map used in the IR a `#mapN` alias, in order of first use.
fn collect_aliases(ir: &Ir, root: OpId) -> AttrAliases {
    let ctx = ir.ctx();
    let mut maps: Vec<Attribute> = Vec::new();
    let mut seen = FxHashSet::default();
    let mut visit_attr = |a: Attribute, maps: &mut Vec<Attribute>| collect_maps_in_attr(ctx, a, &mut seen, maps);
    ir.walk(root, |op| {
        for a in &ir.op(op).attributes {
            visit_attr(a.value, &mut maps);
        }
        let types = ir.operands(op).iter().chain(ir.results(op)).map(|&v| ir.value_type(v));
        for t in types {
            if let TypeData::MemRef { layout: Some(l), .. } = t.data(ctx) {
                visit_attr(*l, &mut maps);
            }
        }
        for &r in ir.regions(op) {
            for &b in ir.region_blocks(r) {
                for &arg in ir.block_arguments(b) {
                    if let TypeData::MemRef { layout: Some(l), .. } = ir.value_type(arg).data(ctx) {
                        visit_attr(*l, &mut maps);
                    }
                }
            }
        }
    });
    AttrAliases::numbered(maps)
}

fn collect_maps_in_attr(ctx: &Context, a: Attribute, seen: &mut FxHashSet<Attribute>, maps: &mut Vec<Attribute>) {
    match a.data(ctx) {
        AttrData::AffineMap(_) if seen.insert(a) => maps.push(a),
        AttrData::Array(items) => {
            for &i in items {
                collect_maps_in_attr(ctx, i, seen, maps);
            }
        }
        AttrData::Dictionary(entries) => {
            for e in entries {
                collect_maps_in_attr(ctx, e.value, seen, maps);
            }
        }
        _ => {}
    }
}

impl NameTable {
    /// Names every value and block under `root`. In custom form each region
    /// continues the numbering of its parent (isolated ones too, as upstream)
    /// and sibling regions reuse numbers; in generic form, as upstream, one
    /// counter runs through the whole module, regions taken last-first.
    fn build(ir: &Ir, root: OpId, generic: bool) -> NameTable {
        let mut table = NameTable { values: FxHashMap::default(), blocks: FxHashMap::default(), use_hints: !generic };
        // (region, next value number, next argument number, suggested names
        // in use). Numbered names never clash with suggested ones, which
        // cannot start with a digit.
        let mut work: Vec<(RegionId, u32, u32, UsedNames)> = Vec::new();
        let mut next_value = 0u32;
        let mut next_arg = 0u32;
        let mut used = UsedNames::default();
        table.name_results(ir, root, &mut next_value, &mut used);
        let push_children =
            |work: &mut Vec<(RegionId, u32, u32, UsedNames)>, op: OpId, next_value: u32, next_arg: u32, used: &UsedNames| {
                if generic {
                    work.extend(ir.regions(op).iter().map(|&r| (r, 0, 0, UsedNames::default())));
                } else {
                    work.extend(ir.regions(op).iter().rev().map(|&r| (r, next_value, next_arg, used.clone())));
                }
            };
        push_children(&mut work, root, next_value, next_arg, &used);
        while let Some((region, region_value, region_arg, region_used)) = work.pop() {
            if !generic {
                (next_value, next_arg, used) = (region_value, region_arg, region_used);
            }
            let hints = table.region_argument_hints(ir, region);
            for (i, &b) in ir.region_blocks(region).iter().enumerate() {
                table.blocks.insert(b, i as u32);
                for (j, &arg) in ir.block_arguments(b).iter().enumerate() {
                    let name = if i == 0 {
                        match hints.get(j).cloned().flatten() {
                            Some(hint) => used.unique(hint),
                            None => {
                                next_arg += 1;
                                format!("arg{}", next_arg - 1)
                            }
                        }
                    } else {
                        next_value += 1;
                        format!("{}", next_value - 1)
                    };
                    table.values.insert(arg, name);
                }
                for op in ir.block_ops(b) {
                    table.name_results(ir, op, &mut next_value, &mut used);
                }
            }
            let ops: Vec<OpId> = ir.region_blocks(region).iter().flat_map(|&b| ir.block_ops(b)).collect();
            let ordered: Box<dyn Iterator<Item = &OpId>> =
                if generic { Box::new(ops.iter()) } else { Box::new(ops.iter().rev()) };
            for &op in ordered {
                push_children(&mut work, op, next_value, next_arg, &used);
            }
        }
        table
    }

    /// The names the parent op suggests for the entry arguments of `region`.
    fn region_argument_hints(&self, ir: &Ir, region: RegionId) -> Vec<Option<String>> {
        let Some(parent) = ir.region_parent(region).filter(|_| self.use_hints) else { return Vec::new() };
        let Some(hook) = ir.ctx().op_definition(ir.op(parent).name).and_then(|d| d.name_region_arguments) else {
            return Vec::new();
        };
        let index = ir.regions(parent).iter().position(|&r| r == region).unwrap_or(0);
        hook(ir, parent, index)
    }

    fn name_results(&mut self, ir: &Ir, op: OpId, next_value: &mut u32, used: &mut UsedNames) {
        let results = ir.results(op);
        if results.is_empty() {
            return;
        }
        let hints: Vec<Option<String>> = match ir.ctx().op_definition(ir.op(op).name).and_then(|d| d.name_results) {
            Some(name_results) if self.use_hints => name_results(ir, op),
            _ => Vec::new(),
        };
        // Several results each with its own suggestion print as `%low, %high`.
        if results.len() > 1 && hints.len() == results.len() && hints.iter().all(|h| h.is_some()) {
            for (&r, hint) in results.iter().zip(hints) {
                let name = used.unique(hint.expect("checked above"));
                self.values.insert(r, name);
            }
            return;
        }
        // Otherwise each suggestion starts a pack that the unnamed results
        // after it join (`%base_buffer, %offset, %sizes:2`), as upstream
        // packs them; a first pack without a suggestion is numbered.
        let mut start = 0;
        while start < results.len() {
            let end = (start + 1..results.len()).find(|&i| hints.get(i).is_some_and(|h| h.is_some())).unwrap_or(results.len());
            let base = match hints.get(start).cloned().flatten() {
                Some(h) => used.unique(h),
                None => {
                    *next_value += 1;
                    format!("{}", *next_value - 1)
                }
            };
            if end - start == 1 {
                self.values.insert(results[start], base);
            } else {
                for (i, &r) in results[start..end].iter().enumerate() {
                    self.values.insert(r, format!("{base}#{i}"));
                }
            }
            start = end;
        }
    }
}

impl UsedNames {
    /// `hint` made a valid identifier, or with the scope's next `_N` suffix
    /// when taken; the name is then taken.
    fn unique(&mut self, hint: String) -> String {
        let hint: String =
            hint.chars().map(|c| if c.is_ascii_alphanumeric() || matches!(c, '_' | '$' | '.' | '-') { c } else { '_' }).collect();
        let mut name = if hint.chars().next().is_some_and(|c| c.is_ascii_digit()) { format!("_{hint}") } else { hint };
        if self.names.contains(&name) {
            let base = name;
            loop {
                name = format!("{base}_{}", self.next_suffix);
                self.next_suffix += 1;
                if !self.names.contains(&name) {
                    break;
                }
            }
        }
        self.names.insert(name.clone());
        name
    }
}

impl<'a> OpPrinter<'a> {
    pub fn ctx(&self) -> &'a Context {
        self.ir.ctx()
    }

    fn attr_writer(&self) -> AttrWriter<'a> {
        AttrWriter { ctx: self.ir.ctx(), aliases: Some(self.aliases) }
    }

    /// Appends raw text.
    pub fn write(&mut self, text: &str) {
        self.out.push_str(text);
    }

    /// Indents what follows `newline` one more level (for ops that print
    /// lists over several lines, like `cf.switch`).
    pub fn increase_indent(&mut self) {
        self.indent += 1;
    }

    pub fn decrease_indent(&mut self) {
        self.indent = self.indent.saturating_sub(1);
    }

    pub fn newline(&mut self) {
        self.out.push('\n');
        for _ in 0..self.indent {
            self.out.push_str("  ");
        }
    }

    pub fn print_operand(&mut self, v: Value) {
        self.out.push('%');
        match self.names.values.get(&v) {
            Some(n) => self.out.push_str(n),
            None => self.out.push_str("<<UNKNOWN SSA VALUE>>"),
        }
    }

    /// Comma-separated operands.
    pub fn print_operands(&mut self, values: &[Value]) {
        for (i, &v) in values.iter().enumerate() {
            if i > 0 {
                self.out.push_str(", ");
            }
            self.print_operand(v);
        }
    }

    pub fn print_type(&mut self, ty: Type) {
        self.attr_writer().type_(&mut self.out, ty);
    }

    /// Comma-separated types.
    pub fn print_types(&mut self, types: &[Type]) {
        self.attr_writer().type_list(&mut self.out, types);
    }

    /// Function results: a lone type bare, otherwise parenthesised.
    pub fn print_function_results(&mut self, types: &[Type]) {
        self.attr_writer().function_results(&mut self.out, types);
    }

    pub fn print_attribute(&mut self, attr: Attribute) {
        self.attr_writer().attr(&mut self.out, attr);
    }

    /// An integer/float attribute without its `: type`.
    pub fn print_attribute_without_type(&mut self, attr: Attribute) {
        self.attr_writer().scalar(&mut self.out, attr);
    }

    pub fn print_symbol_name(&mut self, name: &str) {
        super::print_attr::write_symbol_name(&mut self.out, name);
    }

    pub fn print_string(&mut self, s: &str) {
        super::print_attr::quote(&mut self.out, s);
    }

    /// ` {a = 1}` with the op's attributes except `elided`; nothing if none remain.
    pub fn print_optional_attr_dict(&mut self, op: OpId, elided: &[&str]) {
        self.print_attr_dict(op, elided, false);
    }

    /// ` attributes {a = 1}` with the op's attributes except `elided`.
    pub fn print_optional_attr_dict_with_keyword(&mut self, op: OpId, elided: &[&str]) {
        self.print_attr_dict(op, elided, true);
    }

    /// ` {a = 1}` with the op's attributes except `elided`, those at their
    /// declared default included: what upstream's hand-written printers
    /// print (`printOptionalAttrDict` elides only what it is told to).
    pub fn print_optional_attr_dict_with_defaults(&mut self, op: OpId, elided: &[&str]) {
        self.print_attr_dict_filtered(op, elided, false, false);
    }

    /// The op's attributes except `elided` and those at their declared
    /// default, which custom forms leave out as upstream's do.
    fn print_attr_dict(&mut self, op: OpId, elided: &[&str], keyword: bool) {
        self.print_attr_dict_filtered(op, elided, keyword, true);
    }

    fn print_attr_dict_filtered(&mut self, op: OpId, elided: &[&str], keyword: bool, elide_defaults: bool) {
        let ctx = self.ctx();
        let ir = self.ir;
        let at_default = if elide_defaults {
            ctx.op_definition(ir.op(op).name).map(|d| d.attributes_at_default(ctx, &ir.op(op).attributes)).unwrap_or_default()
        } else {
            Vec::new()
        };
        let attrs: Vec<_> = ir
            .op(op)
            .attributes
            .iter()
            .filter(|a| !elided.contains(&ctx.str(a.name)) && !at_default.contains(&ctx.str(a.name)))
            .copied()
            .collect();
        if attrs.is_empty() {
            return;
        }
        self.out.push_str(if keyword { " attributes {" } else { " {" });
        self.named_attributes(&attrs);
        self.out.push('}');
    }

    /// `a = 1, b`: sorted by name, as MLIR keeps attribute dictionaries.
    fn named_attributes(&mut self, attrs: &[crate::attributes::NamedAttribute]) {
        let writer = self.attr_writer();
        let ctx = self.ctx();
        let mut attrs = attrs.to_vec();
        attrs.sort_by(|a, b| ctx.str(a.name).cmp(ctx.str(b.name)));
        for (i, a) in attrs.iter().enumerate() {
            if i > 0 {
                self.out.push_str(", ");
            }
            writer.named(&mut self.out, a.name, a.value);
        }
    }

    pub fn print_successor(&mut self, block: BlockId) {
        let n = self.names.blocks.get(&block).copied().unwrap_or(u32::MAX);
        let _ = write!(self.out, "^bb{n}");
    }

    /// `^bb1(%a, %b : i32, i32)`, or `^bb1` without operands.
    pub fn print_successor_and_operands(&mut self, block: BlockId, operands: &[Value]) {
        self.print_successor(block);
        if !operands.is_empty() {
            self.out.push('(');
            self.print_operands(operands);
            self.out.push_str(" : ");
            let types: Vec<Type> = operands.iter().map(|&v| self.ir.value_type(v)).collect();
            self.print_types(&types);
            self.out.push(')');
        }
    }

    /// A block argument with its type: `%arg0: i32`.
    pub fn print_argument(&mut self, v: Value) {
        self.print_operand(v);
        self.out.push_str(": ");
        let ty = self.ir.value_type(v);
        self.print_type(ty);
        if self.options.debug_info {
            if let ValueDef::BlockArgument { block, index } = self.ir.value_def(v) {
                let loc = self.ir.block_argument_location(block, index as usize);
                self.print_location(loc);
            }
        }
    }

    /// `{ ... }`. `print_entry_arguments` prints an entry block label with its
    /// arguments; ops whose syntax names the arguments (functions, loops)
    /// pass `false`. `print_block_terminators` keeps a terminator without
    /// operands that the custom syntax would otherwise leave implicit.
    pub fn print_region(&mut self, region: RegionId, print_entry_arguments: bool, print_block_terminators: bool) {
        self.print_region_with(region, print_entry_arguments, print_block_terminators, false);
    }

    /// [`OpPrinter::print_region`], optionally labelling an empty entry
    /// block (`^bb0:`) so that it reads back as a block, not an empty
    /// region: the generic form needs that.
    fn print_region_with(
        &mut self,
        region: RegionId,
        print_entry_arguments: bool,
        print_block_terminators: bool,
        print_empty_block: bool,
    ) {
        let blocks = self.ir.region_blocks(region).to_vec();
        let predecessors = if blocks.len() > 1 { self.predecessors(&blocks) } else { FxHashMap::default() };
        self.out.push('{');
        self.indent += 1;
        for (i, &b) in blocks.iter().enumerate() {
            let has_args = !self.ir.block_arguments(b).is_empty();
            let is_empty = self.ir.first_op(b).is_none();
            if i > 0 || (print_entry_arguments && (has_args || (print_empty_block && is_empty))) {
                self.block_label(b, i == 0, predecessors.get(&b).map_or(&[][..], |p| p.as_slice()));
            }
            let ops: Vec<OpId> = self.ir.block_ops(b).collect();
            for (j, &op) in ops.iter().enumerate() {
                let is_last = j + 1 == ops.len();
                if is_last && !print_block_terminators && self.is_elidable_terminator(op) {
                    continue;
                }
                self.newline();
                self.print_operation(op);
            }
        }
        self.indent -= 1;
        self.newline();
        self.out.push('}');
    }

    /// A terminator with no operands, results, attributes, successors or
    /// ops in its regions.
    fn is_elidable_terminator(&self, op: OpId) -> bool {
        let ir = self.ir;
        ir.is_terminator(op)
            && ir.regions(op).iter().all(|&r| ir.region_blocks(r).iter().all(|&b| ir.first_op(b).is_none()))
            && ir.operands(op).is_empty()
            && ir.results(op).is_empty()
            && ir.successors(op).is_empty()
            && ir.op(op).attributes.is_empty()
            && !self.options.generic
    }

    /// For each block, the blocks whose terminators branch to it (once per edge).
    fn predecessors(&self, blocks: &[BlockId]) -> FxHashMap<BlockId, Vec<BlockId>> {
        let mut preds: FxHashMap<BlockId, Vec<BlockId>> = FxHashMap::default();
        for &b in blocks {
            if let Some(t) = self.ir.last_op(b) {
                for &s in self.ir.successors(t) {
                    preds.entry(s).or_default().push(b);
                }
            }
        }
        preds
    }

    /// `^bb1(%0: i32):  // 2 preds: ^bb0, ^bb2`, with upstream's comment on predecessors.
    fn block_label(&mut self, b: BlockId, is_entry: bool, predecessors: &[BlockId]) {
        // Labels are printed one level out from the ops.
        self.out.push('\n');
        for _ in 0..self.indent.saturating_sub(1) {
            self.out.push_str("  ");
        }
        self.print_successor(b);
        let args = self.ir.block_arguments(b).to_vec();
        if !args.is_empty() {
            self.out.push('(');
            for (i, &a) in args.iter().enumerate() {
                if i > 0 {
                    self.out.push_str(", ");
                }
                self.print_argument(a);
            }
            self.out.push(')');
        }
        self.out.push(':');
        let mut preds: Vec<(u32, BlockId)> =
            predecessors.iter().map(|&p| (self.names.blocks.get(&p).copied().unwrap_or(u32::MAX), p)).collect();
        preds.sort_by_key(|p| p.0);
        match preds.as_slice() {
            [] if !is_entry => self.out.push_str("  // no predecessors"),
            [] => {}
            // One edge; several edges from one block count as several, as upstream counts them.
            [only] => {
                self.out.push_str("  // pred: ");
                self.print_successor(only.1);
            }
            _ => {
                let _ = write!(self.out, "  // {} preds: ", preds.len());
                for (i, p) in preds.iter().enumerate() {
                    if i > 0 {
                        self.out.push_str(", ");
                    }
                    self.print_successor(p.1);
                }
            }
        }
    }

    fn print_location(&mut self, loc: Location) {
        let ctx = self.ctx();
        self.out.push_str(" loc(");
        match loc {
            Location::Unknown => self.out.push_str("unknown"),
            Location::Source { .. } => match loc.file_line_col(ctx) {
                Some((file, line, col)) => {
                    super::print_attr::quote(&mut self.out, &file);
                    let _ = write!(self.out, ":{line}:{col}");
                }
                None => self.out.push_str("unknown"),
            },
            Location::Attr(a) => match a.data(ctx) {
                AttrData::Location(d) => self.attr_writer().location(&mut self.out, d),
                _ => self.out.push_str("unknown"),
            },
        }
        self.out.push(')');
    }

    /// One op with its results, in custom or generic form.
    pub fn print_operation(&mut self, op: OpId) {
        let ir = self.ir;
        let results = ir.results(op);
        if !results.is_empty() {
            // One entry per pack: `%0:2` for a pack, `%low` for a lone result.
            let names: Vec<String> = results.iter().map(|r| self.names.values.get(r).cloned().unwrap_or_default()).collect();
            let mut i = 0;
            while i < names.len() {
                if i > 0 {
                    self.out.push_str(", ");
                }
                match names[i].split_once('#') {
                    Some((base, _)) => {
                        let prefix = format!("{base}#");
                        let size = names[i..].iter().take_while(|n| n.starts_with(&prefix)).count();
                        let _ = write!(self.out, "%{base}:{size}");
                        i += size;
                    }
                    None => {
                        let _ = write!(self.out, "%{}", names[i]);
                        i += 1;
                    }
                }
            }
            self.out.push_str(" = ");
        }
        self.print_custom_or_generic_op(op);
    }

    /// One op without its result names, in custom or generic form (the op
    /// that `vector.mask` wraps prints this way).
    pub fn print_custom_or_generic_op(&mut self, op: OpId) {
        let ir = self.ir;
        let definition = ir.ctx().op_definition(ir.op(op).name).cloned();
        let custom =
            !self.options.generic && definition.as_ref().is_some_and(|d| d.print.is_some() || d.assembly_format().is_some());
        match (custom, definition) {
            (true, Some(def)) => {
                let name = self.printed_op_name(op, def.name);
                self.out.push_str(&name);
                match def.print {
                    Some(hook) => hook(self, op),
                    None => def.assembly_format().expect("checked above").print(self, op),
                }
            }
            _ => self.print_generic(op),
        }
        if self.options.debug_info {
            self.print_location(ir.op(op).location);
        }
    }

    /// The op name, without the default dialect of the parent op (`return`
    /// inside `func.func`); at top level the default dialect is `builtin`.
    fn printed_op_name(&self, op: OpId, full: &'static str) -> String {
        let ir = self.ir;
        let default = match ir.parent_op(op) {
            Some(p) => ir.ctx().op_definition(ir.op(p).name).and_then(|d| d.default_dialect),
            None => Some("builtin"),
        };
        match (default, full.split_once('.')) {
            (Some(d), Some((prefix, rest))) if d == prefix => rest.to_string(),
            _ => full.to_string(),
        }
    }

    fn print_generic(&mut self, op: OpId) {
        let ir = self.ir;
        let ctx = ir.ctx();
        super::print_attr::quote(&mut self.out, ctx.op_name_str(ir.op(op).name));
        self.out.push('(');
        self.print_operands(ir.operands(op));
        self.out.push(')');
        let successors = ir.successors(op);
        if !successors.is_empty() {
            self.out.push('[');
            for (i, &b) in successors.iter().enumerate() {
                if i > 0 {
                    self.out.push_str(", ");
                }
                self.print_successor(b);
            }
            self.out.push(']');
        }
        // Registered ops keep inherent attributes in `<{...}>`, like MLIR 22.
        let (inherent, discardable) = self.split_inherent(op);
        if let Some(props) = ir.op(op).properties {
            self.out.push_str(" <");
            self.print_attribute(props);
            self.out.push('>');
        } else if !inherent.is_empty() {
            self.out.push_str(" <{");
            self.named_attributes(&inherent);
            self.out.push_str("}>");
        }
        let regions = ir.regions(op);
        if !regions.is_empty() {
            self.out.push_str(" (");
            for (i, &r) in regions.iter().enumerate() {
                if i > 0 {
                    self.out.push_str(", ");
                }
                self.print_region_with(r, true, true, true);
            }
            self.out.push(')');
        }
        if !discardable.is_empty() {
            self.out.push_str(" {");
            self.named_attributes(&discardable);
            self.out.push('}');
        }
        self.out.push_str(" : ");
        let inputs: Vec<Type> = ir.operands(op).iter().map(|&v| ir.value_type(v)).collect();
        let outputs: Vec<Type> = ir.results(op).iter().map(|&v| ir.value_type(v)).collect();
        self.out.push('(');
        self.print_types(&inputs);
        self.out.push_str(") -> ");
        self.print_function_results(&outputs);
    }

    fn split_inherent(&self, op: OpId) -> (Vec<crate::attributes::NamedAttribute>, Vec<crate::attributes::NamedAttribute>) {
        let ir = self.ir;
        let ctx = ir.ctx();
        let definition = ctx.op_definition(ir.op(op).name);
        let is_inherent = |name: Symbol| {
            let name = ctx.str(name);
            definition.is_some_and(|d| {
                d.attributes.iter().any(|s| s.name == name)
                    || name == "operandSegmentSizes"
                        && d.operands.iter().filter(|s| s.arity != crate::dialect::Arity::Single).count() > 1
                    || name == "resultSegmentSizes"
                        && d.results.iter().filter(|s| s.arity != crate::dialect::Arity::Single).count() > 1
            })
        };
        ir.op(op).attributes.iter().partition(|a| is_inherent(a.name))
    }
}
