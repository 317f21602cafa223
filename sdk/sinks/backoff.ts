/** The TCP client's retry schedule and texts (spec §1.7): 100 ms, doubling to 3 s; warnings on the 3rd attempt and when a saturated error changes. */
import { warn } from "../warn.ts";

const FIRST_MS = 100;
const MAX_MS = 3000;

/** Retry delays and the warnings Rerun prints while failing. */
export class Backoff {
  attempts = 0;
  private delay = FIRST_MS;
  private lastError = "";

  /** Records a failure; returns how long to wait before the next attempt. */
  fail(error: string): number {
    this.attempts++;
    const wait = this.delay;
    if (this.attempts === 3) warn(`Failed to send message after ${this.attempts} attempts: ${error}`);
    else if (this.delay === MAX_MS && error !== this.lastError) warn(`Still failing to send message after ${this.attempts} attempts: ${error}`);
    this.lastError = error;
    this.delay = Math.min(this.delay * 2, MAX_MS);
    return wait;
  }

  /** After a success. */
  reset(): void {
    this.attempts = 0;
    this.delay = FIRST_MS;
    this.lastError = "";
  }
}
