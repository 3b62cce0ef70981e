import { startApp } from '../app.js';
import { loadConfig } from '../config.js';
import { createLogger } from '../logger.js';
import { newPipelineWorkflowId, runPipeline } from '../run-pipeline.js';
import { pipelineEvents } from '../../activities/pipeline-events.js';
import { formatRunSummary } from '../summary.js';
import { ensureDigestSchedule, ensurePipelineSchedule, ensureRetrainSchedule, ensureSkillGapSchedule } from '../../workflows/schedules.js';
import { onShutdownSignal } from './signals.js';

const say = (line: string) => console.log(line);

/** `npm start`: everything on this machine, one pipeline run, then serve until Ctrl-C. */
export async function up(): Promise<void> {
  const started = Date.now();
  const config = loadConfig();
  const logger = createLogger({ level: config.logLevel, file: config.logFile, consoleLevel: 'error' });
  const app = await startApp(config, logger, say);
  const stopped = onShutdownSignal(async (signal) => {
    say(`\n› ${signal}: stopping workers, HTTP server${app.temporalUiUrl ? ' and the Temporal dev server' : ''}…`);
    await app.stop();
  });

  say(`› pipeline schedule ${await ensurePipelineSchedule(app.client)} (every 6 hours)`);
  const digest = { cron: config.digestCron, timezone: config.digestTimezone };
  say(`› weekly digest schedule ${await ensureDigestSchedule(app.client, digest)} (${digest.cron}, ${digest.timezone})`);
  say(`› matcher retraining schedule ${await ensureRetrainSchedule(app.client)} (Sundays 03:00, São Paulo)`);
  say(`› skill-gap refresh schedule ${await ensureSkillGapSchedule(app.client)} (daily 05:00, São Paulo)`);
  say('› running the pipeline once:');
  // Stages are shown as the pipeline's own activities announce them in this process. (Polling the
  // workflow with queries left a gRPC retry timer behind that fired after Ctrl-C closed the
  // connection, and crashed the shutdown.)
  const workflowId = newPipelineWorkflowId('startup');
  const unsubscribe = pipelineEvents(app.warehouse).subscribe((event) => {
    if (event.type === 'stage' && event.state === 'started' && event.workflowId === workflowId) say(`  … ${event.stage}`);
  });
  const { result } = await runPipeline(app.client, { trigger: 'startup', workflowId }).finally(unsubscribe);
  say(await formatRunSummary(app.warehouse, result.runId));
  say('');
  say(`  first run finished in ${((Date.now() - started) / 1000).toFixed(1)} s (workflow ${workflowId})`);
  say(`  health:           ${app.httpUrl}/healthz`);
  say(`  Temporal Web UI:  ${app.temporalUiUrl ?? `(external cluster at ${app.temporalAddress})`}`);
  say(`  report snapshot:  ${config.snapshotPath}`);
  say(`  logs:             ${config.logFile}`);
  say('\n  Serving; the pipeline runs every 6 hours. Ctrl-C stops everything.');
  await stopped;
}
