/**
 * MinHash signatures of postings for near-duplicate search.
 *
 * Shingles are word bigrams, not character k-grams: reposts differ by whole words (a benefit added,
 * a salary changed), a bigram keeps some word order so two posts that share a vocabulary but not
 * sentences stay apart, and a 150-word description yields ~150 shingles instead of ~900 character
 * 5-grams, which is what makes a million signatures fit in seconds. One edited word removes only two
 * shingles, so edited copies keep a high Jaccard (word trigrams would remove three).
 *
 * Text is folded as `foldForMatching` does (lower case, no diacritics), character by character while
 * hashing, so no folded copy, word or shingle string is allocated on the hot path.
 */

export interface MinhashOptions {
  /** Signature length (bins of the one permutation); must equal bands × rows of the LSH index. */
  numPerm: number;
  /** Words per shingle. */
  k: number;
  /** Seed of the hashing: signatures are comparable only under the same seed. */
  seed: number;
}

export const DEFAULT_MINHASH: MinhashOptions = { numPerm: 64, k: 2, seed: 0x5eed };

/**
 * Names the signature scheme: stored signatures are reused only under the same version, so a change
 * of algorithm, shingling or options makes each posting's signature be computed again once.
 */
export function signatureVersion(opts: Partial<MinhashOptions> = {}): string {
  const { numPerm, k, seed } = { ...DEFAULT_MINHASH, ...opts };
  return `oph1:b${numPerm}:k${k}:s${seed}`;
}

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;
const EMPTY = 0xffffffff;

// Folded code of every UTF-16 unit, filled lazily: 0 for separators, else the folded letter or digit.
const foldTable = new Int32Array(65536).fill(-1);

function foldCode(code: number): number {
  const cached = foldTable[code] as number;
  if (cached !== -1) return cached;
  let folded = 0;
  if (code < 128) {
    if (code >= 65 && code <= 90) folded = code + 32;
    else if ((code >= 97 && code <= 122) || (code >= 48 && code <= 57)) folded = code;
  } else {
    const char = String.fromCharCode(code);
    if (/[\p{L}\p{N}]/u.test(char)) {
      const base = char.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
      folded = base.length === 1 ? base.charCodeAt(0) : char.toLowerCase().length === 1 ? char.toLowerCase().charCodeAt(0) : code;
    }
  }
  foldTable[code] = folded;
  return folded;
}

/** Final avalanche of murmur3: spreads FNV's weak low bits before the permutations use them. */
export function mix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

// Reused across calls: words of the current text, then their shingle hashes.
let wordBuffer = new Uint32Array(1024);
let shingleBuffer = new Uint32Array(1024);

/** FNV-1a hash of each folded word, in order; returns how many words were written to `wordBuffer`. */
function hashWords(text: string): number {
  let count = 0;
  let h = FNV_OFFSET;
  let inWord = false;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    // The table read inline: a call per character was most of the cost of a signature.
    let c = foldTable[code] as number;
    if (c === -1) c = foldCode(code);
    if (c !== 0) {
      h = Math.imul(h ^ c, FNV_PRIME);
      inWord = true;
    } else if (inWord) {
      if (count === wordBuffer.length) wordBuffer = grow(wordBuffer);
      wordBuffer[count++] = h >>> 0;
      h = FNV_OFFSET;
      inWord = false;
    }
  }
  if (inWord) {
    if (count === wordBuffer.length) wordBuffer = grow(wordBuffer);
    wordBuffer[count++] = h >>> 0;
  }
  return count;
}

function grow(buffer: Uint32Array<ArrayBuffer>): Uint32Array<ArrayBuffer> {
  const bigger = new Uint32Array(buffer.length * 2);
  bigger.set(buffer);
  return bigger;
}

/** Hashes of the k-word shingles into `shingleBuffer`; a text shorter than k words is one shingle. */
function hashShingles(text: string, k: number): number {
  const words = hashWords(text);
  if (words === 0) return 0;
  const count = Math.max(1, words - k + 1);
  if (shingleBuffer.length < count) shingleBuffer = new Uint32Array(Math.max(count, shingleBuffer.length * 2));
  for (let i = 0; i < count; i++) {
    let h = FNV_OFFSET;
    for (let j = i; j < Math.min(i + k, words); j++) h = Math.imul(h ^ (wordBuffer[j] as number), FNV_PRIME);
    shingleBuffer[i] = mix32(h);
  }
  return count;
}

/** The k-word shingles of the folded text, as strings: for inspection and tests, not the hot path. */
export function shingles(text: string, k: number = DEFAULT_MINHASH.k): Set<string> {
  let folded = '';
  for (let i = 0; i < text.length; i++) {
    const c = foldCode(text.charCodeAt(i));
    folded += c === 0 ? ' ' : String.fromCharCode(c);
  }
  const words = folded.split(' ').filter(Boolean);
  const out = new Set<string>();
  if (words.length === 0) return out;
  for (let i = 0; i <= Math.max(0, words.length - k); i++) out.add(words.slice(i, i + k).join(' '));
  return out;
}

// Reused across calls: which bins of the current signature received a shingle.
let filled = new Uint8Array(64);

/**
 * MinHash signature by one-permutation hashing with optimal densification (Shrivastava, ICML 2017):
 * each shingle hash picks one of `numPerm` bins by its high bits and competes for that bin's minimum
 * by a second hash, so a signature costs one pass over the shingles instead of one pass per
 * permutation (64× less work, which is what lets a million postings be signed in seconds). A bin no
 * shingle fell into borrows the value of the first filled bin on its own fixed probe sequence, the
 * same sequence in every signature, so P(bin i equal) is the Jaccard similarity for every bin, as
 * with k independent permutations. A text without words gets all-0xffffffff, which matches only
 * other empty texts. `into` lets callers pack many signatures in one buffer.
 */
export function minhashSignature(text: string, opts: Partial<MinhashOptions> = {}, into?: Uint32Array): Uint32Array {
  const { numPerm, k, seed } = { ...DEFAULT_MINHASH, ...opts };
  if (!Number.isInteger(numPerm) || numPerm < 1 || numPerm > 65536) throw new Error(`numPerm must be an integer in 1..65536 (got ${numPerm})`);
  const signature = into ?? new Uint32Array(numPerm);
  signature.fill(EMPTY);
  const count = hashShingles(text, k);
  if (count === 0) return signature;
  if (filled.length < numPerm) filled = new Uint8Array(numPerm);
  filled.fill(0, 0, numPerm);
  const salt = mix32(seed ^ 0x5bd1e995);
  for (let s = 0; s < count; s++) {
    const h = mix32((shingleBuffer[s] as number) ^ salt);
    const bin = ((h >>> 16) * numPerm) >>> 16;
    const value = mix32((h + 0x9e3779b9) | 0);
    if (filled[bin] === 0 || value < (signature[bin] as number)) {
      signature[bin] = value;
      filled[bin] = 1;
    }
  }
  for (let bin = 0; bin < numPerm; bin++) {
    if (filled[bin] === 1) continue;
    let donor = bin;
    for (let attempt = 1; filled[donor] !== 1; attempt++) donor = mix32(Math.imul(bin + 1, 0x9e3779b9) ^ Math.imul(attempt, 0x85ebca6b) ^ salt) % numPerm;
    signature[bin] = signature[donor] as number;
  }
  return signature;
}

/** Share of equal positions: an unbiased estimate of the Jaccard similarity of the two shingle sets. */
export function estimateJaccard(a: Uint32Array, b: Uint32Array): number {
  if (a.length !== b.length) throw new Error(`signatures differ in length (${a.length} vs ${b.length})`);
  if (a.length === 0) return 0;
  let equal = 0;
  for (let i = 0; i < a.length; i++) if (a[i] === b[i]) equal++;
  return equal / a.length;
}

/**
 * Signatures packed into large blocks: a million postings get views into a few big buffers rather
 * than a million small typed arrays, each with its own backing store.
 */
export class SignatureBlocks {
  private block = new Uint32Array(0);
  private used = 0;

  constructor(
    readonly numPerm: number = DEFAULT_MINHASH.numPerm,
    private readonly perBlock = 65_536,
  ) {}

  /** A zero-filled signature of its own. */
  next(): Uint32Array {
    if (this.used === this.block.length) {
      this.block = new Uint32Array(this.numPerm * this.perBlock);
      this.used = 0;
    }
    const view = this.block.subarray(this.used, this.used + this.numPerm);
    this.used += this.numPerm;
    return view;
  }
}
