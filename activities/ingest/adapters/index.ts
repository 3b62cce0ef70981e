import { PermanentError } from '../../errors.js';
import { remotiveAdapter } from './remotive.js';
import { rssAdapter } from './rss.js';
import type { SourceAdapter } from './types.js';

const adapters: Record<string, SourceAdapter> = {
  remotive: remotiveAdapter,
  rss: rssAdapter,
};

export const ADAPTER_NAMES = Object.keys(adapters);

export function adapterFor(name: string): SourceAdapter {
  const adapter = adapters[name];
  if (!adapter) throw new PermanentError(`unknown source adapter "${name}" (known: ${ADAPTER_NAMES.join(', ')})`);
  return adapter;
}

export type { ExtractedPosting, PageContext, RawItem, SourceAdapter } from './types.js';
