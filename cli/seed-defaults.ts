import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { upsertProfile, type Profile } from '../warehouse/app.js';
import { upsertSource, type SourceInput } from '../warehouse/core.js';
import type { Warehouse } from '../warehouse/db.js';
import { registerModelVersion } from '../warehouse/ml.js';

export const DEMO_SOURCES_DIR = 'fixtures/demo-sources';

export function demoSources(baseUrl: string): SourceInput[] {
  const common = { enabled: true, timeoutMs: 10_000, maxBytes: 5 * 1024 * 1024, maxPages: 1, pageDelayMs: 0 };
  return [
    { id: 'demo-remotive', name: 'Demo: Remotive-style JSON API', kind: 'json_api', adapter: 'remotive', url: `${baseUrl}/remotive.json`, ...common },
    { id: 'demo-wwr', name: 'Demo: We Work Remotely-style RSS', kind: 'rss', adapter: 'rss', url: `${baseUrl}/weworkremotely.rss`, ...common },
  ];
}

/**
 * What a fresh warehouse needs to run the pipeline: the shipped matcher v1 in the registry and,
 * on the embedded default, the bundled demo sources and a demo profile. Idempotent.
 */
export async function seedDefaults(warehouse: Warehouse, opts: { projectRoot: string; sources: SourceInput[]; demoProfile: boolean }): Promise<void> {
  const card = JSON.parse(readFileSync(join(opts.projectRoot, 'models/matcher/v1/card.json'), 'utf8')) as { sha256: string; metrics: Record<string, number> };
  const profile = JSON.parse(readFileSync(join(opts.projectRoot, 'fixtures/profiles/demo.json'), 'utf8')) as Profile;
  await warehouse.transaction(async (conn) => {
    await registerModelVersion(conn, {
      name: 'matcher',
      version: 'v1',
      path: 'models/matcher/v1/model.onnx',
      sha256: card.sha256,
      metrics: card.metrics,
      status: 'active',
    });
    for (const source of opts.sources) await upsertSource(conn, source);
    if (opts.demoProfile) await upsertProfile(conn, profile);
  });
}
