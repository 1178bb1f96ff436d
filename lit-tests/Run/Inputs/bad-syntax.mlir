llvm.func @main() {
  llvm.return %missing : i32
}
