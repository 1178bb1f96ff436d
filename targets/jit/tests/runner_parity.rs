//! ml-jit with ml-runtime prints what upstream's mlir-runner-22 prints, with
//! upstream's runtime libraries, for the same program.
//!
//! Each program is LLVM IR. ml-jit runs it in a child with stdout captured;
//! when upstream's tools are installed, the same IR is imported with
//! `mlir-translate-22 --import-llvm` and run with
//! `mlir-runner-22 --shared-libs=libmlir_runner_utils.so,libmlir_c_runner_utils.so`,
//! and the two outputs must be byte-identical once the `base@ = 0x...`
//! addresses are masked. Without the tools, the comparison is skipped (with
//! a message on stderr) and the insta snapshot, which was checked against
//! mlir-runner-22 this way when written, still pins ml-jit's output.

mod support;

use ml_jit::ResultKind;
use support::same_as_upstream;

/// How the program passes the memref to the printer.
#[derive(Clone, Copy)]
enum Abi {
    /// `@f(i64 rank, ptr descriptor)`: what `call @printMemrefF32(%u)`
    /// lowers to.
    RankAndPointer,
    /// `@f(ptr to {i64 rank, ptr descriptor})`: the `_mlir_ciface_` form.
    PointerToUnranked,
    /// `@f(ptr descriptor)`: the ranked `_mlir_ciface_printMemref2dF32` form.
    PointerToRanked,
}

/// A program that builds the memref `{data, data, offset, sizes, strides}`
/// over a constant array of `elem` values and passes it to each function
/// of `calls`.
fn memref_program(elem: &str, values: &[&str], offset: i64, sizes: &[i64], strides: &[i64], calls: &[(&str, Abi)]) -> String {
    let rank = sizes.len();
    let array = |v: &[i64]| {
        if v.is_empty() {
            "[0 x i64] zeroinitializer".to_string()
        } else {
            let items: Vec<String> = v.iter().map(|x| format!("i64 {x}")).collect();
            format!("[{rank} x i64] [{}]", items.join(", "))
        }
    };
    let items: Vec<String> = values.iter().map(|v| format!("{elem} {v}")).collect();
    let desc_ty = format!("{{ ptr, ptr, i64, [{rank} x i64], [{rank} x i64] }}");
    let mut ir = format!("@data = private constant [{} x {elem}] [{}]\n", values.len(), items.join(", "));
    for (name, abi) in calls {
        let params = match abi {
            Abi::RankAndPointer => "i64, ptr",
            Abi::PointerToUnranked | Abi::PointerToRanked => "ptr",
        };
        ir += &format!("declare void @{name}({params})\n");
    }
    ir += &format!(
        "define void @main() {{\n  %desc = alloca {desc_ty}\n  store {desc_ty} {{ ptr @data, ptr @data, i64 {offset}, {}, {} }}, ptr %desc\n  %u = alloca {{ i64, ptr }}\n  store {{ i64, ptr }} {{ i64 {rank}, ptr poison }}, ptr %u\n  %u1 = getelementptr {{ i64, ptr }}, ptr %u, i32 0, i32 1\n  store ptr %desc, ptr %u1\n",
        array(sizes),
        array(strides)
    );
    for (name, abi) in calls {
        ir += &match abi {
            Abi::RankAndPointer => format!("  call void @{name}(i64 {rank}, ptr %desc)\n"),
            Abi::PointerToUnranked => format!("  call void @{name}(ptr %u)\n"),
            Abi::PointerToRanked => format!("  call void @{name}(ptr %desc)\n"),
        };
    }
    ir + "  ret void\n}\n"
}

fn floats(n: usize) -> Vec<String> {
    (0..n).map(|i| format!("{}.0", i)).collect()
}

fn as_strs(v: &[String]) -> Vec<&str> {
    v.iter().map(String::as_str).collect()
}

#[test]
fn print_memref_f32_2d_in_both_abis() {
    let values = ["1.0", "2.5", "-3.0", "1.0e10", "0x7FF8000000000000", "0.125"];
    let ir = memref_program(
        "float",
        &values,
        0,
        &[2, 3],
        &[3, 1],
        &[
            ("printMemrefF32", Abi::RankAndPointer),
            ("_mlir_ciface_printMemrefF32", Abi::PointerToUnranked),
            ("_mlir_ciface_printMemref2dF32", Abi::PointerToRanked),
            ("_mlir_ciface_printMemrefShapeF32", Abi::PointerToUnranked),
        ],
    );
    insta::assert_snapshot!(same_as_upstream(&ir, "main", ResultKind::Void));
}

#[test]
fn print_memref_strided_view_with_offset() {
    // A transposed 2x2 window at offset 1 of a 2x3 buffer.
    let values = floats(6);
    let ir = memref_program("float", &as_strs(&values), 1, &[2, 2], &[1, 3], &[("printMemrefF32", Abi::RankAndPointer)]);
    insta::assert_snapshot!(same_as_upstream(&ir, "main", ResultKind::Void));
}

#[test]
fn print_memref_i32_3d_and_unit_dims() {
    let values: Vec<String> = (0..24).map(|i| (i * 7 - 50).to_string()).collect();
    let values = as_strs(&values);
    let mut out = same_as_upstream(
        &memref_program("i32", &values, 0, &[2, 3, 4], &[12, 4, 1], &[("printMemrefI32", Abi::RankAndPointer)]),
        "main",
        ResultKind::Void,
    );
    for (sizes, strides) in [(&[1, 1, 1][..], &[1, 1, 1][..]), (&[1, 3], &[3, 1]), (&[3, 1], &[1, 1]), (&[1], &[1])] {
        out += &same_as_upstream(
            &memref_program("i32", &values, 0, sizes, strides, &[("printMemrefI32", Abi::RankAndPointer)]),
            "main",
            ResultKind::Void,
        );
    }
    insta::assert_snapshot!(out);
}

#[test]
fn print_memref_rank_0() {
    let ir = memref_program(
        "double",
        &["3.14159265"],
        0,
        &[],
        &[],
        &[("printMemrefF64", Abi::RankAndPointer), ("_mlir_ciface_printMemrefShapeF64", Abi::PointerToUnranked)],
    );
    let mut out = same_as_upstream(&ir, "main", ResultKind::Void);
    let ir = memref_program("float", &["-2.5"], 0, &[], &[], &[("_mlir_ciface_printMemref0dF32", Abi::PointerToRanked)]);
    out += &same_as_upstream(&ir, "main", ResultKind::Void);
    insta::assert_snapshot!(out);
}

#[test]
fn print_memref_integer_element_types() {
    // i8 prints as a character (std::ostream << int8_t), index as unsigned.
    let mut out = same_as_upstream(
        &memref_program(
            "i8",
            &["65", "66", "67", "97"],
            0,
            &[2, 2],
            &[2, 1],
            &[("_mlir_ciface_printMemrefI8", Abi::PointerToUnranked)],
        ),
        "main",
        ResultKind::Void,
    );
    out += &same_as_upstream(
        &memref_program("i8", &["120", "121"], 0, &[2], &[1], &[("_mlir_ciface_printMemref1dI8", Abi::PointerToRanked)]),
        "main",
        ResultKind::Void,
    );
    out += &same_as_upstream(
        &memref_program("i16", &["-300", "7"], 0, &[2], &[1], &[("_mlir_ciface_printMemrefI16", Abi::PointerToUnranked)]),
        "main",
        ResultKind::Void,
    );
    out += &same_as_upstream(
        &memref_program(
            "i64",
            &["-9223372036854775808", "9223372036854775807", "-1"],
            0,
            &[3],
            &[1],
            &[("printMemrefI64", Abi::RankAndPointer), ("_mlir_ciface_printMemref1dI64", Abi::PointerToRanked)],
        ),
        "main",
        ResultKind::Void,
    );
    out += &same_as_upstream(
        &memref_program(
            "i64",
            &["-1", "0", "42"],
            0,
            &[3],
            &[1],
            &[("printMemrefInd", Abi::RankAndPointer), ("_mlir_ciface_printMemrefShapeInd", Abi::PointerToUnranked)],
        ),
        "main",
        ResultKind::Void,
    );
    insta::assert_snapshot!(out);
}

/// Calls each `(function, type, value)` and a newline after each.
fn scalar_program(calls: &[(&str, &str, &str)]) -> String {
    let mut ir = String::from("declare void @printNewline()\n");
    let mut seen = Vec::new();
    for (name, ty, _) in calls {
        if !seen.contains(name) {
            seen.push(name);
            ir += &format!("declare void @{name}({ty})\n");
        }
    }
    ir += "define void @main() {\n";
    for (name, ty, value) in calls {
        let arg = if ty.is_empty() { String::new() } else { format!("{ty} {value}") };
        ir += &format!("  call void @{name}({arg})\n  call void @printNewline()\n");
    }
    ir + "  ret void\n}\n"
}

#[test]
fn print_scalars() {
    let ir = scalar_program(&[
        ("printF32", "float", "1.5"),
        ("printF32", "float", "-0.0"),
        ("printF32", "float", "0x4415AF1D80000000"), // 1e20 rounded to float
        ("printF32", "float", "0x3FD5555560000000"), // 1/3 rounded to float: %g keeps 6 digits
        ("printF32", "float", "0x7FF8000000000000"),
        ("printF32", "float", "0xFFF8000000000000"),
        ("printF32", "float", "0x7FF0000000000000"),
        ("printF32", "float", "0xFFF0000000000000"),
        ("printF32", "float", "0x36A0000000000000"), // a subnormal float
        ("printF64", "double", "1.0e-5"),
        ("printF64", "double", "123456789.0"),
        ("printF64", "double", "0x7FEFFFFFFFFFFFFF"),
        ("printI64", "i64", "-9223372036854775808"),
        ("printU64", "i64", "-1"),
        ("printF16", "i16", "15872"),  // 0x3E00 = 1.5
        ("printF16", "i16", "1"),      // the smallest subnormal
        ("printBF16", "i16", "16320"), // 0x3FC0 = 1.5
        ("printOpen", "", ""),
        ("printComma", "", ""),
        ("printClose", "", ""),
    ]);
    insta::assert_snapshot!(same_as_upstream(&ir, "main", ResultKind::Void));
}

#[test]
fn print_string_and_vector_print_punctuation() {
    let ir = r#"
@s = private constant [7 x i8] c"hello \00"
declare void @printString(ptr)
declare void @printOpen()
declare void @printClose()
declare void @printComma()
declare void @printI64(i64)
declare void @printNewline()
define void @main() {
  call void @printString(ptr @s)
  call void @printOpen()
  call void @printI64(i64 1)
  call void @printComma()
  call void @printI64(i64 2)
  call void @printClose()
  call void @printNewline()
  ret void
}
"#;
    insta::assert_snapshot!(same_as_upstream(ir, "main", ResultKind::Void));
}

#[test]
fn printf_from_the_program_keeps_its_place() {
    // The program's printf and the runtime share C stdout's buffer: the
    // output is in call order although stdout is a pipe (fully buffered).
    let ir = r#"
@fmt = private constant [11 x i8] c"printf %d\0A\00"
@data = private constant [2 x float] [float 1.0, float 2.0]
declare i32 @printf(ptr, ...)
declare i32 @puts(ptr)
declare void @printF32(float)
declare void @printNewline()
declare void @printMemrefF32(i64, ptr)
define void @main() {
  %a = call i32 (ptr, ...) @printf(ptr @fmt, i32 1)
  call void @printF32(float 2.0)
  %b = call i32 (ptr, ...) @printf(ptr @fmt, i32 3)
  call void @printNewline()
  %desc = alloca { ptr, ptr, i64, [1 x i64], [1 x i64] }
  store { ptr, ptr, i64, [1 x i64], [1 x i64] } { ptr @data, ptr @data, i64 0, [1 x i64] [i64 2], [1 x i64] [i64 1] }, ptr %desc
  call void @printMemrefF32(i64 1, ptr %desc)
  %c = call i32 (ptr, ...) @printf(ptr @fmt, i32 4)
  call void @printF32(float 5.0)
  ret void
}
"#;
    let out = same_as_upstream(ir, "main", ResultKind::Void);
    assert!(out.starts_with("printf 1\n2printf 3\n\nUnranked"), "{out}");
    assert!(out.ends_with("printf 4\n5"), "{out}");
    insta::assert_snapshot!(out);
}

#[test]
fn verify_memref_counts_mismatches() {
    let ir = r#"
@a = private constant [4 x float] [float 1.0, float 2.0, float 3.0, float 4.0]
@b = private constant [4 x float] [float 1.0, float 0x4000000020000000, float 3.5, float 0x7FF8000000000000]
declare i64 @verifyMemRefF32(i64, ptr, ptr)
define i64 @main() {
  %da = alloca { ptr, ptr, i64, [1 x i64], [1 x i64] }
  store { ptr, ptr, i64, [1 x i64], [1 x i64] } { ptr @a, ptr @a, i64 0, [1 x i64] [i64 4], [1 x i64] [i64 1] }, ptr %da
  %db = alloca { ptr, ptr, i64, [1 x i64], [1 x i64] }
  store { ptr, ptr, i64, [1 x i64], [1 x i64] } { ptr @b, ptr @b, i64 0, [1 x i64] [i64 4], [1 x i64] [i64 1] }, ptr %db
  %n = call i64 @verifyMemRefF32(i64 1, ptr %da, ptr %db)
  ret i64 %n
}
"#;
    // 2 + 2^-22 is within 1e-6 relative error; 3.5 and nan are not.
    assert_eq!(same_as_upstream(ir, "main", ResultKind::I64), "2\n");
}

#[test]
fn rtclock_advances() {
    let ir = r#"
declare double @rtclock()
declare i64 @_mlir_ciface_nanoTime()
define i32 @main() {
  %t0 = call double @rtclock()
  %n0 = call i64 @_mlir_ciface_nanoTime()
  %t1 = call double @rtclock()
  %n1 = call i64 @_mlir_ciface_nanoTime()
  %a = fcmp oge double %t1, %t0
  %b = icmp sge i64 %n1, %n0
  %recent = fcmp ogt double %t0, 1.7e9
  %ab = and i1 %a, %b
  %ok = and i1 %ab, %recent
  %r = zext i1 %ok to i32
  ret i32 %r
}
"#;
    assert_eq!(same_as_upstream(ir, "main", ResultKind::I32), "1\n");
}

#[test]
fn entry_results_print_as_mlir_runner() {
    let program = |ty: &str, value: &str| format!("define {ty} @main() {{\n  ret {ty} {value}\n}}\n");
    let mut out = String::new();
    for (kind, ty, value) in [
        (ResultKind::I32, "i32", "-42"),
        (ResultKind::I64, "i64", "9223372036854775807"),
        (ResultKind::F32, "float", "3.5"),
        (ResultKind::F32, "float", "0x7FF0000000000000"),
        (ResultKind::F32, "float", "0x7FF8000000000000"),
    ] {
        out += &same_as_upstream(&program(ty, value), "main", kind);
    }
    // f64 is ours only: mlir-runner-22 says "unsupported function type".
    out += &support::ours(&program("double", "0.1"), "main", ResultKind::F64);
    insta::assert_snapshot!(out);
}

#[test]
fn global_constructors_and_destructors_run_around_the_entry() {
    // Listed out of priority order, to check the order they run in.
    let ir = r#"
@llvm.global_ctors = appending global [2 x { i32, ptr, ptr }] [{ i32, ptr, ptr } { i32 200, ptr @late, ptr null }, { i32, ptr, ptr } { i32 100, ptr @early, ptr null }]
@llvm.global_dtors = appending global [2 x { i32, ptr, ptr }] [{ i32, ptr, ptr } { i32 100, ptr @dtor_a, ptr null }, { i32, ptr, ptr } { i32 200, ptr @dtor_b, ptr null }]
@state = internal global i32 0
declare void @printI64(i64)
declare void @printNewline()
define internal void @say(i64 %v) {
  call void @printI64(i64 %v)
  call void @printNewline()
  ret void
}
define internal void @early() {
  store i32 1, ptr @state
  call void @say(i64 1)
  ret void
}
define internal void @late() {
  %s = load i32, ptr @state
  %t = mul i32 %s, 10
  store i32 %t, ptr @state
  call void @say(i64 2)
  ret void
}
define internal void @dtor_a() {
  call void @say(i64 100)
  ret void
}
define internal void @dtor_b() {
  call void @say(i64 200)
  ret void
}
define i32 @main() {
  call void @say(i64 0)
  %s = load i32, ptr @state
  ret i32 %s
}
"#;
    let out = support::ours(ir, "main", ResultKind::I32);
    assert_eq!(out, "1\n2\n0\n100\n200\n10\n");
    if let Some(up) = support::upstream() {
        // mlir-runner-22 prints the result through llvm::outs(), flushed
        // before C stdout when both are pipes: the result line comes
        // first there. ml-jit flushes the program's output first.
        let theirs = up.run_llvm_ir(ir, "main", ResultKind::I32);
        assert_eq!(theirs, "10\n1\n2\n0\n100\n200\n");
    }
}
