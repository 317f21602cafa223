import { expect, test } from "bun:test";
import { ByteQueue } from "../../server/tcp/bytes.ts";

test("takes across chunk boundaries, with views when it can", () => {
  const q = new ByteQueue();
  const a = new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8]);
  q.push(a);
  q.push(new Uint8Array(0));
  q.push(new Uint8Array([9, 10]));
  expect(q.size).toBe(10);
  const first = q.take(3);
  expect([...first]).toEqual([1, 2, 3]);
  expect(first.buffer).toBe(a.buffer); // a view, no copy
  expect([...q.take(6)]).toEqual([4, 5, 6, 7, 8, 9]);
  expect([...q.take(0)]).toEqual([]);
  expect([...q.take(1)]).toEqual([10]);
  expect(q.size).toBe(0);
});

test("copies a small view into a large buffer, and hands out plain Uint8Arrays", () => {
  const q = new ByteQueue();
  const big = new Uint8Array(1 << 16);
  big[100] = 42;
  q.push(big.subarray(100, 101));
  const got = q.take(1);
  expect(got[0]).toBe(42);
  expect(got.buffer.byteLength).toBe(1);
  q.push(Buffer.from([7, 8]));
  expect(q.take(2).constructor).toBe(Uint8Array);
});

test("peek leaves the bytes, skip drops them without copying", () => {
  const q = new ByteQueue();
  const a = new Uint8Array([1, 2, 3, 4]);
  q.push(a);
  q.push(new Uint8Array([5, 6]));
  q.push(new Uint8Array([7, 8, 9]));
  expect([...q.peek(5)]).toEqual([1, 2, 3, 4, 5]);
  expect(q.peek(2).buffer).toBe(a.buffer);
  expect(q.size).toBe(9);
  q.skip(3);
  q.skip(3);
  expect(q.size).toBe(3);
  expect([...q.take(3)]).toEqual([7, 8, 9]);
  q.push(new Uint8Array([10]));
  expect([...q.peek(1)]).toEqual([10]);
});

test("a join starts `lead` zeroed bytes into its buffer, small or large; `whole` tells when no join is needed", () => {
  for (const size of [5, 200_000]) {
    const q = new ByteQueue();
    const a = new Uint8Array(size).fill(1), b = new Uint8Array(size).fill(2);
    q.push(a);
    q.push(b);
    expect(q.whole(0)).toBe(true);
    expect(q.whole(size)).toBe(true);
    expect(q.whole(size + 1)).toBe(false);
    const got = q.take(2 * size, 3);
    expect(got.byteOffset).toBe(3);
    expect(got.buffer.byteLength).toBe(2 * size + 3);
    expect([...new Uint8Array(got.buffer, 0, 3)]).toEqual([0, 0, 0]);
    expect(got.subarray(0, size).every((x) => x === 1) && got.subarray(size).every((x) => x === 2)).toBe(true);
    expect(q.whole(0)).toBe(true); // empty queue: a zero-length take needs nothing
  }
});
