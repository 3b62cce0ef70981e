import { serveInWorker } from '../worker-pool.js';
import { normalizeNdjson } from './normalize-ndjson.js';
import { SkillMatcher, loadTaxonomy } from './skills.js';

const skills = new SkillMatcher(loadTaxonomy());

serveInWorker((chunk: Uint8Array) => normalizeNdjson(chunk, skills));
