import { Warehouse } from '../../warehouse/db.js';
import { migrate } from '../../warehouse/migrate.js';
import { loadConfig } from '../config.js';
import { createLogger } from '../logger.js';
import { QUEUES, startWorkers, type QueueName } from '../workers.js';
import { onShutdownSignal } from './signals.js';

/**
 * `cli worker --queue fetch`: a worker alone against any Temporal address (the scale-out path).
 * A fetch worker never opens the warehouse; `--queue pipeline` makes this process its owner.
 */
export async function worker(queueArg: string): Promise<void> {
  const queues = queueArg.split(',').map((q) => q.trim());
  const unknown = queues.filter((q) => !QUEUES.includes(q as QueueName));
  if (unknown.length || queues.length === 0) throw new Error(`unknown queue "${unknown.join(',')}": use ${QUEUES.join(', ')} or both, comma-separated`);
  const config = loadConfig();
  const logger = createLogger({ level: config.logLevel });
  const address = config.temporalAddress ?? `127.0.0.1:${config.temporalPort}`;
  let warehouse: Warehouse | null = null;
  if (queues.includes('pipeline')) {
    warehouse = await Warehouse.open(config.warehousePath, { memoryLimit: config.warehouseMemoryLimit });
    await migrate(warehouse);
  }
  const workers = await startWorkers({
    address,
    namespace: config.temporalNamespace,
    queues: queues as QueueName[],
    logger,
    config,
    warehouse,
  });
  logger.info({ queues, address }, 'worker running');
  const stopped = onShutdownSignal(async () => {
    await workers.shutdown();
    warehouse?.close();
  });
  await Promise.race([stopped, workers.done]);
}
