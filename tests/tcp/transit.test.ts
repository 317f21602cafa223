import { expect, test } from "bun:test";
import { Transit } from "../../server/tcp/transit.ts";

/** A Transit on a fake wall clock, and chunk times in ns for a given second. */
function fake(start = 1_700_000_000) {
  const clock = { now: start };
  return { clock, transit: new Transit(() => clock.now), ns: (sec: number) => BigInt(Math.round(sec * 1e6)) * 1000n };
}

test("a client clock an hour off, sending promptly, never waited", () => {
  const { clock, transit, ns } = fake();
  for (let i = 0; i < 1000; i++) {
    clock.now += 0.01;
    expect(transit.waited(ns(clock.now - 3600 - 0.001 * (i % 3)))).toBeLessThan(0.003);
  }
});

test("a queue growing in the client shows as waiting beyond the fastest trip", () => {
  const { clock, transit, ns } = fake();
  const made = clock.now - 5; // clocks 5 s apart
  for (let i = 0; i < 100; i++) {
    clock.now += 0.02; // packets arrive every 20 ms, made every 10 ms
    expect(transit.waited(ns(made + 0.01 * i))).toBeCloseTo(0.01 * i, 4);
  }
});

test("waiting is counted up to when the packet began arriving, not its own transfer", () => {
  const { clock, transit, ns } = fake();
  expect(transit.waited(ns(clock.now - 1))).toBe(0);
  const began = clock.now + 0.001;
  clock.now += 0.5; // a big packet took 500 ms to arrive
  expect(transit.waited(ns(began - 1), began)).toBeCloseTo(0, 6);
});

test("chunks made before the newest one seen (a recording sent again) say nothing; the newer ones go on", () => {
  const { clock, transit, ns } = fake();
  const t0 = clock.now;
  for (let i = 0; i < 100; i++) expect(transit.waited(ns(t0 + i))).toBe(0); // a replay: ids 100 s apart, sent at once
  for (let i = 0; i < 100; i++) expect(transit.waited(ns(t0 + i))).toBe(0); // the same again
  clock.now += 1;
  expect(transit.waited(ns(t0 + 98.5))).toBe(0);
  expect(transit.waited(ns(t0 + 99))).toBeCloseTo(1, 4); // in order again (made with the newest): it waited a second longer
});

test("one id from the future does not make every prompt chunk after it look late", () => {
  const { clock, transit, ns } = fake();
  expect(transit.waited(ns(clock.now + 3600))).toBe(0);
  for (let i = 0; i < 100; i++) {
    clock.now += 0.01;
    expect(transit.waited(ns(clock.now))).toBe(0);
  }
});

test("the base delay holds for 5 minutes, then is forgotten (a client clock stepped back)", () => {
  const { clock, transit, ns } = fake();
  const offset = (o: number) => transit.waited(ns(clock.now - o));
  expect(offset(0)).toBe(0);
  clock.now += 3;
  expect(offset(2)).toBeCloseTo(2, 4); // stepped back 2 s: now indistinguishable from waiting
  clock.now += 267; // 4.5 min after the first sample
  expect(offset(2)).toBeCloseTo(2, 4);
  clock.now += 60; // 5.5 min
  expect(offset(2)).toBeCloseTo(0, 4);
});
