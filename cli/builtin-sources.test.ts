import { describe, expect, it } from 'vitest';
import { ADAPTER_NAMES } from '../activities/ingest/adapters/index.js';
import { sourceSchema } from '../warehouse/core.js';
import { builtinSources } from './builtin-sources.js';

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
});
