import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PermanentError } from './errors.js';
import { Staging } from './staging.js';

let base: string;
let staging: Staging;

beforeAll(() => {
  base = mkdtempSync(join(tmpdir(), 'staging-test-'));
  staging = new Staging(join(base, 'staging'));
});

afterAll(() => {
  rmSync(base, { recursive: true, force: true });
});

describe('Staging.check', () => {
  it('accepts paths inside the root and returns them resolved', () => {
    expect(staging.check(join(staging.root, 'run-1', 'normalize', 'postings.ndjson'))).toBe(join(staging.root, 'run-1', 'normalize', 'postings.ndjson'));
    expect(staging.check(`${staging.root}/run-1/./x/../postings.ndjson`)).toBe(join(staging.root, 'run-1', 'postings.ndjson'));
    expect(staging.check(`${staging.root}/..data/x.ndjson`)).toBe(join(staging.root, '..data', 'x.ndjson'));
  });

  it.each([
    ['a parent-relative escape', () => join(staging.root, '..', 'elsewhere.ndjson')],
    ['a deeper escape', () => `${staging.root}/run-1/../../../etc/passwd`],
    ['an absolute path elsewhere', () => '/etc/passwd'],
    ['a sibling folder sharing the prefix', () => `${staging.root}-evil/x.ndjson`],
    ['the root itself', () => staging.root],
    ['the root with a trailing slash', () => `${staging.root}/`],
  ])('refuses %s', (_label, path) => {
    expect(() => staging.check(path())).toThrow(PermanentError);
    expect(() => staging.check(path())).toThrow(/is outside/);
  });
});

describe('Staging.pathFor', () => {
  it('builds run/stage/name.ndjson under the root, with unsafe characters replaced', () => {
    expect(staging.pathFor('run-1', 'dedupe', 'members')).toBe(join(staging.root, 'run-1', 'dedupe', 'members.ndjson'));
    const odd = staging.pathFor('wf/1:a b', 'nor/malize', 'x y');
    expect(odd).toBe(join(staging.root, 'wf_1_a_b', 'nor_malize', 'x_y.ndjson'));
    expect(staging.check(odd)).toBe(odd);
  });
});

describe('Staging.writeNdjson', () => {
  it('writes one JSON document per line and reports rows and bytes', () => {
    const rows = [{ id: 'a', skills: ['python', 'sql'] }, { id: 'b', text: 'São Paulo\nline two' }, { id: 'c', n: 3.5, none: null }];
    const path = staging.pathFor('run-write', 'normalize', 'postings');

    const result = staging.writeNdjson(path, rows);

    const body = readFileSync(path, 'utf8');
    expect(body.endsWith('\n')).toBe(true);
    const lines = body.slice(0, -1).split('\n');
    expect(lines).toHaveLength(3);
    expect(lines.map((line) => JSON.parse(line) as unknown)).toEqual(rows);
    expect(result).toEqual({ path, rows: 3, bytes: Buffer.byteLength(body) });
    expect(result.bytes).toBe(body.length + 1); // "ã" takes two bytes in UTF-8
  });

  it('writes a page of thousands of lines whole, in order', () => {
    const rows = Array.from({ length: 2_345 }, (_, i) => ({ i, city: i % 7 === 0 ? 'Bogotá' : 'Lima' }));
    const path = staging.pathFor('run-write', 'normalize', 'page');
    const result = staging.writeNdjson(path, rows);
    const body = readFileSync(path);
    expect(body.toString('utf8')).toBe(`${rows.map((r) => JSON.stringify(r)).join('\n')}\n`);
    expect(result).toEqual({ path, rows: rows.length, bytes: body.length });
  });

  it('leaves no temporary file behind and replaces an earlier file whole', () => {
    const path = staging.pathFor('run-replace', 'dedupe', 'members');
    staging.writeNdjson(path, [{ n: 1 }, { n: 2 }, { n: 3 }]);

    const second = staging.writeNdjson(path, [{ n: 9 }]);

    expect(readFileSync(path, 'utf8')).toBe('{"n":9}\n');
    expect(second.rows).toBe(1);
    expect(readdirSync(dirname(path))).toEqual(['members.ndjson']);
  });

  it('writes an empty file for no rows, and accepts any iterable', () => {
    const empty = staging.pathFor('run-empty', 'score', 'matches');
    expect(staging.writeNdjson(empty, [])).toEqual({ path: empty, rows: 0, bytes: 0 });
    expect(readFileSync(empty, 'utf8')).toBe('');

    function* generate() {
      yield { i: 0 };
      yield { i: 1 };
    }
    const generated = staging.pathFor('run-gen', 'score', 'matches');
    expect(staging.writeNdjson(generated, generate()).rows).toBe(2);
    expect(readFileSync(generated, 'utf8')).toBe('{"i":0}\n{"i":1}\n');
  });

  it('refuses to write outside the root and creates nothing there', () => {
    const outside = join(base, 'outside', 'x.ndjson');

    expect(() => staging.writeNdjson(outside, [{ a: 1 }])).toThrow(PermanentError);
    expect(readdirSync(base)).not.toContain('outside');
  });
});

describe('Staging.writeWith', () => {
  it("puts another writer's file in place only once it is complete, and leaves nothing when it fails", async () => {
    const path = staging.pathFor('run-with', 'score', 'jobs');
    expect(
      await staging.writeWith(path, async (temporary) => {
        writeFileSync(temporary, '{"n":1}\n');
        expect(readdirSync(dirname(path))).not.toContain('jobs.ndjson');
        return 1;
      }),
    ).toBe(1);
    expect(readFileSync(path, 'utf8')).toBe('{"n":1}\n');

    const failing = staging.pathFor('run-with', 'score', 'failed');
    await expect(
      staging.writeWith(failing, async (temporary) => {
        writeFileSync(temporary, 'half');
        throw new Error('disk full');
      }),
    ).rejects.toThrow(/disk full/);
    expect(readdirSync(dirname(path))).toEqual(['jobs.ndjson']);
    await expect(staging.writeWith(join(base, 'outside', 'x.ndjson'), async () => 0)).rejects.toThrow(PermanentError);
  });
});
