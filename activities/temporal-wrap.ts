import { ApplicationFailure, Context } from '@temporalio/activity';
import { PermanentError } from './errors.js';

const HEARTBEAT_EVERY_MS = 1_000;

/**
 * Runs a stage function as an activity body: heartbeats while it works (so a killed worker is
 * noticed within the heartbeat timeout, not the start-to-close timeout), and reports errors that
 * retrying cannot fix as non-retryable.
 */
export async function asActivity<T>(fn: () => Promise<T>): Promise<T> {
  const ctx = Context.current();
  const timer = setInterval(() => ctx.heartbeat(), HEARTBEAT_EVERY_MS);
  try {
    return await fn();
  } catch (error) {
    if (error instanceof PermanentError) throw ApplicationFailure.nonRetryable(error.message, 'PermanentError');
    throw error;
  } finally {
    clearInterval(timer);
  }
}
