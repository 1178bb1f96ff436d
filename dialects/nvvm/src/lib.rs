//! The nvvm dialect: what NVIDIA GPUs offer beyond the llvm dialect, as
//! `convert-gpu-to-nvvm` produces it: reads of PTX special registers
//! (thread, block and cluster ids and sizes, lanes, clocks), block and warp
//! barriers, warp shuffles, votes and reductions, and the `#nvvm.target`
//! attribute of device modules ([`target`]).
//!
//! ```mlir
//! gpu.module @kernels [#nvvm.target<chip = "sm_80">] {
//!   llvm.func @kernel(%x: f32) attributes {gpu.kernel, nvvm.kernel} {
//!     %tid = nvvm.read.ptx.sreg.tid.x range <i32, 0, 128> : i32
//!     nvvm.barrier0
//!     llvm.return
//!   }
//! }
//! ```

mod registers;
mod sync;
pub mod target;

pub use registers::*;
pub use sync::*;

use ir::Dialect;

/// The unit attribute that marks an `llvm.func` as a kernel (an `.entry`
/// of the PTX, with the PTX kernel calling convention once translated).
pub const KERNEL_ATTR: &str = "nvvm.kernel";
/// The most threads a kernel's block has, per dimension (`array<i32: x, y, z>`).
pub const MAXNTID_ATTR: &str = "nvvm.maxntid";
/// The cluster size a kernel is launched with (`array<i32: x, y, z>`).
pub const CLUSTER_DIM_ATTR: &str = "nvvm.cluster_dim";

/// The address spaces of NVVM: global memory, shared by the threads of a block, constant, local to a thread.
pub const GLOBAL_ADDRESS_SPACE: u32 = 1;
pub const SHARED_ADDRESS_SPACE: u32 = 3;
pub const CONSTANT_ADDRESS_SPACE: u32 = 4;
pub const LOCAL_ADDRESS_SPACE: u32 = 5;

/// The number of lanes of a warp.
pub const WARP_SIZE: i64 = 32;

/// The nvvm dialect.
pub fn dialect() -> Dialect {
    let dialect = Dialect::new("nvvm", "NVIDIA GPUs: PTX special registers, barriers, warp shuffles, votes and reductions.");
    let dialect = registers::register(dialect);
    sync::register(dialect)
}
