import type { Server } from 'node:http';
import { join } from 'node:path';
import { Client, Connection } from '@temporalio/client';
import type { Logger } from 'pino';
import { notifyDeps } from '../activities/notify/notify-activities.js';
import { resumeStoreFor } from '../activities/resume/resume-activities.js';
import { reportSiteFor } from '../activities/publish/report-site.js';
import { eventStreams } from '../api/events.js';
import { checkHealth } from '../api/health.js';
import { ReadModel } from '../api/read-model/read-model.js';
import { createHttpServer, listen } from '../api/http-server.js';
import { Warehouse } from '../warehouse/db.js';
import { migrate } from '../warehouse/migrate.js';
import type { Config } from './config.js';
import { assertPortsFree } from './ports.js';
import { builtinSources } from './builtin-sources.js';
import { DEMO_SOURCES_DIR, demoSources, seedDefaults } from './seed-defaults.js';
import { resolveTemporalCli } from './temporal-cli.js';
import { startDevServer, type DevServer } from './temporal-dev-server.js';
import { QUEUES, startWorkers, type RunningWorkers } from './workers.js';
import { ensureWebBuild } from './web-build.js';

export interface App {
  config: Config;
  warehouse: Warehouse;
  workers: RunningWorkers;
  client: Client;
  httpUrl: string;
  temporalAddress: string;
  temporalUiUrl: string | null;
  /** The API's serving layer: whatever writes the warehouse behind the API's back must tell it what changed. */
  readModel: ReadModel;
  stop(): Promise<void>;
}

/**
 * The app process of ARCHITECTURE.md: owns the warehouse, runs (or joins) Temporal, serves both
 * task queues and the HTTP server. Checks that can fail fast (ports, the warehouse lock) run before
 * anything is started (the Temporal CLI is provisioned before the warehouse is touched); whatever did
 * start is stopped again if a later step fails.
 */
export async function startApp(config: Config, logger: Logger, say: (line: string) => void = () => undefined): Promise<App> {
  const ownServer = config.temporalAddress === null;
  await assertPortsFree(config.httpHost, [
    { port: config.httpPort, what: 'the app HTTP server', envVar: 'PORT' },
    ...(ownServer
      ? [
          { port: config.temporalPort, what: 'Temporal gRPC', envVar: 'TEMPORAL_PORT' },
          { port: config.temporalUiPort, what: 'Temporal Web UI', envVar: 'TEMPORAL_UI_PORT' },
        ]
      : []),
  ]);

  const cliPath = ownServer ? resolveTemporalCli({ projectRoot: config.projectRoot, onProgress: say }) : null;

  const cleanup: (() => Promise<void> | void)[] = [];
  const stop = async () => {
    while (cleanup.length) await cleanup.pop()?.();
  };
  try {
    const warehouse = await Warehouse.open(config.warehousePath, { memoryLimit: config.warehouseMemoryLimit });
    cleanup.push(() => warehouse.close());
    const migrated = await migrate(warehouse);
    say(`› warehouse ${config.warehousePath} at schema version ${migrated.version}${migrated.applied.length ? ` (applied ${migrated.applied.join(', ')})` : ''}`);

    // The web app builds (when its sources changed) while Temporal starts; the server waits for it.
    // WEB_BUILD=off serves whatever web/dist holds, for runs that need only the API.
    const webBuild = process.env.WEB_BUILD === 'off' ? Promise.resolve() : ensureWebBuild({ projectRoot: config.projectRoot, say }).then(() => undefined);
    webBuild.catch(() => undefined); // awaited below; until then a failure elsewhere must not leave it unhandled
    cleanup.push(() => webBuild.catch(() => undefined));

    let dev: DevServer | null = null;
    if (cliPath) {
      say(`› starting the Temporal dev server (${cliPath})…`);
      dev = await startDevServer({
        cliPath,
        dbFile: config.temporalDbFile,
        port: config.temporalPort,
        uiPort: config.temporalUiPort,
        namespace: config.temporalNamespace,
      });
      cleanup.push(() => dev?.stop());
    }
    const temporalAddress = dev?.address ?? (config.temporalAddress as string);

    const connection = await Connection.connect({ address: temporalAddress });
    cleanup.push(() => connection.close());
    const client = new Client({ connection, namespace: config.temporalNamespace });

    say('› starting workers (task queues: pipeline, fetch)…');
    const workers = await startWorkers({
      address: temporalAddress,
      namespace: config.temporalNamespace,
      queues: QUEUES,
      logger,
      config,
      warehouse,
    });
    cleanup.push(() => workers.shutdown());
    workers.done.catch((error: Error) => logger.error({ err: error }, 'a worker stopped'));

    await webBuild;
    const temporalUiUrl = config.temporalUiUrl ?? dev?.uiUrl ?? null;
    const events = eventStreams({ warehouse });
    const readModel = new ReadModel(warehouse);
    cleanup.push(() => readModel.close());
    const server: Server = createHttpServer({
      health: () => checkHealth({ warehouse, temporal: { connection, address: temporalAddress }, workerStates: workers.states }),
      demoSourcesDir: config.demoSources ? join(config.projectRoot, DEMO_SOURCES_DIR) : null,
      warehouse,
      readModel,
      publicUrl: config.publicUrl,
      webDir: join(config.projectRoot, 'web', 'dist'),
      reportsDir: reportSiteFor(config.projectRoot, config.dataDir).siteDir,
      notify: notifyDeps(config, warehouse),
      temporal: client,
      temporalUi: temporalUiUrl ? { url: temporalUiUrl, namespace: config.temporalNamespace } : null,
      events,
      resumes: { store: resumeStoreFor(config), maxBytes: config.resumeMaxBytes },
      logger,
    });
    const port = await listen(server, config.httpPort, config.httpHost);
    cleanup.push(() => new Promise<void>((resolve) => server.close(() => resolve())));
    // Open event streams would keep server.close() waiting: they end first.
    cleanup.push(() => events.close());
    const httpUrl = `http://${config.httpHost}:${port}`;

    await seedDefaults(warehouse, {
      projectRoot: config.projectRoot,
      sources: [...builtinSources(config.liveSources), ...(config.demoSources ? demoSources(`${httpUrl}/demo-sources`) : [])],
      demoProfile: config.demoSources,
    });
    // Seeding wrote sources and a profile behind the API's back. Until the read-ahead is done, the warehouse answers.
    readModel.jobsChanged();
    readModel.warm().catch((error: unknown) => logger.warn({ err: error }, 'the read model could not read ahead; it fills as requests come'));
    return { config, warehouse, workers, client, httpUrl, temporalAddress, temporalUiUrl, readModel, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
