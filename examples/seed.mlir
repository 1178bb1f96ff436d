// The seed program of the MLIR papers, in their syntax: a function declared
// without visibility, unprefixed op names, `call`, `br`, `addi`, `return`.
// (The papers' text leaves out `-> i32` on @testFunction; see
// lit-tests/IR/legacy-syntax.mlir for that exact text.)
func @thingToCall(i32) -> i32
func @testFunction(%arg0: i32) -> i32 {%x = call @thingToCall(%arg0) : (i32)-> i32 br ^bb1 ^bb1: %y = addi %x, %x:i32 return %y : i32}
