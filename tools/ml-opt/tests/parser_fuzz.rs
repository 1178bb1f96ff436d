//! Property test: mutated MLIR (truncated, spliced, with random bytes and
//! brackets) never makes the parser, verifier or printer panic; it either
//! round-trips or yields a diagnostic with a location.

use std::sync::Arc;

use proptest::prelude::*;

/// Seeds: every lit test input of the repository.
fn seeds() -> Vec<String> {
    test_support::lit_inputs().iter().map(|p| std::fs::read_to_string(p).unwrap_or_default()).collect()
}

fn context() -> Arc<ir::Context> {
    let mut ctx = ir::Context::new();
    ctx.allow_unregistered = true;
    dialects_all::register_all(&ctx);
    Arc::new(ctx)
}

/// Parses, verifies and prints; a diagnostic is a fine outcome, a panic is not.
fn process(text: String) {
    let ctx = context();
    let file = ctx.add_source_file(ir::SourceFile::new("fuzz.mlir", text.into(), 0));
    match ir::syntax::parse_source(&ctx, file) {
        Ok((ir, module)) => {
            if ir::verifier::verify(&ir, module).is_ok() {
                let printed = ir::syntax::print_op(&ir, module, Default::default());
                assert!(printed.starts_with("module") || printed.starts_with('#'), "printed: {printed}");
            }
        }
        Err(diag) => assert!(!diag.message.is_empty()),
    }
}

#[derive(Debug, Clone)]
enum Mutation {
    Truncate(usize),
    Delete(usize, usize),
    Insert(usize, String),
    Duplicate(usize, usize),
}

fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        any::<usize>().prop_map(Mutation::Truncate),
        (any::<usize>(), 1usize..40).prop_map(|(a, n)| Mutation::Delete(a, n)),
        (
            any::<usize>(),
            prop_oneof![
                Just("{".to_string()),
                Just("}".to_string()),
                Just("(".to_string()),
                Just(">".to_string()),
                Just("%".to_string()),
                Just("^bb9:".to_string()),
                Just("\"".to_string()),
                Just("0x".to_string()),
                Just("99999999999999999999999999999999999999999".to_string()),
                Just("!t".to_string()),
                Just("#m".to_string()),
                "[ -~]{1,8}",
            ]
        )
            .prop_map(|(a, s)| Mutation::Insert(a, s)),
        (any::<usize>(), 1usize..200).prop_map(|(a, n)| Mutation::Duplicate(a, n)),
    ]
}

/// The nearest char boundary at or before `i`.
fn boundary(s: &str, i: usize) -> usize {
    let mut i = i % (s.len() + 1);
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

fn apply(mut text: String, m: &Mutation) -> String {
    match m {
        Mutation::Truncate(at) => text.truncate(boundary(&text, *at)),
        Mutation::Delete(at, n) => {
            let a = boundary(&text, *at);
            let b = boundary(&text, (a + n).min(text.len()));
            text.replace_range(a..b.max(a), "");
        }
        Mutation::Insert(at, s) => {
            let a = boundary(&text, *at);
            text.insert_str(a, s);
        }
        Mutation::Duplicate(at, n) => {
            let a = boundary(&text, *at);
            let b = boundary(&text, (a + n).min(text.len()));
            let piece = text[a..b.max(a)].to_string();
            text.insert_str(a, &piece);
        }
    }
    text
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]
    #[test]
    fn mutated_inputs_never_panic(seed in any::<prop::sample::Index>(), mutations in prop::collection::vec(mutation(), 1..4)) {
        let seeds = seeds();
        prop_assume!(!seeds.is_empty());
        let mut text = seeds[seed.index(seeds.len())].clone();
        for m in &mutations {
            text = apply(text, m);
        }
        process(text);
    }
}

#[test]
fn deep_nesting_is_a_diagnostic() {
    for open in ["(", "{", "[", "<", "\"test.op\"() ({"] {
        let text = open.repeat(100_000);
        let ctx = context();
        let file = ctx.add_source_file(ir::SourceFile::new("deep.mlir", text.into(), 0));
        let err = ir::syntax::parse_source(&ctx, file).err().expect("deep nesting is rejected");
        assert!(err.message.contains("nesting is deeper than the limit"), "{}", err.message);
    }
}
