import { createReadStream, realpathSync, statSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, join, normalize, sep } from 'node:path';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.txt': 'text/plain; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.wasm': 'application/wasm',
  '.parquet': 'application/octet-stream',
  '.arrow': 'application/vnd.apache.arrow.file',
};

export interface StaticSite {
  /** The folder served; read at every request, so a rebuilt site is served without a restart. */
  root: string;
  /** Unknown paths without a file extension get index.html: client-side routes of a single-page app. */
  spaFallback: boolean;
  /** Content-Security-Policy for HTML pages. */
  csp: string;
}

/** Resolves a URL path inside the site's folder; null when it would leave the folder or names nothing. */
function resolveFile(root: string, urlPath: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  if (decoded.includes('\0')) return null;
  const candidate = normalize(join(root, decoded));
  let realRoot: string;
  try {
    realRoot = realpathSync(root);
  } catch {
    return null;
  }
  const tryFile = (path: string): string | null => {
    try {
      const real = realpathSync(path);
      if (real !== realRoot && !real.startsWith(realRoot + sep)) return null;
      const stat = statSync(real);
      if (stat.isFile()) return real;
      if (stat.isDirectory()) return tryFile(join(real, 'index.html'));
    } catch {
      return null;
    }
    return null;
  };
  // Evidence writes /page.html-less routes as folders with index.html; Vite writes files.
  return tryFile(candidate) ?? (extname(candidate) === '' ? tryFile(`${candidate}.html`) : null);
}

/**
 * Serves a built site (the web app, the Evidence report). Paths are resolved through realpath and
 * must stay inside the folder, so neither `..` nor a symlink can reach other files. Hashed assets
 * are cached for a year; HTML never, so a rebuild shows at once.
 */
export function serveStatic(site: StaticSite, urlPath: string, req: IncomingMessage, res: ServerResponse): boolean {
  let file = resolveFile(site.root, urlPath);
  if (!file && site.spaFallback && extname(urlPath) === '') file = resolveFile(site.root, '/index.html');
  if (!file) return false;
  const type = TYPES[extname(file)] ?? 'application/octet-stream';
  const headers: Record<string, string> = {
    'content-type': type,
    'x-content-type-options': 'nosniff',
    'cache-control': urlPath.includes('/assets/') || urlPath.includes('/_app/immutable/') ? 'public, max-age=31536000, immutable' : 'no-cache',
  };
  if (type.startsWith('text/html')) {
    headers['content-security-policy'] = site.csp;
    headers['x-frame-options'] = 'DENY';
    headers['referrer-policy'] = 'same-origin';
  }
  res.writeHead(200, headers);
  if (req.method === 'HEAD') {
    res.end();
    return true;
  }
  createReadStream(file)
    .on('error', () => res.destroy())
    .pipe(res);
  return true;
}
