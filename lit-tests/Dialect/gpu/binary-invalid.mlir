// RUN: ml-opt %s --split-input-file --verify-diagnostics

module {
  // expected-error@+1 {{'gpu.binary' op attribute 'objects' failed to satisfy constraint: an array of GPU object attributes with at least 1 elements}}
  gpu.binary @empty []
}
