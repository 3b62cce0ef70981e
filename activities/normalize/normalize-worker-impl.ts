import { parentPort } from 'node:worker_threads';
import { normalizeToLine, type NormalizeJob } from './posting-row.js';
import { SkillMatcher, loadTaxonomy } from './skills.js';

const skills = new SkillMatcher(loadTaxonomy());

parentPort?.on('message', (message: { id: number; jobs: NormalizeJob[] }) => {
  parentPort?.postMessage({ id: message.id, results: message.jobs.map((job) => normalizeToLine(job, skills)) });
});
