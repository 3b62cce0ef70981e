import { PermanentError } from '../../errors.js';
import { CUSTOM_ADAPTER } from '../custom/config.js';
import { customAdapter } from '../custom/posting.js';
import { arbeitnowAdapter } from './arbeitnow.js';
import { ashbyAdapter } from './ashby.js';
import { getonboardAdapter } from './getonboard.js';
import { greenhouseAdapter } from './greenhouse.js';
import { gupyAdapter } from './gupy.js';
import { himalayasAdapter } from './himalayas.js';
import { jobicyAdapter } from './jobicy.js';
import { leverAdapter } from './lever.js';
import { remoteokAdapter } from './remoteok.js';
import { remotiveAdapter } from './remotive.js';
import { rssAdapter } from './rss.js';
import { workableAdapter } from './workable.js';
import type { SourceAdapter } from './types.js';

const adapters: Record<string, SourceAdapter> = {
  arbeitnow: arbeitnowAdapter,
  ashby: ashbyAdapter,
  // Every user-defined source: its reader maps items to one payload shape, read back by this adapter.
  [CUSTOM_ADAPTER]: customAdapter,
  getonboard: getonboardAdapter,
  greenhouse: greenhouseAdapter,
  gupy: gupyAdapter,
  himalayas: himalayasAdapter,
  jobicy: jobicyAdapter,
  lever: leverAdapter,
  remoteok: remoteokAdapter,
  remotive: remotiveAdapter,
  rss: rssAdapter,
  workable: workableAdapter,
};

export const ADAPTER_NAMES = Object.keys(adapters);

export function adapterFor(name: string): SourceAdapter {
  const adapter = adapters[name];
  if (!adapter) throw new PermanentError(`unknown source adapter "${name}" (known: ${ADAPTER_NAMES.join(', ')})`);
  return adapter;
}

export type { ExtractedPosting, PageContext, RawItem, SourceAdapter } from './types.js';
