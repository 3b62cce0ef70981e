#!/usr/bin/env node
// Entry point for `npm start` and `npm test` on a fresh clone. Plain JavaScript on purpose:
// it runs before any dependency (TypeScript, tsx) is installed, and installs them.
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

function run(cmd, args, extraEnv = {}, cwd = root) {
  const result = spawnSync(cmd, args, { cwd, stdio: 'inherit', env: { ...process.env, ...extraEnv } });
  if (result.error) {
    console.error(`could not run ${cmd}: ${result.error.message}`);
    process.exit(1);
  }
  return result.status ?? 1;
}

// What an install depends on: the manifest, the lockfile and any patch-package patches.
function lockDigest(dir) {
  const hash = createHash('sha256');
  const patches = existsSync(join(dir, 'patches')) ? readdirSync(join(dir, 'patches')).sort().map((file) => join('patches', file)) : [];
  for (const file of ['package.json', 'package-lock.json', ...patches]) {
    if (existsSync(join(dir, file))) hash.update(readFileSync(join(dir, file)));
  }
  return hash.digest('hex');
}

/** `npm ci` in `dir` unless its node_modules was installed from the same lockfile. */
function ensureInstalled(dir, label) {
  const stampPath = join(dir, 'node_modules', '.install-stamp');
  const digest = lockDigest(dir);
  if (existsSync(stampPath) && readFileSync(stampPath, 'utf8') === digest) return;
  console.log(`› installing ${label} npm dependencies (first run, or package-lock.json changed)…`);
  // onnxruntime-node would otherwise try to download CUDA libraries, which fails offline.
  const status = run('npm', ['ci', '--no-audit', '--no-fund'], { ONNXRUNTIME_NODE_INSTALL: 'skip' }, dir);
  if (status !== 0) {
    console.error(`npm ci in ${dir} failed: see the output above (is the npm registry reachable?)`);
    process.exit(status);
  }
  writeFileSync(stampPath, digest);
}

function ensureDependencies() {
  ensureInstalled(root, "the app's");
  // The Evidence report is its own npm package: its dependency tree (Svelte, Vite 5, DuckDB-WASM) must not mix with the app's.
  ensureInstalled(join(root, 'reports'), "the report's");
}

const [command = 'up', ...rest] = process.argv.slice(2);
// Checked once per process tree: a test that runs `npm start` inside `npm test` must not reinstall
// node_modules under the suite's feet.
if (!process.env.VAGAS_DEPENDENCIES_CHECKED) {
  ensureDependencies();
  process.env.VAGAS_DEPENDENCIES_CHECKED = '1';
}

const tsx = ['--import', 'tsx'];
if (command === 'test') {
  for (const [label, args] of [
    ['typecheck', ['tsc', '--noEmit', '-p', 'tsconfig.json']],
    ['typecheck web', ['tsc', '--noEmit', '-p', 'web/tsconfig.json']],
    ['lint', ['eslint', '--max-warnings', '0', '.']],
    ['tests', ['vitest', 'run', ...rest]],
  ]) {
    console.log(`› ${label}`);
    const status = run(join(root, 'node_modules', '.bin', args[0]), args.slice(1));
    if (status !== 0) process.exit(status);
  }
} else {
  // `npm run bench [name …]`: bench/run.ts runs the named benchmarks, or all of them.
  const script = command === 'bench' ? [join(root, 'bench', 'run.ts')] : [join(root, 'cli', 'main.ts'), command];
  const child = spawn(process.execPath, [...tsx, ...script, ...rest], { cwd: root, stdio: 'inherit', env: process.env });
  // Ctrl-C reaches the whole process group; a signal sent to this process alone is passed on.
  // Either way the CLI shuts down cleanly and we exit with its status.
  for (const signal of ['SIGINT', 'SIGTERM']) {
    process.on(signal, () => child.kill(signal));
  }
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}
