import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { UserConfig } from 'vite';

/** Written into the build: the digest of the sources it was built from. */
const STAMP_FILE = '.build-stamp';
/** A lock older than this whose owner cannot be checked is taken over: no build takes this long. */
const STALE_LOCK_MS = 10 * 60_000;
const LOCK_WAIT_MS = 5 * 60_000;

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    return entry.isDirectory() ? filesUnder(path) : entry.isFile() ? [path] : [];
  });
}

/** Everything a build depends on: the app's sources and config, the dependency lockfile, and this build step itself. */
export function webSourceDigest(projectRoot: string): string {
  const web = join(projectRoot, 'web');
  const files = [
    fileURLToPath(import.meta.url),
    join(web, 'index.html'),
    join(web, 'vite.config.ts'),
    join(projectRoot, 'package-lock.json'),
    ...filesUnder(join(web, 'src')).sort(),
  ];
  const hash = createHash('sha256');
  for (const file of files) hash.update(relative(projectRoot, file)).update('\0').update(readFileSync(file)).update('\0');
  return hash.digest('hex');
}

function isFresh(dist: string, digest: string): boolean {
  try {
    return existsSync(join(dist, 'index.html')) && readFileSync(join(dist, STAMP_FILE), 'utf8') === digest;
  } catch {
    return false;
  }
}

function ownerAlive(lockDir: string): boolean {
  try {
    const pid = Number(readFileSync(join(lockDir, 'pid'), 'utf8'));
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but is someone else's. Otherwise (no pid file yet, ESRCH) judge by age.
    if ((error as NodeJS.ErrnoException).code === 'EPERM') return true;
    return Date.now() - statSync(lockDir).mtimeMs < STALE_LOCK_MS;
  }
}

/** Takes the lock; false when another live process holds it (a dead owner's lock is cleared first). */
function tryLock(lockDir: string): boolean {
  try {
    mkdirSync(lockDir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    try {
      if (!ownerAlive(lockDir)) rmSync(lockDir, { recursive: true, force: true });
    } catch {
      // released between the two calls: the next try takes it
    }
    return false;
  }
  writeFileSync(join(lockDir, 'pid'), String(process.pid));
  return true;
}

/**
 * One build at a time across processes (test files start apps in parallel; `npm start` may run
 * beside them): the lock is a directory, created atomically, holding its owner's pid.
 */
async function withLock<T>(lockDir: string, work: () => Promise<T>): Promise<T> {
  const deadline = Date.now() + LOCK_WAIT_MS;
  while (!tryLock(lockDir)) {
    if (Date.now() > deadline) throw new Error(`another process has been building the web app for minutes (remove ${lockDir} if none is)`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  try {
    return await work();
  } finally {
    rmSync(lockDir, { recursive: true, force: true });
  }
}

/**
 * Vite's build runs in a child process with NODE_ENV=production: in the caller's process NODE_ENV
 * may be "test" (vitest), and Vite and the React plugin would then make a development build.
 */
function buildInChild(projectRoot: string, outDir: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url), outDir], {
      cwd: projectRoot,
      env: { ...process.env, NODE_ENV: 'production' },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-4_000)));
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(stderr.trim().split('\n')[0] || `vite build exited with ${code}`))));
  });
}

/** The child: `node --import tsx cli/web-build.ts <outDir>` builds web/ with its vite.config.ts. */
async function buildWeb(outDir: string): Promise<void> {
  const web = join(dirname(fileURLToPath(import.meta.url)), '..', 'web');
  const [{ build }, { default: config }] = await Promise.all([
    import('vite'),
    import(pathToFileURL(join(web, 'vite.config.ts')).href) as Promise<{ default: UserConfig }>,
  ]);
  await build({ ...config, configFile: false, logLevel: 'silent', build: { ...config.build, outDir, emptyOutDir: true } });
}

/**
 * Builds web/ into web/dist with Vite when the build is missing or was made from other sources.
 * The new build is written beside the old one and swapped in, so a running server never serves a
 * half-written folder.
 */
export async function ensureWebBuild(opts: { projectRoot: string; say?: (line: string) => void }): Promise<'fresh' | 'built'> {
  const web = join(opts.projectRoot, 'web');
  const dist = join(web, 'dist');
  const digest = webSourceDigest(opts.projectRoot);
  if (isFresh(dist, digest)) return 'fresh';
  return withLock(join(web, '.build-lock'), async () => {
    if (isFresh(dist, digest)) return 'fresh'; // built by the process we waited for
    const started = Date.now();
    opts.say?.('› building the web app (web/ → web/dist)…');
    const out = join(web, `.dist-${process.pid}`);
    const old = join(web, `.dist-old-${process.pid}`);
    try {
      await buildInChild(opts.projectRoot, out);
      writeFileSync(join(out, STAMP_FILE), digest);
      rmSync(old, { recursive: true, force: true });
      if (existsSync(dist)) renameSync(dist, old);
      renameSync(out, dist);
    } catch (error) {
      throw new Error(`the web app did not build: ${(error as Error).message.split('\n')[0]}`, { cause: error });
    } finally {
      rmSync(out, { recursive: true, force: true });
      rmSync(old, { recursive: true, force: true });
    }
    opts.say?.(`› web app built in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    return 'built';
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  buildWeb(process.argv[2] ?? '').catch((error: Error) => {
    console.error(error.message);
    process.exit(1);
  });
}
