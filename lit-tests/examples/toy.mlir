// RUN: toy-opt %s | FileCheck %s
// RUN: toy-opt %s | toy-opt | FileCheck %s
// RUN: toy-opt %s --mlir-print-op-generic | FileCheck %s --check-prefix=GENERIC
// RUN: not ml-opt %s 2>&1 | FileCheck %s --check-prefix=UNKNOWN

// A dialect from outside the workspace core: its custom syntax parses and
// prints through the same cursor and printer as the builtin dialects.

// CHECK-LABEL: func.func @main
// CHECK-NEXT: %[[C:.*]] = toy.constant [1.000000e+00, 2.000000e+00, 3.000000e+00, 4.000000e+00, 5.000000e+00, 6.000000e+00] : tensor<2x3xf64>
// CHECK-NEXT: %[[T:.*]] = toy.transpose(%[[C]] : tensor<2x3xf64>) to tensor<3x2xf64>
// CHECK-NEXT: toy.print %[[T]] : tensor<3x2xf64>
// GENERIC: "toy.constant"() <{value = dense<{{\[}}[1.000000e+00, 2.000000e+00, 3.000000e+00], [4.000000e+00, 5.000000e+00, 6.000000e+00]]> : tensor<2x3xf64>}>
// GENERIC: "toy.transpose"(%{{.*}}) : (tensor<2x3xf64>) -> tensor<3x2xf64>
// UNKNOWN: error: custom op 'toy.constant' is unknown
func.func @main() {
  %c = toy.constant [1, 2, 3, 4, 5, 6.0] : tensor<2x3xf64>
  %t = toy.transpose(%c : tensor<2x3xf64>) to tensor<3x2xf64>
  toy.print %t : tensor<3x2xf64>
  return
}
