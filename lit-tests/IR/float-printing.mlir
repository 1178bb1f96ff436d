// RUN: ml-opt %s | FileCheck %s
// RUN: ml-opt %s | ml-opt | FileCheck %s

// Float constants print as upstream prints them (the differential test
// compares this file with mlir-opt-22's output): six fraction digits in
// scientific notation when that reads back to the same value; else
// APFloat's default form, with as many digits as the type needs to read
// back (9 for f32, 17 for f64) and `E` when scientific; else, when that
// has no decimal point, the hex bits. Each form reads back (second RUN).

// CHECK-LABEL: func.func @floats()
// CHECK:  {{.*}} = arith.constant 1.000000e+00 : f32
// CHECK-NEXT:  {{.*}} = arith.constant -5.000000e-01 : f64
// CHECK-NEXT:  {{.*}} = arith.constant 1.000000e-01 : f64
// CHECK-NEXT:  {{.*}} = arith.constant 0.000000e+00 : f32
// CHECK-NEXT:  {{.*}} = arith.constant -0.000000e+00 : f64
// CHECK-NEXT:  {{.*}} = arith.constant 1.2345678899999999 : f64
// CHECK-NEXT:  {{.*}} = arith.constant 0.353553385 : f32
// CHECK-NEXT:  {{.*}} = arith.constant 3.40282347E+38 : f32
// CHECK-NEXT:  {{.*}} = arith.constant 1.000000e-07 : f32
// CHECK-NEXT:  {{.*}} = arith.constant 123456.789 : f32
// CHECK-NEXT:  {{.*}} = arith.constant 0.12345678901230001 : f64
// CHECK-NEXT:  {{.*}} = arith.constant 1.000000e+20 : f32
// CHECK-NEXT:  {{.*}} = arith.constant 3.332520e-01 : f16
// CHECK-NEXT:  {{.*}} = arith.constant 3.339840e-01 : bf16
// CHECK-NEXT:  {{.*}} = arith.constant 1.000000e-300 : f64
// CHECK-NEXT:  {{.*}} = arith.constant 1.17549435E-38 : f32
// CHECK-NEXT:  {{.*}} = arith.constant 0x4170000010000000 : f64
// CHECK-NEXT:  {{.*}} = arith.constant 1.401300e-45 : f32
// CHECK-NEXT:  {{.*}} = arith.constant 4.940660e-324 : f64
// CHECK-NEXT:  {{.*}} = arith.constant 6.550400e+04 : f16
// CHECK-NEXT:  {{.*}} = arith.constant 1.234000e-04 : f32
// CHECK-NEXT:  {{.*}} = arith.constant 0x4132D68700000000 : f64
// CHECK-NEXT:  {{.*}} = arith.constant 2.7182818284590451 : f64
// CHECK-NEXT:  {{.*}} = arith.constant 3.14159274 : f32
// CHECK-NEXT:  {{.*}} = arith.constant 0.999998986 : f32
// CHECK-NEXT:  {{.*}} = arith.constant 9.9999990000000004E-5 : f64
// CHECK-NEXT:  {{.*}} = arith.constant 1.000000e+05 : f32
// CHECK-NEXT:  {{.*}} = arith.constant 1.234500e+03 : f32
// CHECK-NEXT:  {{.*}} = arith.constant -7.3E-12 : f64
func.func @floats() {
  %c0 = arith.constant 1.0 : f32
  %c1 = arith.constant -0.5 : f64
  %c2 = arith.constant 0.1 : f64
  %c3 = arith.constant 0.0 : f32
  %c4 = arith.constant -0.0 : f64
  %c5 = arith.constant 1.23456789 : f64
  %c6 = arith.constant 0.353553385 : f32
  %c7 = arith.constant 3.4028234663852886e38 : f32
  %c8 = arith.constant 1.0e-7 : f32
  %c9 = arith.constant 123456.789 : f32
  %c10 = arith.constant 0.1234567890123 : f64
  %c11 = arith.constant 1.0e20 : f32
  %c12 = arith.constant 0.3333 : f16
  %c13 = arith.constant 0.3333 : bf16
  %c14 = arith.constant 1.0e-300 : f64
  %c15 = arith.constant 1.17549435e-38 : f32
  %c16 = arith.constant 16777217.0 : f64
  %c17 = arith.constant 1.0e-45 : f32
  %c18 = arith.constant 5.0e-324 : f64
  %c19 = arith.constant 65504.0 : f16
  %c20 = arith.constant 0.0001234 : f32
  %c21 = arith.constant 1234567.0 : f64
  %c22 = arith.constant 2.71828182845904523536 : f64
  %c23 = arith.constant 3.14159265 : f32
  %c24 = arith.constant 0.999999 : f32
  %c25 = arith.constant 9.999999e-5 : f64
  %c26 = arith.constant 100000.0 : f32
  %c27 = arith.constant 1234.5 : f32
  %c28 = arith.constant -7.3e-12 : f64
  return
}
