// Reads a ZIP's central directory by hand so a DOCX can be judged (is it Word? is it a bomb?)
// before mammoth/JSZip inflates anything into memory.
import { inflateRawSync } from 'node:zlib';

export interface ZipEntry {
  name: string;
  method: number;
  compressedSize: number;
  uncompressedSize: number;
  localHeaderOffset: number;
}

export class ZipFormatError extends Error {}

const EOCD_SIG = 0x06054b50;
const CENTRAL_SIG = 0x02014b50;
const LOCAL_SIG = 0x04034b50;

export function startsLikeZip(bytes: Uint8Array): boolean {
  return bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;
}

/** Lists the entries the central directory declares; throws ZipFormatError if it is unreadable. */
export function readCentralDirectory(bytes: Uint8Array): ZipEntry[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  // The EOCD record is 22 bytes plus a comment of up to 65535 bytes, so search only that tail.
  let eocd = -1;
  for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 22 - 0xffff); i--) {
    if (view.getUint32(i, true) === EOCD_SIG) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new ZipFormatError('no end-of-central-directory record');
  const count = view.getUint16(eocd + 10, true);
  const cdSize = view.getUint32(eocd + 12, true);
  const cdOffset = view.getUint32(eocd + 16, true);
  if (count === 0xffff || cdOffset === 0xffffffff) throw new ZipFormatError('ZIP64 archives are not accepted');
  if (cdOffset + cdSize > eocd) throw new ZipFormatError('central directory lies outside the file');
  const entries: ZipEntry[] = [];
  let p = cdOffset;
  for (let n = 0; n < count; n++) {
    if (p + 46 > eocd || view.getUint32(p, true) !== CENTRAL_SIG) throw new ZipFormatError('bad central directory entry');
    const nameLen = view.getUint16(p + 28, true);
    const extraLen = view.getUint16(p + 30, true);
    const commentLen = view.getUint16(p + 32, true);
    if (p + 46 + nameLen > eocd) throw new ZipFormatError('entry name runs past the directory');
    entries.push({
      name: new TextDecoder().decode(bytes.subarray(p + 46, p + 46 + nameLen)),
      method: view.getUint16(p + 10, true),
      compressedSize: view.getUint32(p + 20, true),
      uncompressedSize: view.getUint32(p + 24, true),
      localHeaderOffset: view.getUint32(p + 42, true),
    });
    p += 46 + nameLen + extraLen + commentLen;
  }
  return entries;
}

/** Where an entry's compressed bytes sit, from its local header (whose extra field may differ). */
export function entryData(bytes: Uint8Array, entry: ZipEntry): Uint8Array {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const at = entry.localHeaderOffset;
  if (at + 30 > bytes.length || view.getUint32(at, true) !== LOCAL_SIG) throw new ZipFormatError(`bad local header for ${entry.name}`);
  const start = at + 30 + view.getUint16(at + 26, true) + view.getUint16(at + 28, true);
  const end = start + entry.compressedSize;
  if (end > bytes.length) throw new ZipFormatError(`${entry.name} is truncated`);
  return bytes.subarray(start, end);
}

export type BombVerdict = { ok: true } | { ok: false; reason: 'declared_size' | 'ratio' | 'size_lie' };

/**
 * Declared sizes are checked first (cheap); then each entry is really inflated with an output cap
 * equal to its declared size, because a hostile archive can understate sizes in the directory and
 * JSZip would inflate the true size regardless. Total work is bounded by maxUncompressedBytes.
 */
export function checkZipBomb(bytes: Uint8Array, entries: readonly ZipEntry[], maxUncompressedBytes: number, maxRatio = 100): BombVerdict {
  const declared = entries.reduce((sum, e) => sum + e.uncompressedSize, 0);
  const compressed = entries.reduce((sum, e) => sum + e.compressedSize, 0);
  if (declared > maxUncompressedBytes) return { ok: false, reason: 'declared_size' };
  // Tiny archives can have big ratios legitimately (an empty-ish XML part) and cannot hurt anyone.
  if (declared > 1024 * 1024 && declared > maxRatio * Math.max(compressed, 1)) return { ok: false, reason: 'ratio' };
  for (const entry of entries) {
    if (entry.method !== 8 || entry.name.endsWith('/')) continue;
    try {
      const out = inflateRawSync(entryData(bytes, entry), { maxOutputLength: Math.max(entry.uncompressedSize, 1) });
      if (out.length !== entry.uncompressedSize) throw new ZipFormatError(`${entry.name} is shorter than declared`);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') return { ok: false, reason: 'size_lie' };
      if (error instanceof ZipFormatError) throw error;
      throw new ZipFormatError(`${entry.name} does not inflate: ${(error as Error).message}`);
    }
  }
  return { ok: true };
}
