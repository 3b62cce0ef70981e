import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

/** Where Debian's `chromium` package puts the browser. */
const DEBIAN_CHROMIUM = '/usr/bin/chromium';
const INSTALL_TIMEOUT_MS = 15 * 60_000;

function run(command: string, args: string[]): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn(command, args, {
      stdio: ['ignore', 'inherit', 'inherit'],
      env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
      timeout: INSTALL_TIMEOUT_MS,
    });
    child.on('error', () => resolve(127));
    child.on('exit', (code) => resolve(code ?? 1));
  });
}

/** apt-get as root, else through sudo (never prompting); it waits for another apt's lock instead of failing. */
async function aptGet(args: string[]): Promise<boolean> {
  const apt = ['apt-get', '-o', 'DPkg::Lock::Timeout=600', ...args];
  const asRoot = process.getuid?.() === 0;
  return (await (asRoot ? run(apt[0] as string, apt.slice(1)) : run('sudo', ['-n', ...apt]))) === 0;
}

/**
 * The Chromium the browser tests drive: CHROMIUM_PATH, else Debian's package, installed when
 * missing (the package lists are refreshed once if the first try fails), else a clear error.
 */
export async function findChromium(): Promise<string> {
  const fromEnv = process.env.CHROMIUM_PATH;
  if (fromEnv) {
    if (!existsSync(fromEnv)) throw new Error(`CHROMIUM_PATH=${fromEnv} is not a file: fix the path or unset it`);
    return fromEnv;
  }
  if (existsSync(DEBIAN_CHROMIUM)) return DEBIAN_CHROMIUM;
  console.log('› installing Chromium for the browser tests (apt-get install chromium)…');
  const install = ['install', '-y', '--no-install-recommends', 'chromium'];
  if (!(await aptGet(install)) && (await aptGet(['update']))) await aptGet(install);
  if (existsSync(DEBIAN_CHROMIUM)) return DEBIAN_CHROMIUM;
  throw new Error(`the browser tests need Chromium: install it (apt-get install chromium, as root) or set CHROMIUM_PATH to a Chromium or Chrome binary`);
}

/**
 * Headless Chromium with nothing running in the background (no updates, sync or network
 * prediction) so a test sees only its own requests. Playwright gives every launch a fresh,
 * throw-away profile (--user-data-dir) itself and refuses one passed in the arguments.
 */
export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: await findChromium(),
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}
