import { closeSync, mkdirSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { PermanentError } from './errors.js';

/** Lines encoded and written at a time. */
const LINES_PER_WRITE = 1_000;

/**
 * The claim-check area between the stateless `fetch` queue and the warehouse-owning `pipeline`
 * queue: large results travel as NDJSON files, and only their paths travel through Temporal.
 */
export class Staging {
  readonly root: string;

  constructor(root: string) {
    this.root = resolve(root);
  }

  pathFor(runId: string, stage: string, name: string): string {
    const safe = (part: string) => part.replace(/[^A-Za-z0-9._-]/g, '_');
    return join(this.root, safe(runId), safe(stage), `${safe(name)}.ndjson`);
  }

  /** Written under a temporary name and renamed, so a reader never sees half a file. */
  writeNdjson(path: string, rows: Iterable<unknown>): { path: string; rows: number; bytes: number } {
    const lines: string[] = [];
    for (const row of rows) lines.push(JSON.stringify(row));
    return this.writeNdjsonLines(path, lines);
  }

  /** writeNdjson of rows already written as JSON, one per line (by worker threads, say). */
  writeNdjsonLines(path: string, lines: readonly string[]): { path: string; rows: number; bytes: number } {
    // A piece at a time: a page of postings joined into one text, then encoded, held it twice over.
    const pieces = function* () {
      for (let i = 0; i < lines.length; i += LINES_PER_WRITE) yield Buffer.from(`${lines.slice(i, i + LINES_PER_WRITE).join('\n')}\n`);
    };
    return { ...this.writeNdjsonBytes(path, pieces()), rows: lines.length };
  }

  /** NDJSON already encoded, in pieces that each end with a line's end: a piece is written as it comes. */
  writeNdjsonBytes(path: string, pieces: Iterable<Uint8Array>): { path: string; bytes: number } {
    this.check(path);
    mkdirSync(dirname(path), { recursive: true });
    const temporary = `${path}.${process.pid}.tmp`;
    let bytes = 0;
    try {
      const fd = openSync(temporary, 'w');
      try {
        for (const piece of pieces) {
          for (let written = 0; written < piece.length; ) written += writeSync(fd, piece, written);
          bytes += piece.length;
        }
      } finally {
        closeSync(fd);
      }
      renameSync(temporary, path);
    } catch (error) {
      // A write cut short (ENOSPC above all) must not leave its half file taking the space a retry needs.
      rmSync(temporary, { force: true });
      throw error;
    }
    return { path, bytes };
  }

  /** A staged file another writer makes (DuckDB's COPY, say): it writes a temporary path, renamed once complete, as writeNdjson's are. */
  async writeWith<T>(path: string, write: (temporary: string) => Promise<T>): Promise<T> {
    this.check(path);
    mkdirSync(dirname(path), { recursive: true });
    const temporary = `${path}.${process.pid}.tmp`;
    try {
      const result = await write(temporary);
      renameSync(temporary, path);
      return result;
    } catch (error) {
      rmSync(temporary, { force: true });
      throw error;
    }
  }

  /** Paths come back from activity results; refuse anything outside the staging folder. */
  check(path: string): string {
    const rel = relative(this.root, resolve(path));
    if (rel === '' || rel === '..' || rel.startsWith(`..${sep}`) || isAbsolute(rel)) {
      throw new PermanentError(`staging path ${path} is outside ${this.root}`);
    }
    return resolve(path);
  }
}
