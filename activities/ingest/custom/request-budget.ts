// A provider's published request limits (per minute, per day), kept per API origin in this process.
// Fetch workers are stateless, so the count is per worker process: a second fetch worker or a
// restart starts counting afresh. With the pipeline's 6-hour schedule and a page limit per fetch
// that is far below any daily limit, the per-minute spacing is what matters in practice.
import { sleep } from './reader.js';

export interface RequestLimits {
  per_minute?: number | undefined;
  per_day?: number | undefined;
}

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
/** Waits are cut into slices so a caller can heartbeat (onWait) while it waits. */
const SLICE_MS = 2_000;

export class RequestBudget {
  private readonly sent = new Map<string, number[]>();

  constructor(private readonly now: () => number = Date.now) {}

  /** How long the next request to `key` must wait (0: now), or null when today's budget is spent. */
  delayFor(key: string, limits: RequestLimits): number | null {
    const now = this.now();
    const times = (this.sent.get(key) ?? []).filter((t) => now - t < DAY);
    this.sent.set(key, times);
    if (limits.per_day !== undefined && times.length >= limits.per_day) return null;
    if (limits.per_minute === undefined) return 0;
    const lastMinute = times.filter((t) => now - t < MINUTE);
    if (lastMinute.length < limits.per_minute) return 0;
    // The oldest request of the window leaving it frees one slot.
    return (lastMinute[lastMinute.length - limits.per_minute] ?? now) + MINUTE - now;
  }

  record(key: string): void {
    this.sent.set(key, [...(this.sent.get(key) ?? []), this.now()]);
  }

  /**
   * Waits until a request to `key` is allowed and counts it ('granted'). Counts nothing when today's
   * budget is spent ('spent'), or when waiting would pass `deadline` ('late').
   */
  async take(key: string, limits: RequestLimits, opts: { deadline: number; onWait?: () => void }): Promise<'granted' | 'spent' | 'late'> {
    for (;;) {
      const delay = this.delayFor(key, limits);
      if (delay === null) return 'spent';
      if (this.now() + delay > opts.deadline) return 'late';
      if (delay === 0) {
        this.record(key);
        return 'granted';
      }
      opts.onWait?.();
      await sleep(Math.min(delay, SLICE_MS));
    }
  }
}

/** One budget per worker process, shared by pipeline fetches and users' test fetches alike. */
export const requestBudget = new RequestBudget();
