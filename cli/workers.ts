import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { NativeConnection, Runtime, Worker, bundleWorkflowCode, type WorkflowBundle } from '@temporalio/worker';
import type { Logger } from 'pino';
import { createOperatorActivities } from '../activities/accounts/operator-activities.js';
import { createFetchActivities } from '../activities/fetch-activities.js';
import { SkillMatcher } from '../activities/normalize/skills.js';
import { loadTaxonomy } from '../activities/normalize/skill-taxonomy.js';
import { createNotifyActivities, notifyDeps } from '../activities/notify/notify-activities.js';
import { createPipelineActivities } from '../activities/pipeline-activities.js';
import { reportSiteFor } from '../activities/publish/report-site.js';
import { anthropicFromEnv, createResumeFetchActivities, createResumePipelineActivities, resumeStoreFor } from '../activities/resume/resume-activities.js';
import { createSkillGapActivities } from '../activities/skills/skill-gap-activities.js';
import { createMatcherFetchActivities, createMatcherPipelineActivities } from '../activities/score/retrain-activities.js';
import { Staging } from '../activities/staging.js';
import type { Warehouse } from '../warehouse/db.js';
import { FETCH_QUEUE, PIPELINE_QUEUE } from '../workflows/task-queues.js';
import type { Config } from './config.js';
import { temporalLogger } from './logger.js';

export type QueueName = typeof PIPELINE_QUEUE | typeof FETCH_QUEUE;
export const QUEUES: QueueName[] = [PIPELINE_QUEUE, FETCH_QUEUE];

const WORKFLOWS_PATH = fileURLToPath(new URL('../workflows/index.ts', import.meta.url));

let runtimeInstalled = false;

/** Temporal's Rust core logs through pino too; the runtime can be installed once per process. */
export function installTemporalRuntime(logger: Logger): void {
  if (runtimeInstalled) return;
  Runtime.install({ logger: temporalLogger(logger.child({ component: 'temporal' })) });
  runtimeInstalled = true;
}

let bundle: Promise<WorkflowBundle> | null = null;

/** Bundled once per process and reused by every pipeline worker. */
function workflowBundle(logger: Logger): Promise<WorkflowBundle> {
  bundle ??= bundleWorkflowCode({ workflowsPath: WORKFLOWS_PATH, logger: temporalLogger(logger.child({ component: 'bundler' })) });
  return bundle;
}

export interface RunningWorkers {
  states(): Record<string, string>;
  shutdown(): Promise<void>;
  /** Settles when every worker has stopped; rejects if one crashed. */
  done: Promise<void>;
}

export interface WorkerOptions {
  address: string;
  namespace: string;
  queues: QueueName[];
  logger: Logger;
  config: Config;
  /** Required for the pipeline queue: its activities own the warehouse. */
  warehouse: Warehouse | null;
}

/** Every activity of the pipeline queue: the ones that read or write the warehouse. */
function pipelineQueueActivities(config: Config, warehouse: Warehouse, staging: Staging) {
  return {
    ...createPipelineActivities({
      warehouse,
      staging,
      skills: new SkillMatcher(loadTaxonomy()),
      snapshotPath: config.snapshotPath,
      reports: config.buildReports ? reportSiteFor(config.projectRoot, config.dataDir) : undefined,
    }),
    ...createNotifyActivities(notifyDeps(config, warehouse)),
    ...createSkillGapActivities({ warehouse }),
    ...createMatcherPipelineActivities({ warehouse, staging, modelsDir: join(config.dataDir, 'models') }),
    ...createResumePipelineActivities({ warehouse, staging, store: resumeStoreFor(config) }),
    ...createOperatorActivities({ warehouse }),
  };
}

/** Every activity of the fetch queue: stateless work (HTTP, parsing, ONNX), never the warehouse. */
function fetchQueueActivities(config: Config, staging: Staging) {
  return {
    ...createFetchActivities({ staging, projectRoot: config.projectRoot, networkPolicy: { allowPrivate: false, allowList: config.sourceAllowList } }),
    ...createMatcherFetchActivities({ staging, projectRoot: config.projectRoot }),
    ...createResumeFetchActivities({ staging, skills: new SkillMatcher(loadTaxonomy()), anthropic: anthropicFromEnv(config), maxBytes: config.resumeMaxBytes }),
  };
}

export async function startWorkers(opts: WorkerOptions): Promise<RunningWorkers> {
  installTemporalRuntime(opts.logger);
  const connection = await NativeConnection.connect({ address: opts.address });
  const workers: Worker[] = [];
  const staging = new Staging(opts.config.stagingDir);
  try {
    for (const queue of opts.queues) {
      if (queue === PIPELINE_QUEUE) {
        if (!opts.warehouse) throw new Error('the pipeline queue needs the warehouse: run it in the process that owns it');
        workers.push(
          await Worker.create({
            connection,
            namespace: opts.namespace,
            taskQueue: PIPELINE_QUEUE,
            workflowBundle: await workflowBundle(opts.logger),
            activities: pipelineQueueActivities(opts.config, opts.warehouse, staging),
            shutdownGraceTime: '5 seconds',
          }),
        );
      } else {
        workers.push(
          await Worker.create({
            connection,
            namespace: opts.namespace,
            taskQueue: FETCH_QUEUE,
            activities: fetchQueueActivities(opts.config, staging),
            shutdownGraceTime: '5 seconds',
          }),
        );
      }
    }
  } catch (error) {
    await connection.close();
    throw error;
  }
  const done = Promise.all(workers.map((w) => w.run())).then(
    () => connection.close(),
    async (error: unknown) => {
      for (const w of workers) if (w.getState() === 'RUNNING') w.shutdown();
      await connection.close();
      throw error;
    },
  );
  return {
    states: () => Object.fromEntries(workers.map((w) => [w.options.taskQueue, w.getState()])),
    async shutdown() {
      for (const w of workers) if (w.getState() === 'RUNNING') w.shutdown();
      await done.catch(() => undefined);
    },
    done,
  };
}
