// Uploaded résumé files, stored once per content: <root>/<sha256[0..2]>/<sha256>. The name a user
// gave a file never becomes a path; the same file uploaded twice (by anyone) is one file on disk.
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

const SHA256 = /^[0-9a-f]{64}$/;

/** Written under a temporary name in the same folder and renamed, so no reader ever sees half a file. */
export function writeFileAtomic(path: string, write: (temporary: string) => void): void {
  mkdirSync(dirname(path), { recursive: true });
  const temporary = `${path}.${process.pid}.${Date.now()}.tmp`;
  write(temporary);
  renameSync(temporary, path);
}

export class ResumeStore {
  readonly root: string;

  constructor(root: string) {
    this.root = resolve(root);
  }

  pathFor(sha256: string): string {
    if (!SHA256.test(sha256)) throw new Error(`not a sha256: ${sha256}`);
    return join(this.root, sha256.slice(0, 2), sha256);
  }

  /** Stores the bytes under their hash; `stored` is false when the same content was already there. */
  put(bytes: Uint8Array): { sha256: string; stored: boolean } {
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    const path = this.pathFor(sha256);
    if (existsSync(path)) return { sha256, stored: false };
    writeFileAtomic(path, (temporary) => writeFileSync(temporary, bytes, { flag: 'wx' }));
    return { sha256, stored: true };
  }

  read(sha256: string): Buffer {
    return readFileSync(this.pathFor(sha256));
  }

  /** A copy at `target` (the claim-check copy a fetch worker reads), written atomically. */
  copyTo(sha256: string, target: string): void {
    writeFileAtomic(target, (temporary) => copyFileSync(this.pathFor(sha256), temporary));
  }
}
