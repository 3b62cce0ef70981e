// A benchmark measures in a child process of itself, so each measured run's peak RSS and heap are
// its own: the parent passes a JSON spec in an environment variable and reads the child's result
// from its last line of output.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { fileURLToPath } from 'node:url';
import { PROJECT_ROOT } from '../cli/config.js';

/** The spec this process was started with by `runInChild`, or null in the parent. */
export function childSpec<T>(variable: string): T | null {
  const spec = process.env[variable];
  return spec ? (JSON.parse(spec) as T) : null;
}

/**
 * Runs the benchmark file `moduleUrl` (its import.meta.url) again with `spec`, and returns what it
 * printed last as JSON; what it writes to stderr (progress) shows as it comes. Asynchronous, so the
 * parent can go on serving what the child reads. `maxOldSpaceMb` raises V8's heap limit; without it
 * the child has Node's default, as the product's processes do (a larger limit also lets V8 collect
 * later, which shows as more memory).
 */
export async function runInChild(moduleUrl: string, variable: string, spec: unknown, what: string, opts: { maxOldSpaceMb?: number } = {}): Promise<unknown> {
  const heap = opts.maxOldSpaceMb ? [`--max-old-space-size=${opts.maxOldSpaceMb}`] : [];
  const running = promisify(execFile)(process.execPath, [...heap, '--import', 'tsx', fileURLToPath(moduleUrl)], {
    cwd: PROJECT_ROOT,
    env: { ...process.env, [variable]: JSON.stringify(spec) },
    encoding: 'utf8',
    maxBuffer: 16 << 20,
  });
  running.child.stderr?.pipe(process.stderr);
  const out = await running.catch((error: Error & { stderr?: string }) => {
    throw new Error(`${what} failed: ${error.stderr ?? error.message}`);
  });
  return JSON.parse(out.stdout.trim().split('\n').pop() as string);
}
