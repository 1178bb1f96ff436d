//! Why a module could not be compiled or an entry function not run.

use std::fmt;

/// An error of the JIT. `Display` gives a one-line message; mlir-runner's
/// wording is kept where it has one (after `Error: ` in its output).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum JitError {
    /// LLVM IR text did not parse.
    Parse(String),
    /// The module failed LLVM's verifier.
    InvalidModule(String),
    /// The host target could not be set up, or the module is for another.
    Target(String),
    /// An LLVM pass pipeline failed.
    Passes(String),
    /// Functions or globals the module declares that neither ml-runtime nor
    /// the process defines.
    UnresolvedSymbols(Vec<String>),
    /// The execution engine could not be created.
    Engine(String),
    /// No function of that name with a body.
    EntryNotFound(String),
    /// The entry function takes arguments.
    EntryTakesArguments(String),
    /// The entry function does not return what was declared.
    WrongResultType { entry: String, expected: crate::ResultKind, found: String },
    /// The entry function does not use the C calling convention.
    WrongCallingConvention(String),
    /// The JIT-compiled code was killed by a signal (isolated runs only).
    /// `stdout` holds what it had flushed when output was captured.
    Crashed { signal: i32, stdout: Vec<u8> },
    /// The JIT-compiled code ended the process itself (`exit(code)`)
    /// before returning (isolated runs only).
    Exited { code: i32, stdout: Vec<u8> },
    /// The operating system refused a fork or a pipe.
    Os(String),
}

/// The name of a signal (`SIGSEGV`), or its number.
pub fn signal_name(signal: i32) -> String {
    let name = match signal {
        libc::SIGSEGV => "SIGSEGV",
        libc::SIGBUS => "SIGBUS",
        libc::SIGFPE => "SIGFPE",
        libc::SIGILL => "SIGILL",
        libc::SIGABRT => "SIGABRT",
        libc::SIGTRAP => "SIGTRAP",
        libc::SIGKILL => "SIGKILL",
        libc::SIGTERM => "SIGTERM",
        libc::SIGINT => "SIGINT",
        libc::SIGPIPE => "SIGPIPE",
        _ => return format!("signal {signal}"),
    };
    name.to_string()
}

impl fmt::Display for JitError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            JitError::Parse(m) => write!(f, "could not parse the LLVM IR: {m}"),
            JitError::InvalidModule(m) => write!(f, "invalid LLVM module: {}", m.trim_end()),
            JitError::Target(m) => write!(f, "{m}"),
            JitError::Passes(m) => write!(f, "LLVM pass pipeline failed: {m}"),
            JitError::UnresolvedSymbols(names) => {
                write!(f, "unresolved external symbol")?;
                if names.len() > 1 {
                    write!(f, "s")?;
                }
                let quoted: Vec<String> = names.iter().map(|n| format!("'{n}'")).collect();
                write!(f, " {}", quoted.join(", "))
            }
            JitError::Engine(m) => write!(f, "could not create the JIT: {m}"),
            JitError::EntryNotFound(e) => write!(f, "entry point not found: '{e}'"),
            JitError::EntryTakesArguments(e) => {
                write!(f, "JIT can't invoke a main function expecting arguments ('{e}')")
            }
            JitError::WrongResultType { entry, expected, found } => match expected {
                crate::ResultKind::Void => write!(f, "expected void function ('{entry}' returns {found})"),
                k => write!(f, "only single {k} function result supported ('{entry}' returns {found})"),
            },
            JitError::WrongCallingConvention(e) => {
                write!(f, "entry point '{e}' does not use the C calling convention")
            }
            JitError::Crashed { signal, .. } => {
                write!(f, "the program crashed: {}", signal_name(*signal))
            }
            JitError::Exited { code, .. } => write!(f, "the program exited with code {code} before returning"),
            JitError::Os(m) => write!(f, "{m}"),
        }
    }
}

impl std::error::Error for JitError {}
