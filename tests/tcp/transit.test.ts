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

test("the base delay is forgotten after 5 minutes, so a clock stepped back is not waiting forever", () => {
  const { clock, transit, ns } = fake();
  expect(transit.waited(ns(clock.now))).toBe(0);
  clock.now += 1;
  expect(transit.waited(ns(clock.now - 2))).toBeCloseTo(2, 4); // the client's clock was stepped back 2 s
  for (let t = 0; t < 300; t += 10) {
    clock.now += 10;
    transit.waited(ns(clock.now - 2));
  }
  expect(transit.waited(ns(clock.now - 2))).toBeCloseTo(0, 4);
});
