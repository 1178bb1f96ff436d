// RUN: toy-opt %s --split-input-file --verify-diagnostics

func.func @bad_transpose(%m: tensor<2x3xf64>) {
  // expected-error@+1 {{'toy.transpose' op cannot transpose 'tensor<2x3xf64>' to 'tensor<2x3xf64>'}}
  %t = toy.transpose(%m : tensor<2x3xf64>) to tensor<2x3xf64>
  return
}

// -----

func.func @short_constant() {
  // expected-error@+1 {{2 values do not fill 'tensor<2x3xf64>'}}
  %c = toy.constant [1.0, 2.0] : tensor<2x3xf64>
  return
}

// -----

func.func @not_f64(%m: tensor<2x3xi32>) {
  // expected-error@+1 {{'toy.print' op}}
  "toy.print"() : () -> ()
  return
}
