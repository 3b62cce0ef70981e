import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ADAPTER_NAMES } from '../activities/ingest/adapters/index.js';
import { listEnabledSources, sourceSchema, upsertSource } from '../warehouse/core.js';
import { Warehouse } from '../warehouse/db.js';
import { migrate } from '../warehouse/migrate.js';
import { ATS_BOARDS, builtinSources } from './builtin-sources.js';

describe('built-in sources', () => {
  it('are valid sources, each read by a registered adapter, with unique ids', () => {
    const sources = builtinSources(true);
    for (const source of sources) {
      expect(() => sourceSchema.parse(source), source.id).not.toThrow();
      expect(ADAPTER_NAMES, source.id).toContain(source.adapter);
    }
    expect(new Set(sources.map((s) => s.id)).size).toBe(sources.length);
  });

  it('stay disabled unless live sources are asked for', () => {
    expect(builtinSources(false).every((s) => !s.enabled)).toBe(true);
    expect(builtinSources(true).every((s) => s.enabled)).toBe(true);
  });

  it('read each ATS board at its public endpoint, named after its company', () => {
    const ats = builtinSources(true).filter((s) => s.adapter in ATS_BOARDS);
    const endpoint: Record<string, RegExp> = {
      greenhouse: /^https:\/\/boards-api\.greenhouse\.io\/v1\/boards\/[a-z0-9]+\/jobs\?content=true$/,
      lever: /^https:\/\/api\.lever\.co\/v0\/postings\/[a-z0-9]+\?mode=json$/,
      ashby: /^https:\/\/api\.ashbyhq\.com\/posting-api\/job-board\/[a-z0-9]+\?includeCompensation=true$/,
      workable: /^https:\/\/apply\.workable\.com\/api\/v1\/widget\/accounts\/[a-z0-9]+$/,
    };

    expect(ats).toHaveLength(Object.values(ATS_BOARDS).flat().length);
    for (const source of ats) {
      expect(source.url, source.id).toMatch(endpoint[source.adapter] as RegExp);
      expect(source.company, source.id).toBeTruthy();
      expect(source.name, source.id).toContain(source.company as string);
    }
  });

  it('keep their company and request limits through the warehouse', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'builtin-sources-'));
    const warehouse = await Warehouse.open(join(dir, 'warehouse.duckdb'));
    try {
      await migrate(warehouse);
      const sources = builtinSources(true);
      const limited = { ...sources[0]!, requestsPerMinute: 30, requestsPerDay: 500 };
      await warehouse.withConnection(async (conn) => {
        for (const source of [limited, ...sources.slice(1)]) await upsertSource(conn, source);
      });

      const stored = await warehouse.withConnection((conn) => listEnabledSources(conn));
      const byId = new Map(stored.map((s) => [s.id, s]));
      expect(byId.get('ashby-nubank')).toMatchObject({ company: 'Nubank', requestsPerMinute: null, requestsPerDay: null });
      expect(byId.get('remotive')).toMatchObject({ company: null });
      expect(byId.get(limited.id)).toMatchObject({ requestsPerMinute: 30, requestsPerDay: 500 });
    } finally {
      warehouse.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
