import { ownBuffer, serveInWorker } from '../worker-pool.js';
import { normalizeNdjson } from './normalize-ndjson.js';
import { SkillMatcher, loadTaxonomy } from './skills.js';

const skills = new SkillMatcher(loadTaxonomy());

// The rows and signatures move back to the main thread rather than being copied.
serveInWorker(
  (chunk: Uint8Array) => normalizeNdjson(chunk, skills),
  (out) => [...ownBuffer(out.rows), ...ownBuffer(out.signatures.values)],
);
