import { parentPort } from 'node:worker_threads';
import { normalizeNdjson } from './normalize-ndjson.js';
import { SkillMatcher, loadTaxonomy } from './skills.js';

const skills = new SkillMatcher(loadTaxonomy());

parentPort?.on('message', (message: { id: number; chunk: Uint8Array }) => {
  parentPort?.postMessage({ id: message.id, result: normalizeNdjson(message.chunk, skills) });
});
