//! Every registered pass and named pipeline has a kebab-case name, a
//! summary, and a lit test named like its flag (`lit-tests/**/<name>.mlir`)
//! that runs it.

#[test]
fn every_pass_is_named_summarised_and_tested() {
    let mut registry = ir::pass::PassRegistry::new();
    passes_all::register_all(&mut registry);
    let inputs = test_support::lit_inputs();
    let mut problems = Vec::new();
    let named = registry.passes().map(|p| (p.name, p.summary)).chain(registry.pipelines().map(|p| (p.name, p.summary)));
    for (name, summary) in named {
        if name.is_empty() || !name.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-') {
            problems.push(format!("'{}' is not a kebab-case name", name));
        }
        if summary.is_empty() {
            problems.push(format!("'{}' has no summary", name));
        }
        let test = inputs.iter().find(|p| p.file_stem().is_some_and(|s| s == name));
        match test.map(std::fs::read_to_string) {
            Some(Ok(text)) if text.contains(&format!("--{}", name)) || text.contains(&format!("({}", name)) => {}
            Some(_) => problems.push(format!("the lit test of '{}' does not run it", name)),
            None => problems.push(format!("'{}' has no lit test named {}.mlir", name, name)),
        }
    }
    assert!(problems.is_empty(), "{problems:#?}");
}
