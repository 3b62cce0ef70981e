import { PROJECT_ROOT } from '../config.js';
import { resolveTemporalCli } from '../temporal-cli.js';

/** Provision the Temporal CLI once, through the same code path as `npm start`, before any test file needs it. */
export default function setup(): void {
  resolveTemporalCli({ projectRoot: PROJECT_ROOT, onProgress: (line) => console.log(line) });
}
