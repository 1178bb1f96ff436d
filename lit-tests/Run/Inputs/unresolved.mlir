llvm.func @not_defined_anywhere()
llvm.func @main() {
  llvm.call @not_defined_anywhere() : () -> ()
  llvm.return
}
