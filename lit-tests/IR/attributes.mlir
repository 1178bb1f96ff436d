// RUN: ml-opt %s --allow-unregistered-dialect | FileCheck %s
// RUN: ml-opt %s --allow-unregistered-dialect | ml-opt --allow-unregistered-dialect | FileCheck %s

// Attributes print sorted by name, with upstream's spelling of values.

// CHECK: #map = affine_map<(d0, d1)[s0] -> (d0 + s0, d1 floordiv 2, d0 - d1, -d0, d0 * 3 - 4)>
// CHECK: #map1 = affine_map<(d0) -> (d0 mod 4, d0 ceildiv 8)>
// CHECK-LABEL: "test.scalars"
// CHECK-SAME: {b = true, f32 = 1.500000e+00 : f32, f64 = 1.000000e-01 : f64, hex = 0x7FC00000 : f32, i64 = 42 : i64, i8 = -1 : i8, idx = 3 : index, inf = 0x7F800000 : f32, neg = -5.000000e-01 : f64, u = 255 : ui8, unit}
"test.scalars"() {unit, b = true, i64 = 42, i8 = 255 : i8, u = 255 : ui8, idx = 3 : index,
                  f32 = 1.5 : f32, f64 = 0.1, neg = -0.5, hex = 0x7FC00000 : f32, inf = 0x7F800000 : f32} : () -> ()

// CHECK-LABEL: "test.containers"
// CHECK-SAME: arr = [1 : i32, "two", [3.000000e+00 : f32]]
// CHECK-SAME: dict = {a = 1 : i64, b}
// CHECK-SAME: empty = []
// CHECK-SAME: str = "with \22quotes\22 and \0A newline"
"test.containers"() {arr = [1 : i32, "two", [3.0 : f32]], dict = {b, a = 1}, empty = [],
                     str = "with \"quotes\" and \n newline"} : () -> ()

// CHECK-LABEL: "test.refs"
// CHECK-SAME: nested = @a::@b::@c
// CHECK-SAME: quoted = @"with space"
// CHECK-SAME: sym = @f
// CHECK-SAME: ty = i32
"test.refs"() {sym = @f, nested = @a::@b::@c, quoted = @"with space", ty = i32} : () -> ()

// CHECK-LABEL: "test.dense"
// CHECK-SAME: bools = dense<[true, false]> : tensor<2xi1>
// CHECK-SAME: empty = dense<> : tensor<0xi32>
// CHECK-SAME: hex = dense<1.000000e+00> : tensor<1xf32>
// CHECK-SAME: ints = dense<{{\[}}[1, 2], [3, 4]]> : tensor<2x2xi32>
// CHECK-SAME: same = dense<7> : tensor<3xi64>
// CHECK-SAME: splat = dense<1.000000e+00> : vector<4xf32>
"test.dense"() {ints = dense<[[1, 2], [3, 4]]> : tensor<2x2xi32>, splat = dense<1.0> : vector<4xf32>,
                same = dense<[7, 7, 7]> : tensor<3xi64>, bools = dense<[true, false]> : tensor<2xi1>,
                empty = dense<> : tensor<0xi32>, hex = dense<"0x0000803F"> : tensor<1xf32>} : () -> ()

// CHECK-LABEL: "test.arrays"
// CHECK-SAME: a = array<i64: 1, -2>
// CHECK-SAME: e = array<i32>
// CHECK-SAME: f = array<f32: 1.000000e+00>
// CHECK-SAME: map = #map
// CHECK-SAME: maps = [#map, #map1]
// CHECK-SAME: strided = strided<[4, 1], offset: ?>
"test.arrays"() {a = array<i64: 1, -2>, e = array<i32>, f = array<f32: 1.0>,
                 map = affine_map<(d0, d1)[s0] -> (d0 + s0, d1 floordiv 2, d0 - d1, -d0, d0 * 3 - 4)>,
                 maps = [affine_map<(d0, d1)[s0] -> (d0 + s0, d1 floordiv 2, d0 - d1, -d0, d0 * 3 - 4)>,
                         affine_map<(i) -> (i mod 4, i ceildiv 8)>],
                 strided = strided<[4, 1], offset: ?>} : () -> ()

// CHECK-LABEL: "test.dialect_attrs"
// CHECK-SAME: {fm = #arith.fastmath<fast>, op = #unknown.attr<{a = 1}>}
"test.dialect_attrs"() {fm = #arith.fastmath<fast>, op = #unknown.attr<{a = 1}>} : () -> ()

// Attribute aliases are resolved on input.
#alias = [1, 2]
// CHECK-LABEL: "test.alias"
// CHECK-SAME: {a = [1, 2]}
"test.alias"() {a = #alias} : () -> ()

// Inside arrays, i64 and f64 values leave out their type, as upstream prints them.
// CHECK-LABEL: "test.array_elision"
// CHECK-SAME: {a = [1, 2.500000e+00, 3 : index, 4 : i32, [5]], b = {c = 1 : i64, d = 2.000000e+00 : f64}, e = dense<[1.000000e+00, 2.000000e+00]> : tensor<2xf32>, f = dense<[513, 1027]> : tensor<2xi16>}
"test.array_elision"() {a = [1, 2.5, 3 : index, 4 : i32, [5]], b = {c = 1, d = 2.0}, e = dense<"0x0000803F00000040"> : tensor<2xf32>, f = dense<"0x01020304"> : tensor<2xi16>} : () -> ()
