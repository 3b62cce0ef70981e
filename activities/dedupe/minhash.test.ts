import { describe, expect, it } from 'vitest';
import { estimateJaccard, minhashSignature, shingles } from './minhash.js';

const words = (n: number, offset = 0) => Array.from({ length: n }, (_, i) => `palavra${i + offset}`).join(' ');

function exactJaccard(a: Set<string>, b: Set<string>): number {
  const shared = [...a].filter((x) => b.has(x)).length;
  return shared / (a.size + b.size - shared);
}

describe('shingles', () => {
  it('makes word bigrams of the folded text, ignoring case, accents and punctuation', () => {
    expect([...shingles('Cientista de Dados Sênior!', 2)]).toEqual(['cientista de', 'de dados', 'dados senior']);
    expect(shingles('CIÊNCIA, de dados', 2)).toEqual(shingles('ciencia de   dados', 2));
  });

  it('keeps a text shorter than k words as one shingle and an empty text as none', () => {
    expect([...shingles('MLOps', 2)]).toEqual(['mlops']);
    expect(shingles(' — ', 2).size).toBe(0);
  });
});

describe('minhashSignature', () => {
  it('is deterministic, of the requested length, and the same for texts that fold alike', () => {
    const a = minhashSignature('Engenheiro de Machine Learning Sênior', { numPerm: 32 });
    expect(a).toHaveLength(32);
    expect(minhashSignature('engenheiro de machine learning senior', { numPerm: 32 })).toEqual(a);
    expect(minhashSignature('Engenheiro de Machine Learning Sênior', { numPerm: 32, seed: 1 })).not.toEqual(a);
  });

  it('writes into a caller-provided buffer', () => {
    const buffer = new Uint32Array(128);
    const view = buffer.subarray(64, 128);
    const signature = minhashSignature('dbt e BigQuery', { numPerm: 64 }, view);
    expect(signature).toBe(view);
    expect(buffer[64]).toBe(minhashSignature('dbt e BigQuery')[0]);
  });

  it('gives identical texts an estimate of 1 and disjoint texts one near 0', () => {
    const text = words(150);
    expect(estimateJaccard(minhashSignature(text), minhashSignature(text))).toBe(1);
    expect(estimateJaccard(minhashSignature(text), minhashSignature(words(150, 1000)))).toBeLessThan(0.1);
  });

  it('estimates the Jaccard similarity of the bigram sets within sampling error', () => {
    for (const [overlap, total] of [[100, 150], [60, 150], [30, 150]] as const) {
      const a = words(total);
      const b = `${words(overlap)} ${words(total - overlap, 5000)}`;
      const exact = exactJaccard(shingles(a), shingles(b));
      const estimate = estimateJaccard(minhashSignature(a, { numPerm: 256 }), minhashSignature(b, { numPerm: 256 }));
      expect(Math.abs(estimate - exact)).toBeLessThan(0.08);
    }
  });

  it('rejects signatures of different lengths', () => {
    expect(() => estimateJaccard(new Uint32Array(4), new Uint32Array(8))).toThrow(/differ in length/);
  });
});
