import type { Client } from '@temporalio/client';
import { FEATURE_NAMES, type FeatureName } from '../../models/matcher/features.js';
import { matcherVersions, promoteMatcher, retrainMatcher, rollbackMatcher } from '../../workflows/matcher-operations.js';
import { throughTemporal } from './through-temporal.js';

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

/** `cli models …`: the matcher registry, through Temporal (see throughTemporal). */
export async function models(args: string[], features: string | undefined): Promise<void> {
  const command = parse(args, features);
  if (typeof command === 'string') {
    console.error(command);
    process.exitCode = 2;
    return;
  }
  await throughTemporal((client) => run(client, command));
}
