//! Building IR in Rust with the typed builders and accessors, then checking
//! it with the verifier and the printer: what a pass author does.

use std::sync::Arc;

use dialect_arith::{AddIOp, CmpIOp, ConstantOp};
use dialect_builtin::ModuleOp;
use dialect_func::{FuncOp, ReturnOp};
use ir::{Attribute, Ir, Location, Type};

#[test]
fn a_function_built_in_rust_verifies_and_prints() {
    let ctx = ir::Context::new();
    dialects_all::register_all(&ctx);
    let ctx = Arc::new(ctx);
    let mut ir = Ir::new(ctx.clone());
    let loc = Location::Unknown;
    let i32t = Type::integer(&ctx, 32);

    let module = ir.build::<ModuleOp>(loc, &[], &[], &[]).expect("module");
    let module_block = ir.create_block(&[], loc);
    ir.push_block(ir.regions(module.0)[0], module_block);

    let signature = Type::function(&ctx, vec![i32t], vec![i32t]);
    let attrs = [("sym_name", Attribute::string(&ctx, "double")), ("function_type", Attribute::type_attr(&ctx, signature))];
    let func = ir.build::<FuncOp>(loc, &[], &[], &attrs).expect("func");
    ir.append_op(module_block, func.0);
    let body = ir.create_block(&[i32t], loc);
    ir.push_block(ir.regions(func.0)[0], body);
    let x = ir.block_arguments(body)[0];

    let two = ir.build::<ConstantOp>(loc, &[], &[i32t], &[("value", Attribute::integer(&ctx, 2, i32t))]).expect("constant");
    ir.append_op(body, two.0);
    let sum = ir.build::<AddIOp>(loc, &[&[x], &[two.result(&ir)]], &[i32t], &[]).expect("addi");
    ir.append_op(body, sum.0);
    let ret = ir.build::<ReturnOp>(loc, &[&[sum.result(&ir)]], &[], &[]).expect("return");
    ir.append_op(body, ret.0);

    assert_eq!(sum.lhs(&ir), x);
    assert!(ir.dyn_cast::<CmpIOp>(sum.0).is_none());
    ir::verifier::verify(&ir, module.0).expect("built IR verifies");
    let text = ir::syntax::print_op(&ir, module.0, Default::default());
    let expected = "module {\n  func.func @double(%arg0: i32) -> i32 {\n    %c2_i32 = arith.constant 2 : i32\n    %0 = arith.addi %arg0, %c2_i32 : i32\n    return %0 : i32\n  }\n}\n";
    assert_eq!(text, expected);
}

#[test]
fn builders_reject_groups_that_do_not_fit() {
    let ctx = ir::Context::new();
    dialects_all::register_all(&ctx);
    let mut ir = Ir::new(Arc::new(ctx));
    let err = ir.build::<AddIOp>(Location::Unknown, &[&[]], &[], &[]).expect_err("two groups are declared");
    assert_eq!(err.0, "'arith.addi' declares 2 operand groups, 1 were given");
}
