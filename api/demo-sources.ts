import { readFileSync, readdirSync } from 'node:fs';
import { extname, join } from 'node:path';
import type { ServerResponse } from 'node:http';

const TYPES: Record<string, string> = {
  '.json': 'application/json; charset=utf-8',
  '.rss': 'application/rss+xml; charset=utf-8',
  '.xml': 'application/xml; charset=utf-8',
};

/**
 * Serves the bundled demo job feeds, so the default run has sources without internet. Only files
 * present at start-up are served: a request can never name a path outside the folder.
 */
export function demoSourceFiles(dir: string): (name: string, res: ServerResponse) => boolean {
  const files = new Map(readdirSync(dir).filter((f) => TYPES[extname(f)]).map((f) => [f, join(dir, f)]));
  return (name, res) => {
    const path = files.get(name);
    if (!path) return false;
    res.writeHead(200, { 'content-type': TYPES[extname(name)] ?? 'application/octet-stream' });
    res.end(readFileSync(path));
    return true;
  };
}
