;; LZ4 block decompression, the WebAssembly half of store/lz4.ts (compiled into store/lz4-wasm-bytes.ts by
;; `bun scripts/wasm.ts`). It checks what the TypeScript decoder checks and returns -1 where that one throws.
(module
  (memory (export "memory") 1)
  ;; Decompresses the block at [src, src+sLen) into [dst, dst+dLen); returns the bytes written, or -1 for
  ;; malformed input. Both regions must be followed by 16 bytes the wild copies may read or overwrite.
  (func (export "decompress") (param $src i32) (param $sLen i32) (param $dst i32) (param $dLen i32) (result i32)
    (local $s i32) (local $send i32) (local $d i32) (local $dend i32)
    (local $token i32) (local $n i32) (local $b i32) (local $off i32) (local $r i32) (local $end i32)
    (local.set $s (local.get $src))
    (local.set $send (i32.add (local.get $src) (local.get $sLen)))
    (local.set $d (local.get $dst))
    (local.set $dend (i32.add (local.get $dst) (local.get $dLen)))
    (loop $seq
      ;; Token: literal length (high nibble) and match length - 4 (low nibble), 15 meaning "more bytes follow".
      (if (i32.ge_u (local.get $s) (local.get $send)) (then (return (i32.const -1))))
      (local.set $token (i32.load8_u (local.get $s)))
      (local.set $s (i32.add (local.get $s) (i32.const 1)))
      (local.set $n (i32.shr_u (local.get $token) (i32.const 4)))
      (if (i32.eq (local.get $n) (i32.const 15))
        (then
          (loop $more
            (if (i32.ge_u (local.get $s) (local.get $send)) (then (return (i32.const -1))))
            (local.set $b (i32.load8_u (local.get $s)))
            (local.set $s (i32.add (local.get $s) (i32.const 1)))
            (local.set $n (i32.add (local.get $n) (local.get $b)))
            (br_if $more (i32.eq (local.get $b) (i32.const 255))))))
      ;; Literals: up to 16 copied as two 8-byte words (the excess lands past them and is overwritten later).
      (if (local.get $n)
        (then
          (if (i32.gt_u (local.get $n) (i32.sub (local.get $send) (local.get $s))) (then (return (i32.const -1))))
          (if (i32.gt_u (local.get $n) (i32.sub (local.get $dend) (local.get $d))) (then (return (i32.const -1))))
          (if (i32.le_u (local.get $n) (i32.const 16))
            (then
              (i64.store (local.get $d) (i64.load (local.get $s)))
              (i64.store offset=8 (local.get $d) (i64.load offset=8 (local.get $s))))
            (else (memory.copy (local.get $d) (local.get $s) (local.get $n))))
          (local.set $s (i32.add (local.get $s) (local.get $n)))
          (local.set $d (i32.add (local.get $d) (local.get $n)))))
      ;; The block ends after literals.
      (if (i32.eq (local.get $s) (local.get $send)) (then (return (i32.sub (local.get $d) (local.get $dst)))))
      (if (i32.lt_u (i32.sub (local.get $send) (local.get $s)) (i32.const 2)) (then (return (i32.const -1))))
      (local.set $off (i32.load16_u (local.get $s)))
      (local.set $s (i32.add (local.get $s) (i32.const 2)))
      (if (i32.or (i32.eqz (local.get $off)) (i32.gt_u (local.get $off) (i32.sub (local.get $d) (local.get $dst))))
        (then (return (i32.const -1))))
      (local.set $n (i32.and (local.get $token) (i32.const 15)))
      (if (i32.eq (local.get $n) (i32.const 15))
        (then
          (loop $more
            (if (i32.ge_u (local.get $s) (local.get $send)) (then (return (i32.const -1))))
            (local.set $b (i32.load8_u (local.get $s)))
            (local.set $s (i32.add (local.get $s) (i32.const 1)))
            (local.set $n (i32.add (local.get $n) (local.get $b)))
            (br_if $more (i32.eq (local.get $b) (i32.const 255))))))
      (local.set $n (i32.add (local.get $n) (i32.const 4)))
      (if (i32.gt_u (local.get $n) (i32.sub (local.get $dend) (local.get $d))) (then (return (i32.const -1))))
      (local.set $r (i32.sub (local.get $d) (local.get $off)))
      (local.set $end (i32.add (local.get $d) (local.get $n)))
      ;; Match: two words when it is short and 8 or more back (each word reads only final bytes), one move
      ;; when it does not overlap its source, else byte by byte (a repeating pattern).
      (if (i32.and (i32.ge_u (local.get $off) (i32.const 8)) (i32.le_u (local.get $n) (i32.const 16)))
        (then
          (i64.store (local.get $d) (i64.load (local.get $r)))
          (i64.store offset=8 (local.get $d) (i64.load offset=8 (local.get $r))))
        (else
          (if (i32.ge_u (local.get $off) (local.get $n))
            (then (memory.copy (local.get $d) (local.get $r) (local.get $n)))
            (else
              (loop $bytes
                (i32.store8 (local.get $d) (i32.load8_u (local.get $r)))
                (local.set $d (i32.add (local.get $d) (i32.const 1)))
                (local.set $r (i32.add (local.get $r) (i32.const 1)))
                (br_if $bytes (i32.lt_u (local.get $d) (local.get $end))))))))
      (local.set $d (local.get $end))
      (br $seq))
    (i32.const -1)))
