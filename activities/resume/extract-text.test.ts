import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { inflateRawSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../cli/config.js';
import { buildZip } from '../../fixtures/resumes/fixture-kit.js';
import { extractResumeText, ResumeError, screenResume, type ResumeErrorCode } from './extract-text.js';
import { entryData, readCentralDirectory } from './zip-inspect.js';

const fixture = (name: string): Buffer => readFileSync(join(import.meta.dirname, '../../fixtures/resumes', name));

async function failure(bytes: Uint8Array, opts?: Parameters<typeof extractResumeText>[1]): Promise<ResumeError> {
  try {
    const result = await extractResumeText(bytes, opts);
    throw new Error(`expected a ResumeError, got ${result.type} text: ${result.text.slice(0, 80)}`);
  } catch (error) {
    expect(error).toBeInstanceOf(ResumeError);
    return error as ResumeError;
  }
}

async function expectError(bytes: Uint8Array, code: ResumeErrorCode, message: RegExp, opts?: Parameters<typeof extractResumeText>[1]): Promise<void> {
  const error = await failure(bytes, opts);
  expect(error.code).toBe(code);
  expect(error.message).toMatch(message);
  // User-facing: a full sentence, no stack-trace jargon.
  expect(error.message).toMatch(/^[A-Z].{30,}[.)]$/s);
  expect(error.message).not.toMatch(/Exception|undefined|ENOENT/);
}

/** The DOCX fixture with one part replaced, to derive malformed variants without new fixtures. */
function docxWith(name: string, data: Buffer): Buffer {
  const source = fixture('carlos-gomez-es.docx');
  const entries = readCentralDirectory(source).map((e) => ({ name: e.name, data: e.name === name ? data : inflateRawSync(entryData(source, e)) }));
  return buildZip(entries);
}

describe('PDF extraction', () => {
  it('reads the Portuguese two-page résumé with accents, page count and no page markers', async () => {
    const result = await extractResumeText(fixture('ana-souza-pt.pdf'));
    expect(result.type).toBe('pdf');
    expect(result.pages).toBe(2);
    for (const phrase of ['Experiência Profissional', 'São Paulo', 'Formação Acadêmica', 'Idiomas', 'jan/2020 – atual']) {
      expect(result.text).toContain(phrase);
    }
    expect(result.text).toBe(result.text.normalize('NFC'));
    expect(result.text).not.toMatch(/-- \d+ of \d+ --/);
    // Pages are joined by exactly one blank line: the end of page 1, then page 2's first heading.
    expect(result.text).toContain('relatórios em Python.\n\nFormação Acadêmica');
  });

  it('joins a word hyphenated across a line break instead of leaving "experi-" + "ência"', async () => {
    const { text } = await extractResumeText(fixture('ana-souza-pt.pdf'));
    expect(text).toContain('sobre a experiência de adoção de IA generativa');
    expect(text).not.toMatch(/experi-/);
    expect(text).toContain('jan/2020 – atual'); // dashes that are not line-end hyphens stay
  });

  it('reads a two-column page one column at a time, sidebar first, experience contiguous', async () => {
    const { text, pages } = await extractResumeText(fixture('jane-doe-en-two-column.pdf'));
    expect(pages).toBe(1);
    const lines = text.split('\n');
    const sidebar = ['Skills', 'Python, PyTorch', 'Feature stores', 'Languages', 'Spanish (B1)', 'Contact', 'jane.doe@example.com', 'Florianopolis, Brazil'];
    const experience = [
      'Experience', 'Senior ML Engineer, Lumen Analytics', 'Mar 2018 - Present', 'Built a real-time fraud model serving 2k requests/s',
      'on Kubernetes with p99 latency under 40 ms.', 'Data Scientist, Northwind Health', 'Jun 2015 - Feb 2018',
      'Data Analyst Intern, Contoso Retail', 'Jan 2014 - May 2015', 'Weekly sales forecasts in R and SQL Server.',
    ];
    const at = (line: string): number => {
      const i = lines.indexOf(line);
      expect(i, `line "${line}" in:\n${text}`).toBeGreaterThanOrEqual(0);
      return i;
    };
    const sidebarAt = sidebar.map(at);
    const experienceAt = experience.map(at);
    expect(sidebarAt).toEqual([...sidebarAt].sort((a, b) => a - b));
    expect(experienceAt).toEqual([...experienceAt].sort((a, b) => a - b));
    const first = experienceAt[0] ?? -1;
    const last = experienceAt[experienceAt.length - 1] ?? -1;
    // The 18 lines of the Experience column, in order, with not one sidebar line among them.
    expect(last - first).toBe(17);
    expect(Math.max(...sidebarAt)).toBeLessThan(first);
    expect(lines.slice(0, 2)).toEqual(['Jane Doe', 'Machine Learning Engineer - Remote (UTC-3) - open to LATAM roles']);
  });

  it('refuses a scanned PDF (an image, no text) as scanned', async () => {
    await expectError(fixture('scanned.pdf'), 'scanned', /scanned image.*upload a text PDF or DOCX/);
  });

  it('refuses a password-protected PDF as encrypted', async () => {
    await expectError(fixture('encrypted.pdf'), 'encrypted', /password-protected/);
  });

  it('reads a PDF that has /Encrypt but only an owner password (copy restrictions)', async () => {
    const bytes = fixture('permissions-only.pdf');
    expect(bytes.toString('latin1')).toMatch(/\/Encrypt \d+ 0 R/);
    const result = await extractResumeText(bytes);
    expect(result.text).toContain('Experiência Profissional');
  });

  it('refuses a truncated PDF as corrupt', async () => {
    await expectError(fixture('truncated.pdf'), 'corrupt', /damaged or incomplete/);
  });

  it('refuses a PDF that pdf.js cannot parse at all as corrupt', async () => {
    await expectError(Buffer.from('%PDF-1.7\nthis is not really a pdf\n%%EOF\n'), 'corrupt', /damaged or incomplete/);
  });

  it('refuses a PDF with only a blank page as empty', async () => {
    await expectError(fixture('empty.pdf'), 'empty', /no text/);
  });

  it('gives up with a clear message when reading exceeds the time limit', async () => {
    await expectError(fixture('ana-souza-pt.pdf'), 'corrupt', /took longer than/, { timeoutMs: 1 });
  });
});

describe('pdf.js in the process', () => {
  it('puts back the built-ins its polyfills replace, and keeps what they add', () => {
    // A fresh process each: this one loaded both long ago.
    const script = `const natives = [Array.prototype.push, JSON.parse, Function.prototype.toString];
      await import(process.argv[1]);
      const now = [Array.prototype.push, JSON.parse, Function.prototype.toString];
      console.log(JSON.stringify({ same: now.map((f, i) => f === natives[i]), withResolvers: typeof Promise.withResolvers }));`;
    const loaded = (module: string) =>
      JSON.parse(execFileSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script, module], { cwd: PROJECT_ROOT, encoding: 'utf8' })) as { same: boolean[]; withResolvers: string };
    expect(loaded(fileURLToPath(new URL('./extract-text.ts', import.meta.url)))).toEqual({ same: [true, true, true], withResolvers: 'function' });
    // pdf-parse alone replaces them (why pdf-parse-loader.ts exists; once this fails, it can go).
    expect(loaded('pdf-parse').same).toEqual([false, false, false]);
  });
});

describe('DOCX extraction', () => {
  it('reads the Spanish résumé', async () => {
    const result = await extractResumeText(fixture('carlos-gomez-es.docx'));
    expect(result.type).toBe('docx');
    expect(result.pages).toBe(1);
    for (const phrase of ['Experiencia laboral', 'Formación', 'Habilidades', '03/2019 – presente', 'Logística Cóndor (Bogotá)']) {
      expect(result.text).toContain(phrase);
    }
    expect(result.text).toBe(result.text.normalize('NFC'));
  });

  it('refuses the zip-bomb fixture (60 MiB declared, ~1000:1)', async () => {
    await expectError(fixture('zip-bomb.docx'), 'zip_bomb', /refused to open it for safety/);
  });

  it('refuses an archive whose declared size is over maxUncompressedBytes', async () => {
    await expectError(fixture('carlos-gomez-es.docx'), 'zip_bomb', /for safety/, { maxUncompressedBytes: 10_000 });
  });

  it('refuses an absurd compression ratio even under the size limit', async () => {
    await expectError(docxWith('word/document.xml', Buffer.alloc(5 * 1024 * 1024, 0x20)), 'zip_bomb', /for safety/);
  });

  it('refuses an archive whose central directory understates the real size', async () => {
    const lying = buildZip([
      { name: '[Content_Types].xml', data: Buffer.from('<Types/>') },
      { name: 'word/document.xml', data: Buffer.alloc(3 * 1024 * 1024, 0x20), declaredSize: 2000 },
    ]);
    await expectError(lying, 'zip_bomb', /for safety/);
  });

  it('refuses a ZIP that is not a Word document as unsupported_type', async () => {
    const zip = buildZip([{ name: 'notes.txt', data: Buffer.from('Data Scientist, 2019 – presente') }]);
    await expectError(zip, 'unsupported_type', /ZIP archive but not a Word/);
  });

  it('refuses a truncated DOCX as corrupt', async () => {
    const docx = fixture('carlos-gomez-es.docx');
    await expectError(docx.subarray(0, Math.floor(docx.length / 2)), 'corrupt', /damaged or incomplete/);
  });

  it('refuses a DOCX whose body has only whitespace as empty', async () => {
    const body = '<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t xml:space="preserve">   </w:t></w:r></w:p></w:body></w:document>';
    await expectError(docxWith('word/document.xml', Buffer.from(body)), 'empty', /no text/);
  });
});

describe('type detection and limits', () => {
  it('screens every fixture by its bytes, before any parsing', () => {
    const refusal = (bytes: Uint8Array) => {
      try {
        return screenResume(bytes);
      } catch (error) {
        return (error as ResumeError).code;
      }
    };
    expect(refusal(fixture('ana-souza-pt.pdf'))).toBe('pdf');
    expect(refusal(fixture('carlos-gomez-es.docx'))).toBe('docx');
    // A bomb looks like a Word document until it is inflated: extraction, not the screen, refuses it.
    expect(refusal(fixture('zip-bomb.docx'))).toBe('docx');
    expect(refusal(fixture('truncated.pdf'))).toBe('pdf');
    expect(refusal(fixture('not-a-resume.png'))).toBe('unsupported_type');
    expect(refusal(buildZip([{ name: 'a.txt', data: Buffer.from('x') }]))).toBe('unsupported_type');
    expect(refusal(fixture('carlos-gomez-es.docx').subarray(0, 4000))).toBe('corrupt');
    expect(refusal(new Uint8Array())).toBe('empty');
    expect(refusal(fixture('ana-souza-pt.pdf').subarray(0, 1000))).toBe('pdf');
  });

  it('goes by content when a file is misnamed', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'resume-'));
    writeFileSync(join(dir, 'curriculo.pdf'), fixture('carlos-gomez-es.docx'));
    writeFileSync(join(dir, 'cv.docx'), fixture('ana-souza-pt.pdf'));
    expect((await extractResumeText(readFileSync(join(dir, 'curriculo.pdf')))).type).toBe('docx');
    expect((await extractResumeText(readFileSync(join(dir, 'cv.docx')))).type).toBe('pdf');
  });

  it('refuses an image as unsupported_type', async () => {
    await expectError(fixture('not-a-resume.png'), 'unsupported_type', /PNG image.*PDF or DOCX/);
  });

  it('points old .doc files to DOCX or PDF', async () => {
    const doc = Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(512)]);
    await expectError(doc, 'unsupported_type', /old Word \.doc.*DOCX or PDF/);
  });

  it('refuses zero bytes as empty', async () => {
    await expectError(new Uint8Array(), 'empty', /empty \(0 bytes\)/);
  });

  it('refuses files over the size limit before looking inside', async () => {
    await expectError(fixture('ana-souza-pt.pdf'), 'too_large', /limit is 0\.0 MB/, { maxBytes: 1000 });
    await expectError(new Uint8Array(10 * 1024 * 1024 + 1), 'too_large', /10\.0 MB; the limit is 10\.0 MB/);
  });

  it('keeps every fixture under 200 KB', () => {
    for (const name of ['ana-souza-pt.pdf', 'carlos-gomez-es.docx', 'jane-doe-en-two-column.pdf', 'scanned.pdf', 'encrypted.pdf', 'permissions-only.pdf', 'truncated.pdf', 'zip-bomb.docx', 'not-a-resume.png', 'empty.pdf']) {
      expect(fixture(name).length, name).toBeLessThan(200 * 1024);
    }
  });
});
