import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { LogLevel, LogMetadata, Logger as TemporalLogger } from '@temporalio/common';
import pino, { type Logger } from 'pino';

/**
 * Structured JSON logs. Everything at `level` goes to the log file; the console gets `consoleLevel`
 * and up, so `npm start` stays readable while the file keeps the detail.
 */
export function createLogger(opts: { level: string; file?: string; consoleLevel?: string }): Logger {
  const streams: pino.StreamEntry[] = [{ level: (opts.consoleLevel ?? opts.level) as pino.Level, stream: process.stdout }];
  if (opts.file) {
    mkdirSync(dirname(opts.file), { recursive: true });
    streams.push({ level: opts.level as pino.Level, stream: pino.destination({ dest: opts.file, sync: true }) });
  }
  return pino(
    {
      level: opts.level,
      // A task token lets its holder complete the activity: it has no place in a log file.
      redact: { paths: ['taskToken', '*.apiKey', '*.password', '*.token', 'headers.authorization'], remove: true },
    },
    pino.multistream(streams),
  );
}

const LEVELS: Record<LogLevel, 'trace' | 'debug' | 'info' | 'warn' | 'error'> = {
  TRACE: 'trace',
  DEBUG: 'debug',
  INFO: 'info',
  WARN: 'warn',
  ERROR: 'error',
};

/** Temporal's workers and workflow/activity loggers write through pino, carrying workflowId, activityId and friends. */
export function temporalLogger(logger: Logger): TemporalLogger {
  const log = (level: LogLevel, message: string, meta?: LogMetadata) => logger[LEVELS[level]](meta ?? {}, message);
  return {
    log,
    trace: (m, meta) => log('TRACE', m, meta),
    debug: (m, meta) => log('DEBUG', m, meta),
    info: (m, meta) => log('INFO', m, meta),
    warn: (m, meta) => log('WARN', m, meta),
    error: (m, meta) => log('ERROR', m, meta),
  };
}
