import { describe, expect, it } from 'vitest';
import type { DedupeRow } from '../../warehouse/dedupe-signatures.js';
import { clusterIdFor, exactMatcher } from './assign-clusters.js';
import { canonicalUrl } from './canonical-url.js';
import { postingContentHash } from './content-hash.js';

describe('canonicalUrl', () => {
  it('strips tracking parameters and the fragment, lowercases the host and drops www and the trailing slash', () => {
    expect(canonicalUrl('https://WWW.Remotive.COM/remote-jobs/ai-ml/senior-ml-2048817/?utm_source=wwr&utm_medium=rss&ref=x&fbclid=abc#apply')).toBe(
      'https://remotive.com/remote-jobs/ai-ml/senior-ml-2048817',
    );
  });

  it('makes the planted duplicate links equal to their Remotive URLs', () => {
    const remotive = 'https://remotive.com/remote-jobs/ai-ml/cientista-de-dados-pleno-2046731';
    expect(canonicalUrl(`${remotive}?ref=wwr#apply`)).toBe(canonicalUrl(remotive));
    expect(canonicalUrl(`${remotive}?utm_source=wwr&utm_medium=rss`)).toBe(remotive);
  });

  it('keeps meaningful parameters, sorted by name, and keeps the path case', () => {
    expect(canonicalUrl('https://jobs.example.com/View?job=42&board=ai&utm_campaign=x&gclid=1')).toBe('https://jobs.example.com/View?board=ai&job=42');
    expect(canonicalUrl('https://jobs.example.com/view?b=2&a=1')).toBe(canonicalUrl('https://jobs.example.com/view?a=1&b=2'));
    expect(canonicalUrl('https://jobs.example.com/view?job=1')).not.toBe(canonicalUrl('https://jobs.example.com/view?job=2'));
  });

  it('treats http and https as the same page and trims the input', () => {
    expect(canonicalUrl('  http://example.com/jobs/1/  ')).toBe('https://example.com/jobs/1');
    expect(canonicalUrl('https://example.com/')).toBe('https://example.com/');
  });

  it('returns null for missing, unparseable and non-http URLs', () => {
    expect(canonicalUrl(null)).toBeNull();
    expect(canonicalUrl('')).toBeNull();
    expect(canonicalUrl('not a url')).toBeNull();
    expect(canonicalUrl('mailto:jobs@example.com')).toBeNull();
    expect(canonicalUrl('ftp://example.com/jobs.xml')).toBeNull();
    expect(canonicalUrl('javascript:alert(1)')).toBeNull();
  });
});

describe('postingContentHash', () => {
  const description = 'Buscamos cientista de dados para modelos de crédito.\n\nRequisitos: Python, SQL.';

  it('ignores case, accents, punctuation and whitespace left by markup', () => {
    const base = postingContentHash('Cientista de Dados Pleno', 'Trilha Crédito Ltda.', description);

    expect(postingContentHash('CIENTISTA DE DADOS PLENO', 'trilha credito ltda', description.toUpperCase())).toBe(base);
    expect(postingContentHash(' Cientista  de Dados\tPleno ', 'Trilha Crédito Ltda.', description.replace(/\n+/g, '  \n • '))).toBe(base);
    expect(postingContentHash('Cientista de Dados Pleno', 'Trilha Crédito Ltda.', description.normalize('NFD'))).toBe(base);
    expect(base).toMatch(/^[0-9a-f]{64}$/);
  });

  it('differs for a different company, title or description', () => {
    const base = postingContentHash('Data Engineer', 'Acme', description);

    expect(postingContentHash('Data Engineer', 'Globex', description)).not.toBe(base);
    expect(postingContentHash('Data Engineer', null, description)).not.toBe(base);
    expect(postingContentHash('Data Scientist', 'Acme', description)).not.toBe(base);
    expect(postingContentHash('Data Engineer', 'Acme', `${description} Spark.`)).not.toBe(base);
  });

  it('keeps the fields apart: words cannot move between title and company', () => {
    expect(postingContentHash('Data Engineer Acme', null, '')).not.toBe(postingContentHash('Data Engineer', 'Acme', ''));
  });
});

const posting = (id: string, canonical_url: string | null, content_hash: string): Pick<DedupeRow, 'id' | 'canonical_url' | 'content_hash'> => ({
  id,
  canonical_url,
  content_hash,
});
const assignClusters = (postings: Parameters<ReturnType<typeof exactMatcher>>[0][], known: Parameters<typeof exactMatcher>[0]) => postings.map(exactMatcher(known));
const none = () => ({ byUrl: new Map<string, string>(), byHash: new Map<string, string>() });

describe('exactMatcher', () => {
  it('founds one cluster per distinct posting, named after the founding posting', () => {
    const result = assignClusters([posting('a', 'https://x.com/1', 'h1'), posting('b', 'https://x.com/2', 'h2'), posting('c', null, 'h3')], none());

    expect(result).toEqual([
      { posting_id: 'a', cluster_id: 'job_a', matched_by: 'first' },
      { posting_id: 'b', cluster_id: 'job_b', matched_by: 'first' },
      { posting_id: 'c', cluster_id: 'job_c', matched_by: 'first' },
    ]);
    expect(clusterIdFor('a')).toBe('job_a');
  });

  it('joins by canonical URL within one batch', () => {
    const result = assignClusters([posting('a', 'https://x.com/1', 'h1'), posting('b', 'https://x.com/1', 'h2')], none());

    expect(result[1]).toEqual({ posting_id: 'b', cluster_id: 'job_a', matched_by: 'canonical_url' });
  });

  it('joins by content hash when the URLs differ or are missing', () => {
    const result = assignClusters([posting('a', 'https://x.com/1', 'same'), posting('b', 'https://y.com/9', 'same'), posting('c', null, 'same')], none());

    expect(result.slice(1)).toEqual([
      { posting_id: 'b', cluster_id: 'job_a', matched_by: 'content_hash' },
      { posting_id: 'c', cluster_id: 'job_a', matched_by: 'content_hash' },
    ]);
  });

  it('prefers the URL match when URL and hash point at different clusters', () => {
    const known = { byUrl: new Map([['https://x.com/1', 'job_old1']]), byHash: new Map([['h2', 'job_old2']]) };

    const result = assignClusters([posting('n', 'https://x.com/1', 'h2')], known);

    expect(result).toEqual([{ posting_id: 'n', cluster_id: 'job_old1', matched_by: 'canonical_url' }]);
  });

  it('joins clusters known from earlier runs, and keys learnt from them carry on within the batch', () => {
    const known = { byUrl: new Map([['https://x.com/old', 'job_first']]), byHash: new Map([['h-old', 'job_first']]) };

    const result = assignClusters(
      [
        posting('p1', 'https://x.com/old', 'h-new'), // joins by URL; its new hash now points at job_first
        posting('p2', null, 'h-new'), // so this one joins job_first by hash
        posting('p3', 'https://x.com/other', 'h-old'),
      ],
      known,
    );

    expect(result.map((r) => [r.cluster_id, r.matched_by])).toEqual([
      ['job_first', 'canonical_url'],
      ['job_first', 'content_hash'],
      ['job_first', 'content_hash'],
    ]);
  });

  it('does not change the maps it was given', () => {
    const known = none();

    assignClusters([posting('a', 'https://x.com/1', 'h1')], known);

    expect(known.byUrl.size).toBe(0);
    expect(known.byHash.size).toBe(0);
  });

  it('keeps the cluster id of the founder whatever joins later', () => {
    const first = assignClusters([posting('founder', 'https://x.com/1', 'h1'), posting('dup', 'https://x.com/1', 'h1')], none());
    const known = { byUrl: new Map([['https://x.com/1', first[0]?.cluster_id ?? '']]), byHash: new Map([['h1', first[0]?.cluster_id ?? '']]) };

    const later = assignClusters([posting('repost', 'https://x.com/1', 'h1')], known);

    expect(first.map((r) => r.cluster_id)).toEqual(['job_founder', 'job_founder']);
    expect(later[0]?.cluster_id).toBe('job_founder');
  });
});
