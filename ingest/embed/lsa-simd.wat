;; The LSA training products of ./lsa-kernels.ts in WebAssembly SIMD, two float64 lanes at a time.
;;
;; Every output value gets the same additions in the same order as the JavaScript kernels, and
;; f64x2.add and f64x2.mul round each lane exactly as scalar float64 does (WebAssembly never fuses
;; a multiply into an add), so the results are the JavaScript kernels' bit for bit. What changes is
;; the loop shape: `ax`, `embed` and `project` keep eight output values in registers over every
;; term of a row instead of loading and storing them for each term, and every inner loop does two
;; lanes.
;;
;; Addresses are byte offsets into this module's own memory (the caller copies arrays in and out).
;; Build: `bash ingest/embed/build-simd.sh` (wat2wasm from Debian's `wabt`), which writes
;; ./lsa-simd.wasm.ts; tests/lsa-parallel.test.ts checks every kernel against the JavaScript one.
(module
  (memory (export "memory") 1 65536)

  ;; out[i][0..l) = Σ_p val[p] · x[col[p]][0..l) over row i's terms in order, rows [0, rows):
  ;; rowPtr holds rows + 1 int32 indices into col/val counted from `base`; x is row-major with rows
  ;; of l float64s. out must hold zeros (the caller clears it, as the JavaScript kernel does).
  (func (export "ax")
    (param $rowPtr i32) (param $col i32) (param $val i32) (param $base i32)
    (param $x i32) (param $l i32) (param $out i32) (param $rows i32)
    (local $i i32) (local $p i32) (local $p1 i32) (local $pStart i32) (local $o i32) (local $c i32)
    (local $stride i32) (local $xr i32) (local $v v128)
    (local $a0 v128) (local $a1 v128) (local $a2 v128) (local $a3 v128) (local $s f64)
    (local.set $stride (i32.shl (local.get $l) (i32.const 3)))
    (block $rowsDone
      (loop $row
        (br_if $rowsDone (i32.ge_u (local.get $i) (local.get $rows)))
        (local.set $pStart (i32.sub (i32.load (i32.add (local.get $rowPtr) (i32.shl (local.get $i) (i32.const 2)))) (local.get $base)))
        (local.set $p1 (i32.sub (i32.load (i32.add (local.get $rowPtr) (i32.shl (i32.add (local.get $i) (i32.const 1)) (i32.const 2)))) (local.get $base)))
        (local.set $o (i32.add (local.get $out) (i32.mul (local.get $i) (local.get $stride))))
        (local.set $c (i32.const 0))
        ;; eight columns at a time
        (block $eightsDone
          (loop $eights
            (br_if $eightsDone (i32.gt_u (i32.add (local.get $c) (i32.const 8)) (local.get $l)))
            (local.set $a0 (v128.load offset=0 (i32.add (local.get $o) (i32.shl (local.get $c) (i32.const 3)))))
            (local.set $a1 (v128.load offset=16 (i32.add (local.get $o) (i32.shl (local.get $c) (i32.const 3)))))
            (local.set $a2 (v128.load offset=32 (i32.add (local.get $o) (i32.shl (local.get $c) (i32.const 3)))))
            (local.set $a3 (v128.load offset=48 (i32.add (local.get $o) (i32.shl (local.get $c) (i32.const 3)))))
            (local.set $p (local.get $pStart))
            (block $termsDone
              (loop $terms
                (br_if $termsDone (i32.ge_u (local.get $p) (local.get $p1)))
                (local.set $v (f64x2.splat (f64.load (i32.add (local.get $val) (i32.shl (local.get $p) (i32.const 3))))))
                (local.set $xr (i32.add (i32.add (local.get $x) (i32.mul (i32.load (i32.add (local.get $col) (i32.shl (local.get $p) (i32.const 2)))) (local.get $stride)))
                                        (i32.shl (local.get $c) (i32.const 3))))
                (local.set $a0 (f64x2.add (local.get $a0) (f64x2.mul (local.get $v) (v128.load offset=0 (local.get $xr)))))
                (local.set $a1 (f64x2.add (local.get $a1) (f64x2.mul (local.get $v) (v128.load offset=16 (local.get $xr)))))
                (local.set $a2 (f64x2.add (local.get $a2) (f64x2.mul (local.get $v) (v128.load offset=32 (local.get $xr)))))
                (local.set $a3 (f64x2.add (local.get $a3) (f64x2.mul (local.get $v) (v128.load offset=48 (local.get $xr)))))
                (local.set $p (i32.add (local.get $p) (i32.const 1)))
                (br $terms)))
            (v128.store offset=0 (i32.add (local.get $o) (i32.shl (local.get $c) (i32.const 3))) (local.get $a0))
            (v128.store offset=16 (i32.add (local.get $o) (i32.shl (local.get $c) (i32.const 3))) (local.get $a1))
            (v128.store offset=32 (i32.add (local.get $o) (i32.shl (local.get $c) (i32.const 3))) (local.get $a2))
            (v128.store offset=48 (i32.add (local.get $o) (i32.shl (local.get $c) (i32.const 3))) (local.get $a3))
            (local.set $c (i32.add (local.get $c) (i32.const 8)))
            (br $eights)))
        ;; two at a time
        (block $pairsDone
          (loop $pairs
            (br_if $pairsDone (i32.gt_u (i32.add (local.get $c) (i32.const 2)) (local.get $l)))
            (local.set $a0 (v128.load (i32.add (local.get $o) (i32.shl (local.get $c) (i32.const 3)))))
            (local.set $p (local.get $pStart))
            (block $termsDone
              (loop $terms
                (br_if $termsDone (i32.ge_u (local.get $p) (local.get $p1)))
                (local.set $v (f64x2.splat (f64.load (i32.add (local.get $val) (i32.shl (local.get $p) (i32.const 3))))))
                (local.set $xr (i32.add (i32.add (local.get $x) (i32.mul (i32.load (i32.add (local.get $col) (i32.shl (local.get $p) (i32.const 2)))) (local.get $stride)))
                                        (i32.shl (local.get $c) (i32.const 3))))
                (local.set $a0 (f64x2.add (local.get $a0) (f64x2.mul (local.get $v) (v128.load (local.get $xr)))))
                (local.set $p (i32.add (local.get $p) (i32.const 1)))
                (br $terms)))
            (v128.store (i32.add (local.get $o) (i32.shl (local.get $c) (i32.const 3))) (local.get $a0))
            (local.set $c (i32.add (local.get $c) (i32.const 2)))
            (br $pairs)))
        ;; the last odd column
        (if (i32.lt_u (local.get $c) (local.get $l))
          (then
            (local.set $s (f64.load (i32.add (local.get $o) (i32.shl (local.get $c) (i32.const 3)))))
            (local.set $p (local.get $pStart))
            (block $termsDone
              (loop $terms
                (br_if $termsDone (i32.ge_u (local.get $p) (local.get $p1)))
                (local.set $s (f64.add (local.get $s)
                  (f64.mul (f64.load (i32.add (local.get $val) (i32.shl (local.get $p) (i32.const 3))))
                           (f64.load (i32.add (i32.add (local.get $x) (i32.mul (i32.load (i32.add (local.get $col) (i32.shl (local.get $p) (i32.const 2)))) (local.get $stride)))
                                              (i32.shl (local.get $c) (i32.const 3)))))))
                (local.set $p (i32.add (local.get $p) (i32.const 1)))
                (br $terms)))
            (f64.store (i32.add (local.get $o) (i32.shl (local.get $c) (i32.const 3))) (local.get $s))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $row))))

;; Fold-in of cached rows (lsa.ts embedLsa): for rows [0, rows), acc[c] = Σ_p w[p] · proj[col[p]][c]
  ;; over the row's terms in order, from zero, in float64 (proj is float32, widened exactly), then
  ;; out[i][c] = acc[c] / ‖acc‖ rounded to float32, ‖acc‖² summed for c = 0, 1, … in order; a row
  ;; with ‖acc‖ = 0 embeds to zeros. rowPtr as in `ax`; `acc` is k float64s of scratch.
  (func (export "embed")
    (param $rowPtr i32) (param $col i32) (param $w i32) (param $base i32)
    (param $proj i32) (param $k i32) (param $out i32) (param $rows i32) (param $acc i32)
    (local $i i32) (local $p i32) (local $p1 i32) (local $pStart i32) (local $c i32)
    (local $stride i32) (local $xr i32) (local $v v128)
    (local $a0 v128) (local $a1 v128) (local $a2 v128) (local $a3 v128) (local $s f64) (local $o i32)
    (local.set $stride (i32.shl (local.get $k) (i32.const 2)))
    (block $rowsDone
      (loop $row
        (br_if $rowsDone (i32.ge_u (local.get $i) (local.get $rows)))
        (local.set $pStart (i32.sub (i32.load (i32.add (local.get $rowPtr) (i32.shl (local.get $i) (i32.const 2)))) (local.get $base)))
        (local.set $p1 (i32.sub (i32.load (i32.add (local.get $rowPtr) (i32.shl (i32.add (local.get $i) (i32.const 1)) (i32.const 2)))) (local.get $base)))
        (local.set $c (i32.const 0))
        ;; eight columns at a time, two float32s widened per register
        (block $eightsDone
          (loop $eights
            (br_if $eightsDone (i32.gt_u (i32.add (local.get $c) (i32.const 8)) (local.get $k)))
            (local.set $a0 (v128.const f64x2 0 0))
            (local.set $a1 (v128.const f64x2 0 0))
            (local.set $a2 (v128.const f64x2 0 0))
            (local.set $a3 (v128.const f64x2 0 0))
            (local.set $p (local.get $pStart))
            (block $termsDone
              (loop $terms
                (br_if $termsDone (i32.ge_u (local.get $p) (local.get $p1)))
                (local.set $v (f64x2.splat (f64.load (i32.add (local.get $w) (i32.shl (local.get $p) (i32.const 3))))))
                (local.set $xr (i32.add (i32.add (local.get $proj) (i32.mul (i32.load (i32.add (local.get $col) (i32.shl (local.get $p) (i32.const 2)))) (local.get $stride)))
                                        (i32.shl (local.get $c) (i32.const 2))))
                (local.set $a0 (f64x2.add (local.get $a0) (f64x2.mul (local.get $v) (f64x2.promote_low_f32x4 (v128.load64_zero offset=0 (local.get $xr))))))
                (local.set $a1 (f64x2.add (local.get $a1) (f64x2.mul (local.get $v) (f64x2.promote_low_f32x4 (v128.load64_zero offset=8 (local.get $xr))))))
                (local.set $a2 (f64x2.add (local.get $a2) (f64x2.mul (local.get $v) (f64x2.promote_low_f32x4 (v128.load64_zero offset=16 (local.get $xr))))))
                (local.set $a3 (f64x2.add (local.get $a3) (f64x2.mul (local.get $v) (f64x2.promote_low_f32x4 (v128.load64_zero offset=24 (local.get $xr))))))
                (local.set $p (i32.add (local.get $p) (i32.const 1)))
                (br $terms)))
            (v128.store offset=0 (i32.add (local.get $acc) (i32.shl (local.get $c) (i32.const 3))) (local.get $a0))
            (v128.store offset=16 (i32.add (local.get $acc) (i32.shl (local.get $c) (i32.const 3))) (local.get $a1))
            (v128.store offset=32 (i32.add (local.get $acc) (i32.shl (local.get $c) (i32.const 3))) (local.get $a2))
            (v128.store offset=48 (i32.add (local.get $acc) (i32.shl (local.get $c) (i32.const 3))) (local.get $a3))
            (local.set $c (i32.add (local.get $c) (i32.const 8)))
            (br $eights)))
        ;; two at a time
        (block $pairsDone
          (loop $pairs
            (br_if $pairsDone (i32.gt_u (i32.add (local.get $c) (i32.const 2)) (local.get $k)))
            (local.set $a0 (v128.const f64x2 0 0))
            (local.set $p (local.get $pStart))
            (block $termsDone
              (loop $terms
                (br_if $termsDone (i32.ge_u (local.get $p) (local.get $p1)))
                (local.set $v (f64x2.splat (f64.load (i32.add (local.get $w) (i32.shl (local.get $p) (i32.const 3))))))
                (local.set $xr (i32.add (i32.add (local.get $proj) (i32.mul (i32.load (i32.add (local.get $col) (i32.shl (local.get $p) (i32.const 2)))) (local.get $stride)))
                                        (i32.shl (local.get $c) (i32.const 2))))
                (local.set $a0 (f64x2.add (local.get $a0) (f64x2.mul (local.get $v) (f64x2.promote_low_f32x4 (v128.load64_zero (local.get $xr))))))
                (local.set $p (i32.add (local.get $p) (i32.const 1)))
                (br $terms)))
            (v128.store (i32.add (local.get $acc) (i32.shl (local.get $c) (i32.const 3))) (local.get $a0))
            (local.set $c (i32.add (local.get $c) (i32.const 2)))
            (br $pairs)))
        ;; the last odd column
        (if (i32.lt_u (local.get $c) (local.get $k))
          (then
            (local.set $s (f64.const 0))
            (local.set $p (local.get $pStart))
            (block $termsDone
              (loop $terms
                (br_if $termsDone (i32.ge_u (local.get $p) (local.get $p1)))
                (local.set $s (f64.add (local.get $s)
                  (f64.mul (f64.load (i32.add (local.get $w) (i32.shl (local.get $p) (i32.const 3))))
                           (f64.promote_f32 (f32.load (i32.add (i32.add (local.get $proj) (i32.mul (i32.load (i32.add (local.get $col) (i32.shl (local.get $p) (i32.const 2)))) (local.get $stride)))
                                              (i32.shl (local.get $c) (i32.const 2))))))))
                (local.set $p (i32.add (local.get $p) (i32.const 1)))
                (br $terms)))
            (f64.store (i32.add (local.get $acc) (i32.shl (local.get $c) (i32.const 3))) (local.get $s))))
        ;; the norm, one running sum in column order, then the unit vector (or zeros)
        (local.set $s (f64.const 0))
        (local.set $c (i32.const 0))
        (block $normDone
          (loop $norm
            (br_if $normDone (i32.ge_u (local.get $c) (local.get $k)))
            (local.set $s (f64.add (local.get $s)
              (f64.mul (f64.load (i32.add (local.get $acc) (i32.shl (local.get $c) (i32.const 3))))
                       (f64.load (i32.add (local.get $acc) (i32.shl (local.get $c) (i32.const 3)))))))
            (local.set $c (i32.add (local.get $c) (i32.const 1)))
            (br $norm)))
        (local.set $o (i32.add (local.get $out) (i32.mul (local.get $i) (local.get $stride))))
        (if (f64.eq (local.get $s) (f64.const 0))
          (then (memory.fill (local.get $o) (i32.const 0) (local.get $stride)))
          (else
            (local.set $s (f64.div (f64.const 1) (f64.sqrt (local.get $s))))
            (local.set $c (i32.const 0))
            (block $scaleDone
              (loop $scale
                (br_if $scaleDone (i32.ge_u (local.get $c) (local.get $k)))
                (f32.store (i32.add (local.get $o) (i32.shl (local.get $c) (i32.const 2)))
                  (f32.demote_f64 (f64.mul (f64.load (i32.add (local.get $acc) (i32.shl (local.get $c) (i32.const 3)))) (local.get $s))))
                (local.set $c (i32.add (local.get $c) (i32.const 1)))
                (br $scale)))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $row))))

  ;; y[0..n) += v · x[0..n), each value once: y[i] + v·x[i], as the JavaScript axpy.
  (func $axpy (param $y i32) (param $x i32) (param $v f64) (param $n i32)
    (local $i i32) (local $end i32) (local $vv v128)
    (local.set $vv (f64x2.splat (local.get $v)))
    (local.set $end (i32.shl (local.get $n) (i32.const 3)))
    (block $done
      (loop $pairs
        (br_if $done (i32.gt_u (i32.add (local.get $i) (i32.const 16)) (local.get $end)))
        (v128.store (i32.add (local.get $y) (local.get $i))
          (f64x2.add (v128.load (i32.add (local.get $y) (local.get $i)))
                     (f64x2.mul (local.get $vv) (v128.load (i32.add (local.get $x) (local.get $i))))))
        (local.set $i (i32.add (local.get $i) (i32.const 16)))
        (br $pairs)))
    (if (i32.lt_u (local.get $i) (local.get $end))
      (then
        (f64.store (i32.add (local.get $y) (local.get $i))
          (f64.add (f64.load (i32.add (local.get $y) (local.get $i)))
                   (f64.mul (local.get $v) (f64.load (i32.add (local.get $x) (local.get $i)))))))))

  ;; The upper triangle of zᵀz, rows [from, to) of it, z being n rows of l float64s: out[r][b] for
  ;; b ≥ r sums z[i][r]·z[i][b] over i in order, a row i skipped where z[i][r] is zero.
  (func (export "gram") (param $z i32) (param $n i32) (param $l i32) (param $out i32) (param $from i32) (param $to i32)
    (local $i i32) (local $r i32) (local $o i32) (local $zr f64) (local $stride i32)
    (local.set $stride (i32.shl (local.get $l) (i32.const 3)))
    (block $iDone
      (loop $eachI
        (br_if $iDone (i32.ge_u (local.get $i) (local.get $n)))
        (local.set $o (i32.add (local.get $z) (i32.mul (local.get $i) (local.get $stride))))
        (local.set $r (local.get $from))
        (block $rDone
          (loop $eachR
            (br_if $rDone (i32.ge_u (local.get $r) (local.get $to)))
            (local.set $zr (f64.load (i32.add (local.get $o) (i32.shl (local.get $r) (i32.const 3)))))
            (if (f64.ne (local.get $zr) (f64.const 0))
              (then
                (call $axpy
                  (i32.add (i32.add (local.get $out) (i32.mul (local.get $r) (local.get $stride))) (i32.shl (local.get $r) (i32.const 3)))
                  (i32.add (local.get $o) (i32.shl (local.get $r) (i32.const 3)))
                  (local.get $zr)
                  (i32.sub (local.get $l) (local.get $r)))))
            (local.set $r (i32.add (local.get $r) (i32.const 1)))
            (br $eachR)))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $eachI))))

  ;; out[j][0..k) as float32 for rows [0, rows) of bt (l float64s a row) times w (l × k): row j
  ;; sums bt[j][r] · w[r] over r in order, skipping zero entries, in float64, then rounds once.
  ;; `row` is k float64s of scratch.
  (func (export "project") (param $bt i32) (param $w i32) (param $l i32) (param $k i32) (param $out i32) (param $rows i32) (param $row i32)
    (local $j i32) (local $r i32) (local $c i32) (local $o i32) (local $b f64)
    (block $jDone
      (loop $eachJ
        (br_if $jDone (i32.ge_u (local.get $j) (local.get $rows)))
        (memory.fill (local.get $row) (i32.const 0) (i32.shl (local.get $k) (i32.const 3)))
        (local.set $o (i32.add (local.get $bt) (i32.shl (i32.mul (local.get $j) (local.get $l)) (i32.const 3))))
        (local.set $r (i32.const 0))
        (block $rDone
          (loop $eachR
            (br_if $rDone (i32.ge_u (local.get $r) (local.get $l)))
            (local.set $b (f64.load (i32.add (local.get $o) (i32.shl (local.get $r) (i32.const 3)))))
            (if (f64.ne (local.get $b) (f64.const 0))
              (then (call $axpy (local.get $row) (i32.add (local.get $w) (i32.shl (i32.mul (local.get $r) (local.get $k)) (i32.const 3))) (local.get $b) (local.get $k))))
            (local.set $r (i32.add (local.get $r) (i32.const 1)))
            (br $eachR)))
        (local.set $c (i32.const 0))
        (block $cDone
          (loop $eachC
            (br_if $cDone (i32.ge_u (local.get $c) (local.get $k)))
            (f32.store
              (i32.add (local.get $out) (i32.shl (i32.add (i32.mul (local.get $j) (local.get $k)) (local.get $c)) (i32.const 2)))
              (f32.demote_f64 (f64.load (i32.add (local.get $row) (i32.shl (local.get $c) (i32.const 3))))))
            (local.set $c (i32.add (local.get $c) (i32.const 1)))
            (br $eachC)))
        (local.set $j (i32.add (local.get $j) (i32.const 1)))
        (br $eachJ))))

  ;; a[0..n) · b[0..n) in the JavaScript dotN's four running sums (lanes of two registers), the
  ;; leftover values added to the first, then ((s0 + s1) + s2) + s3.
  (func $dot (param $a i32) (param $b i32) (param $n i32) (result f64)
    (local $i i32) (local $end i32) (local $s01 v128) (local $s23 v128) (local $s0 f64)
    (local.set $end (i32.shl (local.get $n) (i32.const 3)))
    (block $done
      (loop $fours
        (br_if $done (i32.gt_u (i32.add (local.get $i) (i32.const 32)) (local.get $end)))
        (local.set $s01 (f64x2.add (local.get $s01) (f64x2.mul (v128.load (i32.add (local.get $a) (local.get $i))) (v128.load (i32.add (local.get $b) (local.get $i))))))
        (local.set $s23 (f64x2.add (local.get $s23) (f64x2.mul (v128.load offset=16 (i32.add (local.get $a) (local.get $i))) (v128.load offset=16 (i32.add (local.get $b) (local.get $i))))))
        (local.set $i (i32.add (local.get $i) (i32.const 32)))
        (br $fours)))
    (local.set $s0 (f64x2.extract_lane 0 (local.get $s01)))
    (block $done
      (loop $rest
        (br_if $done (i32.ge_u (local.get $i) (local.get $end)))
        (local.set $s0 (f64.add (local.get $s0) (f64.mul (f64.load (i32.add (local.get $a) (local.get $i))) (f64.load (i32.add (local.get $b) (local.get $i))))))
        (local.set $i (i32.add (local.get $i) (i32.const 8)))
        (br $rest)))
    (f64.add (f64.add (f64.add (local.get $s0) (f64x2.extract_lane 1 (local.get $s01))) (f64x2.extract_lane 0 (local.get $s23))) (f64x2.extract_lane 1 (local.get $s23))))

  ;; A step of Gram-Schmidt: each of the nv columns at `v` (n float64s each, one after another)
  ;; loses its part along each of the nu unit columns at `u`, in order.
  (func (export "deflate") (param $u i32) (param $nu i32) (param $v i32) (param $nv i32) (param $n i32)
    (local $c i32) (local $b i32) (local $vc i32) (local $ub i32) (local $d f64) (local $bytes i32)
    (local.set $bytes (i32.shl (local.get $n) (i32.const 3)))
    (block $cDone
      (loop $eachC
        (br_if $cDone (i32.ge_u (local.get $c) (local.get $nv)))
        (local.set $vc (i32.add (local.get $v) (i32.mul (local.get $c) (local.get $bytes))))
        (local.set $b (i32.const 0))
        (block $bDone
          (loop $eachB
            (br_if $bDone (i32.ge_u (local.get $b) (local.get $nu)))
            (local.set $ub (i32.add (local.get $u) (i32.mul (local.get $b) (local.get $bytes))))
            (local.set $d (call $dot (local.get $ub) (local.get $vc) (local.get $n)))
            (if (f64.ne (local.get $d) (f64.const 0))
              (then (call $axpy (local.get $vc) (local.get $ub) (f64.neg (local.get $d)) (local.get $n))))
            (local.set $b (i32.add (local.get $b) (i32.const 1)))
            (br $eachB)))
        (local.set $c (i32.add (local.get $c) (i32.const 1)))
        (br $eachC))))
;; One Jacobi rotation of the eigen-decomposition (lsa.ts symmetricEigen) by (c, s) in the plane
  ;; (p, q): columns p and q of the l × l matrix at `a`, then its rows p and q, then rows p and q
  ;; of `vt` (the eigenvectors, stored transposed so that this is a row too). Each value is
  ;; c·x − s·y or s·x + c·y of its two old values, as in the JavaScript loops.
  (func (export "rotate") (param $a i32) (param $vt i32) (param $l i32) (param $p i32) (param $q i32) (param $c f64) (param $s f64)
    (local $k i32) (local $at i32) (local $stride i32) (local $x f64) (local $y f64)
    (local.set $stride (i32.shl (local.get $l) (i32.const 3)))
    (block $done
      (loop $column
        (br_if $done (i32.ge_u (local.get $k) (local.get $l)))
        (local.set $at (i32.add (local.get $a) (i32.mul (local.get $k) (local.get $stride))))
        (local.set $x (f64.load (i32.add (local.get $at) (i32.shl (local.get $p) (i32.const 3)))))
        (local.set $y (f64.load (i32.add (local.get $at) (i32.shl (local.get $q) (i32.const 3)))))
        (f64.store (i32.add (local.get $at) (i32.shl (local.get $p) (i32.const 3)))
          (f64.sub (f64.mul (local.get $c) (local.get $x)) (f64.mul (local.get $s) (local.get $y))))
        (f64.store (i32.add (local.get $at) (i32.shl (local.get $q) (i32.const 3)))
          (f64.add (f64.mul (local.get $s) (local.get $x)) (f64.mul (local.get $c) (local.get $y))))
        (local.set $k (i32.add (local.get $k) (i32.const 1)))
        (br $column)))
    (call $rotateRows
      (i32.add (local.get $a) (i32.mul (local.get $p) (local.get $stride)))
      (i32.add (local.get $a) (i32.mul (local.get $q) (local.get $stride)))
      (local.get $l) (local.get $c) (local.get $s))
    (call $rotateRows
      (i32.add (local.get $vt) (i32.mul (local.get $p) (local.get $stride)))
      (i32.add (local.get $vt) (i32.mul (local.get $q) (local.get $stride)))
      (local.get $l) (local.get $c) (local.get $s)))

  ;; x[k], y[k] ← c·x[k] − s·y[k], s·x[k] + c·y[k] for k in [0, n), two lanes at a time.
  (func $rotateRows (param $x i32) (param $y i32) (param $n i32) (param $c f64) (param $s f64)
    (local $i i32) (local $end i32) (local $cc v128) (local $ss v128) (local $xv v128) (local $yv v128) (local $xs f64) (local $ys f64)
    (local.set $cc (f64x2.splat (local.get $c)))
    (local.set $ss (f64x2.splat (local.get $s)))
    (local.set $end (i32.shl (local.get $n) (i32.const 3)))
    (block $done
      (loop $pairs
        (br_if $done (i32.gt_u (i32.add (local.get $i) (i32.const 16)) (local.get $end)))
        (local.set $xv (v128.load (i32.add (local.get $x) (local.get $i))))
        (local.set $yv (v128.load (i32.add (local.get $y) (local.get $i))))
        (v128.store (i32.add (local.get $x) (local.get $i))
          (f64x2.sub (f64x2.mul (local.get $cc) (local.get $xv)) (f64x2.mul (local.get $ss) (local.get $yv))))
        (v128.store (i32.add (local.get $y) (local.get $i))
          (f64x2.add (f64x2.mul (local.get $ss) (local.get $xv)) (f64x2.mul (local.get $cc) (local.get $yv))))
        (local.set $i (i32.add (local.get $i) (i32.const 16)))
        (br $pairs)))
    (if (i32.lt_u (local.get $i) (local.get $end))
      (then
        (local.set $xs (f64.load (i32.add (local.get $x) (local.get $i))))
        (local.set $ys (f64.load (i32.add (local.get $y) (local.get $i))))
        (f64.store (i32.add (local.get $x) (local.get $i))
          (f64.sub (f64.mul (local.get $c) (local.get $xs)) (f64.mul (local.get $s) (local.get $ys))))
        (f64.store (i32.add (local.get $y) (local.get $i))
          (f64.add (f64.mul (local.get $s) (local.get $xs)) (f64.mul (local.get $c) (local.get $ys)))))))
)
