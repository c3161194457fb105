;; The served classifier's arithmetic (classifier-kernels.ts compiles this text with wabt at start-up).
;; One kernel, `bag`: into[0, width) += Σ rowWeights[i] · scales[rows[i]] · matrix[rows[i]] over `count` rows of
;; an int8 matrix `width` wide (a multiple of 8), one float32 scale per row. It computes both the embedding bag
;; (the text's rows into the hidden vector) and the output layer (each hidden dimension's row into the logits).
;; A second kernel, `dots`: into[i] = scales[i] · (row i of an int8 matrix `width` wide) · vector, for `count`
;; rows: the cosines between a unit vector and unit rows (the nearest training phrases of nearest-phrases.ts).
;; Sums run in float32 in a fixed order, so scores are deterministic.
(module
  (import "env" "memory" (memory 1))
  (func (export "bag")
    (param $rows i32) (param $rowWeights i32) (param $count i32) (param $matrix i32) (param $scales i32)
    (param $into i32) (param $width i32)
    (local $i i32) (local $rowStart i32) (local $k i32) (local $row i32)
    (local $weight v128) (local $values v128) (local $intoAt i32)
    (local.set $i (i32.const 0))
    (block $done
      (loop $eachRow
        (br_if $done (i32.eqz (i32.lt_u (local.get $i) (local.get $count))))
        (local.set $row (i32.load (i32.add (local.get $rows) (i32.shl (local.get $i) (i32.const 2)))))
        ;; The row's weight times its scale, in all four lanes.
        (local.set $weight
          (f32x4.splat
            (f32.mul
              (f32.load (i32.add (local.get $rowWeights) (i32.shl (local.get $i) (i32.const 2))))
              (f32.load (i32.add (local.get $scales) (i32.shl (local.get $row) (i32.const 2)))))))
        (local.set $rowStart (i32.add (local.get $matrix) (i32.mul (local.get $row) (local.get $width))))
        (local.set $k (i32.const 0))
        ;; Eight int8 values a pass: widened to int16, then each half to int32, converted, scaled and added to two
        ;; float32x4 halves of `into`.
        (loop $eachEight
          (local.set $values (v128.load8x8_s (i32.add (local.get $rowStart) (local.get $k))))
          (local.set $intoAt (i32.add (local.get $into) (i32.shl (local.get $k) (i32.const 2))))
          (v128.store (local.get $intoAt)
            (f32x4.add
              (v128.load (local.get $intoAt))
              (f32x4.mul (f32x4.convert_i32x4_s (i32x4.extend_low_i16x8_s (local.get $values))) (local.get $weight))))
          (v128.store offset=16 (local.get $intoAt)
            (f32x4.add
              (v128.load offset=16 (local.get $intoAt))
              (f32x4.mul (f32x4.convert_i32x4_s (i32x4.extend_high_i16x8_s (local.get $values))) (local.get $weight))))
          (local.set $k (i32.add (local.get $k) (i32.const 8)))
          (br_if $eachEight (i32.lt_u (local.get $k) (local.get $width))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $eachRow))))
  (func (export "dots")
    (param $matrix i32) (param $scales i32) (param $count i32) (param $width i32) (param $vector i32) (param $into i32)
    (local $i i32) (local $rowStart i32) (local $k i32) (local $values v128) (local $low v128) (local $high v128)
    (local.set $i (i32.const 0))
    (block $done
      (loop $eachRow
        (br_if $done (i32.eqz (i32.lt_u (local.get $i) (local.get $count))))
        (local.set $rowStart (i32.add (local.get $matrix) (i32.mul (local.get $i) (local.get $width))))
        (local.set $low (f32x4.splat (f32.const 0)))
        (local.set $high (f32x4.splat (f32.const 0)))
        (local.set $k (i32.const 0))
        ;; Eight int8 values a pass, widened and converted as in `bag`, times eight floats of the vector, summed
        ;; into two float32x4 accumulators.
        (loop $eachEight
          (local.set $values (v128.load8x8_s (i32.add (local.get $rowStart) (local.get $k))))
          (local.set $low
            (f32x4.add (local.get $low)
              (f32x4.mul
                (f32x4.convert_i32x4_s (i32x4.extend_low_i16x8_s (local.get $values)))
                (v128.load (i32.add (local.get $vector) (i32.shl (local.get $k) (i32.const 2)))))))
          (local.set $high
            (f32x4.add (local.get $high)
              (f32x4.mul
                (f32x4.convert_i32x4_s (i32x4.extend_high_i16x8_s (local.get $values)))
                (v128.load offset=16 (i32.add (local.get $vector) (i32.shl (local.get $k) (i32.const 2)))))))
          (local.set $k (i32.add (local.get $k) (i32.const 8)))
          (br_if $eachEight (i32.lt_u (local.get $k) (local.get $width))))
        (local.set $low (f32x4.add (local.get $low) (local.get $high)))
        (f32.store (i32.add (local.get $into) (i32.shl (local.get $i) (i32.const 2)))
          (f32.mul
            (f32.load (i32.add (local.get $scales) (i32.shl (local.get $i) (i32.const 2))))
            (f32.add
              (f32.add (f32x4.extract_lane 0 (local.get $low)) (f32x4.extract_lane 1 (local.get $low)))
              (f32.add (f32x4.extract_lane 2 (local.get $low)) (f32x4.extract_lane 3 (local.get $low))))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $eachRow)))))
