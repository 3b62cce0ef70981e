import { Client, Connection, WorkflowFailedError } from '@temporalio/client';
import { FEATURE_NAMES, type FeatureName } from '../../models/matcher/features.js';
import { failureMessage, matcherVersions, promoteMatcher, retrainMatcher, rollbackMatcher } from '../../workflows/matcher-operations.js';
import { loadConfig } from '../config.js';

const USAGE = `usage: npm run cli -- models <list | promote <version> | rollback | retrain [--features a,b,…]>`;

const fixed = (x: unknown) => (typeof x === 'number' ? x.toFixed(4) : '—');

type Command = { action: 'list' | 'rollback' } | { action: 'promote'; version: string } | { action: 'retrain'; features: FeatureName[] | undefined };

/** The command, or a line saying what is wrong with it. */
function parse(args: string[], featureList: string | undefined): Command | string {
  const [action, version] = args;
  if (action === 'list' || action === 'rollback') return { action };
  if (action === 'promote') return version ? { action, version } : USAGE;
  if (action !== 'retrain') return USAGE;
  if (featureList === undefined) return { action, features: undefined };
  const names = featureList.split(',').map((name) => name.trim());
  const unknown = names.filter((name) => !(FEATURE_NAMES as readonly string[]).includes(name));
  if (unknown.length) return `unknown features ${unknown.join(', ')}: choose from ${FEATURE_NAMES.join(', ')}`;
  return { action, features: names as FeatureName[] };
}

async function run(client: Client, command: Command): Promise<void> {
  switch (command.action) {
    case 'list': {
      const rows = await matcherVersions(client);
      console.table(
        rows.map((v) => ({
          version: v.version,
          status: v.status,
          'NDCG@10': fixed(v.metrics.ndcg10),
          AUC: fixed(v.metrics.auc),
          features: (v.features ?? []).join(', ') || '(card)',
          'training data': v.trainingDataSha256?.slice(0, 12) ?? 'prior',
          created: v.createdAt,
        })),
      );
      return;
    }
    case 'promote': {
      const done = await promoteMatcher(client, command.version, 'promoted from the CLI');
      console.log(`✓ matcher ${done.version} is active (was ${done.previous}); ${done.matches} scores written`);
      return;
    }
    case 'rollback': {
      const done = await rollbackMatcher(client, 'rolled back from the CLI');
      console.log(`✓ rolled back to matcher ${done.version} (was ${done.previous}); ${done.matches} scores written`);
      return;
    }
    case 'retrain': {
      const result = await retrainMatcher(client, { trigger: 'manual', features: command.features });
      console.log(`${result.status === 'promoted' ? '✓' : '·'} ${result.status}: ${result.reason}`);
      return;
    }
  }
}

/**
 * `cli models …`: the matcher registry through Temporal, so it works while the app owns the
 * warehouse (and from any machine that reaches TEMPORAL_ADDRESS); the app's pipeline worker does the work.
 */
export async function models(args: string[], features: string | undefined): Promise<void> {
  const command = parse(args, features);
  if (typeof command === 'string') {
    console.error(command);
    process.exitCode = 2;
    return;
  }
  const config = loadConfig();
  const connection = await Connection.connect({ address: config.temporalAddress ?? `127.0.0.1:${config.temporalPort}` });
  try {
    await run(new Client({ connection, namespace: config.temporalNamespace }), command);
  } catch (error) {
    if (!(error instanceof WorkflowFailedError)) throw error;
    console.error(`✗ ${failureMessage(error)}`);
    process.exitCode = 1;
  } finally {
    await connection.close();
  }
}
