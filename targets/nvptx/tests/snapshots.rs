//! Snapshots of what the NVPTX path makes of the kernels of
//! `lit-tests/Translate/to-ptx.mlir`: the device LLVM IR as it goes to the
//! backend, and the PTX, whole.

use std::sync::Arc;

use ml_nvptx::compile::{gpu_module_to_ptx, translate_gpu_module, PtxOptions};

/// Each chunk of the lit test, parsed: its IR and its gpu.modules.
fn kernels() -> Vec<(ir::Ir, Vec<ir::OpId>)> {
    let ctx = ir::Context::new();
    dialects_all::register_all(&ctx);
    ml_nvptx::register(&ctx);
    let ctx = Arc::new(ctx);
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../lit-tests/Translate/to-ptx.mlir");
    let text = std::fs::read_to_string(path).expect("the lit test");
    text.split("// -----")
        .map(|chunk| {
            let file = ctx.add_source_file(ir::SourceFile::new("to-ptx.mlir", chunk.to_string().into(), 0));
            let (ir, module) = ir::syntax::parse_source(&ctx, file).expect("parses");
            let devices: Vec<ir::OpId> = ir
                .walk_collect(module, ir::body::WalkOrder::PreOrder)
                .into_iter()
                .filter(|&o| ir.isa::<dialect_gpu::GpuModuleOp>(o))
                .collect();
            (ir, devices)
        })
        .collect()
}

#[test]
fn device_llvm_ir_and_ptx() {
    let mut ir_text = String::new();
    let mut ptx_text = String::new();
    for (ir, devices) in kernels() {
        for device in devices {
            let mut options = PtxOptions::for_module(&ir, device);
            // The snapshot must not depend on whether libdevice is installed.
            options.libdevice = ml_nvptx::compile::Libdevice::Never;
            let llvm = inkwell::context::Context::create();
            let code = translate_gpu_module(&ir, device, &llvm, &options).expect("translates");
            ir_text.push_str(&code.llvm_ir());
            let (ptx, unresolved) = gpu_module_to_ptx(&ir, device, &options).expect("compiles");
            ptx_text.push_str(&ptx);
            ptx_text.push_str(&format!("// unresolved: {unresolved:?}\n"));
        }
    }
    insta::assert_snapshot!("device_llvm_ir", ir_text);
    insta::assert_snapshot!("ptx", ptx_text);
}

#[test]
fn libdevice_calls_stay_external_without_libdevice() {
    for (ir, devices) in kernels() {
        for device in devices {
            let mut options = PtxOptions::for_module(&ir, device);
            options.libdevice = ml_nvptx::compile::Libdevice::Never;
            let (ptx, unresolved) = gpu_module_to_ptx(&ir, device, &options).expect("compiles");
            let calls_libdevice = ir.symbol_name(device) == Some("libdevice");
            assert_eq!(unresolved, if calls_libdevice { vec!["__nv_expf".to_string()] } else { Vec::new() });
            assert_eq!(ptx.contains(".extern .func"), calls_libdevice);
        }
    }
}

#[test]
fn ptx_version_is_a_feature() {
    let mut options =
        PtxOptions::for_target(&dialect_nvvm::target::NvvmTarget { features: "+ptx78,+foo".into(), ..Default::default() });
    options.set_ptx_version(80);
    assert_eq!(options.features, "+foo,+ptx80");
}
