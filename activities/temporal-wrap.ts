import { ApplicationFailure, Context } from '@temporalio/activity';
import { PermanentError } from './errors.js';
import { MAX_RETRY_AFTER_MS, retryAfterMs, retryDelayMs } from './retry-delay.js';

const HEARTBEAT_EVERY_MS = 1_000;

/**
 * Runs a stage function as an activity body: heartbeats while it works (so a killed worker is
 * noticed within the heartbeat timeout, not the start-to-close timeout), reports errors that
 * retrying cannot fix as non-retryable, and sets the next retry's delay (Retry-After, else jittered backoff).
 * `heartbeatDetails` gives what each heartbeat carries: a heartbeat replaces the details of the one
 * before, so an activity that resumes from them must have them in every heartbeat.
 */
export async function asActivity<T>(fn: () => Promise<T>, heartbeatDetails: () => unknown = () => undefined): Promise<T> {
  const ctx = Context.current();
  const timer = setInterval(() => ctx.heartbeat(heartbeatDetails()), HEARTBEAT_EVERY_MS);
  try {
    return await fn();
  } catch (error) {
    if (error instanceof PermanentError) throw ApplicationFailure.nonRetryable(error.message, 'PermanentError');
    const asked = retryAfterMs(error) ?? 0;
    if (asked > MAX_RETRY_AFTER_MS) {
      throw ApplicationFailure.nonRetryable(`${(error as Error).message} and asked to wait ${Math.round(asked / 1000)} s: trying again next run`, (error as Error).name);
    }
    if (error instanceof Error) {
      throw ApplicationFailure.create({ message: error.message, type: error.name, cause: error, nextRetryDelay: retryDelayMs(error, ctx.info.attempt) });
    }
    throw error;
  } finally {
    clearInterval(timer);
  }
}
