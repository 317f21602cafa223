import { expect, test } from "bun:test";
import { parseDuration } from "../../server/duration.ts";

test("durations with ms, s, m, h suffixes", () => {
  expect(parseDuration("200ms")).toBe(0.2);
  expect(parseDuration("250ms")).toBe(0.25);
  expect(parseDuration("10s")).toBe(10);
  expect(parseDuration("3.2s")).toBe(3.2);
  expect(parseDuration("1.5m")).toBe(90);
  expect(parseDuration("1h")).toBe(3600);
  expect(parseDuration("0s")).toBe(0);
  expect(parseDuration(".5s")).toBe(0.5);
  expect(parseDuration("1e3ms")).toBe(1);
  expect(parseDuration("+2s")).toBe(2);
  expect(parseDuration("infs")).toBe(Infinity);
});

test("bad durations throw one line naming the value", () => {
  const bad: [string, string][] = [
    ["200", `Expected a suffix of 'ms', 's', 'm' or 'h' in string "200"`],
    ["", `Expected a suffix of 'ms', 's', 'm' or 'h' in string ""`],
    ["10 sec", `Expected a suffix of 'ms', 's', 'm' or 'h' in string "10 sec"`],
    ["5d", `Expected a suffix of 'ms', 's', 'm' or 'h' in string "5d"`],
    ["abcs", `Expected a number, got "abc"`],
    ["ms", `Expected a number, got ""`],
    [" 1s", `Expected a number, got " 1"`],
    ["1.2.3s", `Expected a number, got "1.2.3"`],
    ["-1s", `Expected a non-negative duration, got "-1s"`],
    ["nanms", `Expected a non-negative duration, got "nanms"`],
  ];
  for (const [text, message] of bad) {
    expect(() => parseDuration(text)).toThrow(message);
    try {
      parseDuration(text);
    } catch (e) {
      expect((e as Error).message).toBe(message);
    }
  }
});
