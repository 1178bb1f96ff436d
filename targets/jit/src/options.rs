//! What the JIT is asked to do: optimisation level, target CPU, result kind.

use std::fmt;
use std::str::FromStr;

use inkwell::OptimizationLevel;

/// `-O0` .. `-O3`: the LLVM pipeline `default<On>` run on the module, and
/// the code generator's level (as mlir-runner's `-On`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum OptLevel {
    O0,
    O1,
    O2,
    O3,
}

impl OptLevel {
    /// The level as a number, 0 to 3.
    pub fn number(self) -> u8 {
        match self {
            OptLevel::O0 => 0,
            OptLevel::O1 => 1,
            OptLevel::O2 => 2,
            OptLevel::O3 => 3,
        }
    }

    /// The level from a number, 0 to 3.
    pub fn from_number(n: u8) -> Option<Self> {
        match n {
            0 => Some(OptLevel::O0),
            1 => Some(OptLevel::O1),
            2 => Some(OptLevel::O2),
            3 => Some(OptLevel::O3),
            _ => None,
        }
    }

    pub(crate) fn codegen(self) -> OptimizationLevel {
        match self {
            OptLevel::O0 => OptimizationLevel::None,
            OptLevel::O1 => OptimizationLevel::Less,
            OptLevel::O2 => OptimizationLevel::Default,
            OptLevel::O3 => OptimizationLevel::Aggressive,
        }
    }
}

/// The CPU that code is generated for.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub enum Cpu {
    /// The machine this runs on, with all its features (what mlir-runner
    /// does).
    #[default]
    Host,
    /// The architecture's baseline (`x86-64`: SSE2 only): reproducible
    /// code whatever the machine.
    Generic,
    /// A named CPU and an LLVM feature string (`"+avx2,-fma"`).
    Named { cpu: String, features: String },
}

/// How to compile a module.
#[derive(Clone, Debug)]
pub struct JitOptions {
    /// `Some(level)`: run LLVM's `default<On>` pipeline and generate code
    /// at that level. `None` (the default), as mlir-runner without `-On`:
    /// no IR pipeline, code generated at LLVM's default level (`O2`).
    pub opt_level: Option<OptLevel>,
    pub cpu: Cpu,
    /// Map the module's `malloc`, `calloc`, `realloc`, `aligned_alloc`,
    /// `posix_memalign` and `free` onto ml-runtime's counted allocator, so
    /// that a run reports its leaks (on by default).
    pub count_allocations: bool,
    /// Functions to resolve calls with before ml-runtime's, by C name
    /// (another runtime: the GPU one of `ml-run --gpu`).
    pub extra_symbols: Vec<(String, usize)>,
}

impl Default for JitOptions {
    fn default() -> Self {
        JitOptions { opt_level: None, cpu: Cpu::default(), count_allocations: true, extra_symbols: Vec::new() }
    }
}

/// The declared result of the entry function, as mlir-runner's
/// `--entry-point-result=void|i32|i64|f32` (plus `f64`, which mlir-runner
/// 22 rejects as "unsupported function type").
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ResultKind {
    Void,
    I32,
    I64,
    F32,
    F64,
}

impl ResultKind {
    /// The spelling on the command line and in messages.
    pub fn name(self) -> &'static str {
        match self {
            ResultKind::Void => "void",
            ResultKind::I32 => "i32",
            ResultKind::I64 => "i64",
            ResultKind::F32 => "f32",
            ResultKind::F64 => "f64",
        }
    }
}

impl fmt::Display for ResultKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for ResultKind {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, String> {
        Ok(match s {
            "void" => ResultKind::Void,
            "i32" => ResultKind::I32,
            "i64" => ResultKind::I64,
            "f32" => ResultKind::F32,
            "f64" => ResultKind::F64,
            _ => return Err(format!("unknown entry point result '{s}' (expected void, i32, i64, f32 or f64)")),
        })
    }
}

/// What an entry function returned.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum EntryValue {
    Void,
    I32(i32),
    I64(i64),
    F32(f32),
    F64(f64),
}

impl fmt::Display for EntryValue {
    /// As mlir-runner prints a result (before its newline): integers in
    /// decimal, floats as `llvm::raw_ostream` does (`%e`, `nan`, `INF`,
    /// `-INF`); nothing for `void`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let float = |f: &mut fmt::Formatter<'_>, v: f64| {
            if v.is_nan() {
                f.write_str("nan")
            } else if v.is_infinite() {
                f.write_str(if v < 0.0 { "-INF" } else { "INF" })
            } else {
                f.write_str(&ml_runtime::format_e(v))
            }
        };
        match *self {
            EntryValue::Void => Ok(()),
            EntryValue::I32(v) => write!(f, "{v}"),
            EntryValue::I64(v) => write!(f, "{v}"),
            EntryValue::F32(v) => float(f, f64::from(v)),
            EntryValue::F64(v) => float(f, v),
        }
    }
}

impl EntryValue {
    /// The bytes mlir-runner prints for this result: the value and a
    /// newline, or nothing for `void`.
    pub fn runner_output(&self) -> String {
        match self {
            EntryValue::Void => String::new(),
            v => format!("{v}\n"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn results_print_as_mlir_runner_prints_them() {
        // Checked against mlir-runner-22 --entry-point-result=...
        assert_eq!(EntryValue::I32(42).runner_output(), "42\n");
        assert_eq!(EntryValue::I64(-7).runner_output(), "-7\n");
        assert_eq!(EntryValue::F32(3.5).runner_output(), "3.500000e+00\n");
        assert_eq!(EntryValue::F32(-0.0).runner_output(), "-0.000000e+00\n");
        assert_eq!(EntryValue::F32(1.0e-40).runner_output(), "9.999946e-41\n");
        assert_eq!(EntryValue::F32(f32::INFINITY).runner_output(), "INF\n");
        assert_eq!(EntryValue::F32(f32::NEG_INFINITY).runner_output(), "-INF\n");
        assert_eq!(EntryValue::F32(-f32::NAN).runner_output(), "nan\n");
        assert_eq!(EntryValue::Void.runner_output(), "");
    }

    #[test]
    fn result_kinds_parse() {
        assert_eq!("f64".parse::<ResultKind>(), Ok(ResultKind::F64));
        assert!("f16".parse::<ResultKind>().is_err());
    }
}
