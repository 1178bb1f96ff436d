//! `docs/dialects/<name>.md` is generated from the op definitions; this
//! test fails when a file is stale. Regenerate with
//! `UPDATE_DOCS=1 cargo test -p dialects-all --test reference_is_fresh`.

use std::path::Path;

#[test]
fn dialect_reference_is_fresh() {
    let ctx = ir::Context::new();
    dialects_all::register_all(&ctx);
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../docs/dialects");
    let update = std::env::var_os("UPDATE_DOCS").is_some();
    let mut stale = Vec::new();
    for dialect in ctx.dialects() {
        let expected = ir::reference::dialect_reference(&dialect);
        let path = dir.join(format!("{}.md", dialect.name));
        if update {
            std::fs::create_dir_all(&dir).expect("docs directory can be created");
            std::fs::write(&path, &expected).expect("reference can be written");
        } else if std::fs::read_to_string(&path).ok().as_deref() != Some(expected.as_str()) {
            stale.push(path.display().to_string());
        }
    }
    assert!(stale.is_empty(), "stale dialect reference (regenerate with UPDATE_DOCS=1): {stale:?}");
}

#[test]
fn every_assembly_format_compiles() {
    let ctx = ir::Context::new();
    dialects_all::register_all(&ctx);
    let errors: Vec<String> = ctx.dialects().iter().flat_map(|d| d.check_formats()).collect();
    assert!(errors.is_empty(), "invalid assembly formats: {errors:#?}");
}

#[test]
fn every_op_has_a_summary() {
    let ctx = ir::Context::new();
    dialects_all::register_all(&ctx);
    let missing: Vec<&str> = ctx
        .dialects()
        .iter()
        .flat_map(|d| d.ops.iter().filter(|o| o.summary.is_empty()).map(|o| o.name).collect::<Vec<_>>())
        .collect();
    assert!(missing.is_empty(), "ops without a summary: {missing:?}");
}
