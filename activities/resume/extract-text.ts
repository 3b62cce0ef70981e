// Turns an uploaded résumé (PDF or DOCX, judged by content, never by name) into plain text, or
// fails with a specific, user-facing ResumeError. It never returns a guess: a file we cannot read
// faithfully is refused with the reason.
import { inflateRawSync } from 'node:zlib';
import mammoth from 'mammoth';
import type { PDFParse as PdfParser } from 'pdf-parse';
import { cleanPdfText, readPagesInOrder, type PdfJsDocument } from './pdf-layout.js';
import { PDFParse, VerbosityLevel } from './pdf-parse-loader.js';
import { checkZipBomb, entryData, readCentralDirectory, startsLikeZip, ZipFormatError, type ZipEntry } from './zip-inspect.js';

export type ResumeErrorCode = 'too_large' | 'empty' | 'unsupported_type' | 'corrupt' | 'encrypted' | 'scanned' | 'zip_bomb';

export class ResumeError extends Error {
  constructor(
    readonly code: ResumeErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'ResumeError';
  }
}

export interface ExtractOptions {
  maxBytes?: number;
  maxUncompressedBytes?: number;
  timeoutMs?: number;
}

export interface ExtractedResume {
  type: 'pdf' | 'docx';
  text: string;
  pages: number;
  /** PDF only: the first page's line in the largest type (the name, on almost every résumé). */
  prominentLine: string | null;
}

const MiB = 1024 * 1024;
const DEFAULTS = { maxBytes: 10 * MiB, maxUncompressedBytes: 50 * MiB, timeoutMs: 20_000 };
// Far more pages than any résumé; reading more would take longer than the time limit allows.
const MAX_PDF_PAGES = 50;
// Below this many visible characters per page a PDF is "almost no text" (a page number, a logo).
const MIN_CHARS_PER_PAGE = 20;
const ASK_AGAIN = 'Please upload your résumé as a PDF or DOCX file.';

function hasPdfHeader(bytes: Uint8Array): boolean {
  // The spec allows junk before the header and readers accept it within the first KiB.
  return Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.length, 1024)).includes('%PDF-');
}

function describeUnknown(bytes: Uint8Array): string {
  const head = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.length, 8));
  if (head.subarray(0, 4).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47]))) return `This file is a PNG image, not a résumé document. ${ASK_AGAIN}`;
  if (head.subarray(0, 3).equals(Buffer.from([0xff, 0xd8, 0xff]))) return `This file is a JPEG image, not a résumé document. ${ASK_AGAIN}`;
  if (head.equals(Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]))) {
    return 'This is an old Word .doc file. Open it in Word or Google Docs and save it as DOCX or PDF, then upload it again.';
  }
  return `This file type is not supported. ${ASK_AGAIN}`;
}

function timeoutError(ms: number): ResumeError {
  // No dedicated code: a file that cannot be read in time is, for the user, one we cannot read.
  return new ResumeError('corrupt', `Reading this file took longer than ${Math.max(1, Math.round(ms / 1000))} s, so we stopped. It may be damaged or unusually complex; try exporting it again as PDF or DOCX.`);
}

/**
 * pdf.js (in-process "fake worker" under Node) and mammoth can run long stretches without yielding,
 * so a timer alone may never get to fire: the work also calls `checkpoint()` between steps, which
 * yields to the event loop and throws once the deadline has passed.
 */
async function withTimeout<T>(ms: number, work: (checkpoint: () => Promise<void>) => Promise<T>, onTimeout: () => void): Promise<T> {
  const deadline = Date.now() + ms;
  const checkpoint = async (): Promise<void> => {
    await new Promise((resolve) => setImmediate(resolve));
    if (Date.now() > deadline) throw timeoutError(ms);
  };
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      onTimeout();
      reject(timeoutError(ms));
    }, ms);
  });
  try {
    return await Promise.race([work(checkpoint), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * The checks that need no parsing, in the order a reader would notice: too big, empty, and what the
 * first bytes (and a ZIP's directory) say the file is. An upload runs them before anything is
 * stored; extraction runs them again, so a file that slipped past is refused the same way.
 */
export function screenResume(bytes: Uint8Array, maxBytes = DEFAULTS.maxBytes): 'pdf' | 'docx' {
  if (bytes.length > maxBytes) {
    throw new ResumeError('too_large', `This file is ${(bytes.length / MiB).toFixed(1)} MB; the limit is ${(maxBytes / MiB).toFixed(1)} MB. Please upload a smaller PDF or DOCX.`);
  }
  if (bytes.length === 0) throw new ResumeError('empty', `This file is empty (0 bytes). ${ASK_AGAIN}`);
  if (hasPdfHeader(bytes)) return 'pdf';
  if (startsLikeZip(bytes)) {
    docxEntries(bytes);
    return 'docx';
  }
  throw new ResumeError('unsupported_type', describeUnknown(bytes));
}

export async function extractResumeText(bytes: Uint8Array, opts: ExtractOptions = {}): Promise<ExtractedResume> {
  const { maxBytes, maxUncompressedBytes, timeoutMs } = { ...DEFAULTS, ...opts };
  if (screenResume(bytes, maxBytes) === 'docx') return withTimeout(timeoutMs, (checkpoint) => extractDocx(bytes, maxUncompressedBytes, checkpoint), () => undefined);
  let parser: PdfParser | undefined;
  return withTimeout(
    timeoutMs,
    (checkpoint) => {
      parser = new PDFParse({ data: bytes.slice(), verbosity: VerbosityLevel.ERRORS });
      return extractPdf(bytes, parser, checkpoint);
    },
    () => void parser?.destroy().catch(() => undefined),
  );
}

// ---------------------------------------------------------------- PDF

const ENCRYPTED = new ResumeError('encrypted', 'This PDF is password-protected, so we cannot read it. Save or export a copy without a password and upload that.');

function hasEncryptDictionary(bytes: Uint8Array): boolean {
  // /Encrypt lives in the trailer or the (uncompressed) dictionary of the cross-reference stream.
  return /\/Encrypt\s*(\d+\s+\d+\s+R|<<)/.test(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).toString('latin1'));
}

function looksTruncated(bytes: Uint8Array): boolean {
  // pdf.js can reconstruct a broken cross-reference table and would happily return half a résumé;
  // a complete file ends with %%EOF (writers may append a little padding after it).
  const tailStart = Math.max(0, bytes.length - 2048);
  return !Buffer.from(bytes.buffer, bytes.byteOffset + tailStart, bytes.length - tailStart).includes('%%EOF');
}

async function extractPdf(bytes: Uint8Array, parser: PdfParser, checkpoint: () => Promise<void>): Promise<ExtractedResume> {
  const encrypted = hasEncryptDictionary(bytes);
  const corrupt = new ResumeError('corrupt', 'This PDF is damaged or incomplete (it may have been cut off during upload or download). Please export it again and re-upload.');
  if (looksTruncated(bytes)) throw encrypted ? ENCRYPTED : corrupt;
  try {
    let pageTexts: string[];
    let pageCount: number;
    let prominentLine: string | null = null;
    try {
      // Text, layout and image reading each walk every page: 3,000 blank pages kept the process busy
      // for minutes, past the time limit (pdf.js seldom yields), so the page count is checked first.
      const { total } = await parser.getInfo();
      if (total > MAX_PDF_PAGES) {
        throw new ResumeError('too_large', `This PDF has ${total} pages; a résumé has a few. Please upload your résumé on its own (at most ${MAX_PDF_PAGES} pages).`);
      }
      const result = await parser.getText({ pageJoiner: '' });
      await checkpoint();
      pageCount = result.total;
      // pdf-parse keeps the loaded pdf.js document privately; with it we can read positions.
      const doc = (parser as unknown as { doc?: PdfJsDocument }).doc;
      if (doc) ({ pages: pageTexts, prominentLine } = await readPagesInOrder(doc, checkpoint));
      else pageTexts = result.pages.map((p) => p.text);
    } catch (error) {
      if (error instanceof ResumeError) throw error;
      const name = (error as Error).name;
      if (name === 'PasswordException' || encrypted) throw ENCRYPTED;
      if (['InvalidPDFException', 'FormatError', 'UnknownErrorException'].includes(name)) throw corrupt;
      throw new ResumeError('corrupt', `We could not read this PDF (${(error as Error).message}). Please export it again and re-upload.`);
    }
    const text = pageTexts.map(cleanPdfText).filter((t) => t !== '').join('\n\n');
    const visible = text.replace(/\s/g, '').length;
    if (visible < MIN_CHARS_PER_PAGE * Math.max(pageCount, 1)) {
      // Owner-password PDFs open without a password; only refuse /Encrypt when nothing came out.
      if (encrypted) throw ENCRYPTED;
      await checkpoint();
      if (await hasImages(parser)) {
        throw new ResumeError('scanned', 'This PDF is a scanned image with no selectable text; upload a text PDF or DOCX (for example, export it again from Word or Google Docs).');
      }
      if (visible === 0) throw new ResumeError('empty', `This PDF has no text in it — its pages are blank. ${ASK_AGAIN}`);
    }
    return { type: 'pdf', text, pages: pageCount, prominentLine: prominentLine ? cleanPdfText(prominentLine) : null };
  } finally {
    await parser.destroy().catch(() => undefined);
  }
}

async function hasImages(parser: PdfParser): Promise<boolean> {
  // Only reached for near-textless PDFs, so decoding images here costs nothing on normal uploads.
  const images = await parser.getImage({ imageThreshold: 0, imageDataUrl: false, imageBuffer: false });
  return images.pages.some((p) => p.images.length > 0);
}

// ---------------------------------------------------------------- DOCX

const CORRUPT_DOCX = new ResumeError('corrupt', 'This DOCX file is damaged or incomplete. Open it in Word or Google Docs, save it again and re-upload.');

/** A ZIP's entries if it is a readable Word document; else the ResumeError that says what it is instead. */
function docxEntries(bytes: Uint8Array): ZipEntry[] {
  let entries: ZipEntry[];
  try {
    entries = readCentralDirectory(bytes);
  } catch (error) {
    if (error instanceof ZipFormatError && /ZIP64/.test(error.message)) {
      throw new ResumeError('unsupported_type', `This archive uses the ZIP64 format, which Word documents never need. ${ASK_AGAIN}`);
    }
    throw CORRUPT_DOCX;
  }
  if (!entries.some((e) => e.name === 'word/document.xml')) {
    throw new ResumeError('unsupported_type', `This is a ZIP archive but not a Word (DOCX) document. ${ASK_AGAIN}`);
  }
  return entries;
}

async function extractDocx(bytes: Uint8Array, maxUncompressedBytes: number, checkpoint: () => Promise<void>): Promise<ExtractedResume> {
  const corrupt = CORRUPT_DOCX;
  const entries = docxEntries(bytes);
  let verdict: ReturnType<typeof checkZipBomb>;
  try {
    verdict = checkZipBomb(bytes, entries, maxUncompressedBytes);
  } catch {
    throw corrupt;
  }
  if (!verdict.ok) {
    throw new ResumeError('zip_bomb', 'This DOCX expands to far more data than any résumé needs, so we refused to open it for safety. Save it again from Word or Google Docs, or upload a PDF.');
  }
  await checkpoint();
  let raw: string;
  try {
    raw = (await mammoth.extractRawText({ buffer: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length) })).value;
  } catch {
    throw corrupt;
  }
  await checkpoint();
  // Invalid UTF-8 in the XML comes out as U+FFFD: the file is broken, and "G\ufffdmez" is no name to keep.
  if (raw.includes('\ufffd')) throw corrupt;
  // mammoth ends every paragraph with a blank line; one paragraph per line reads like the PDFs do,
  // so a job's header line sits right above its dates.
  const text = raw.normalize('NFC').replace(/[ \t]+$/gm, '').replace(/\n{2,}/g, '\n').trim();
  if (text === '') throw new ResumeError('empty', `This Word document has no text in it. ${ASK_AGAIN}`);
  return { type: 'docx', text, pages: declaredPages(bytes, entries), prominentLine: null };
}

/** DOCX has no fixed pagination; Word records its last count in docProps/app.xml. Else 1. */
function declaredPages(bytes: Uint8Array, entries: readonly ZipEntry[]): number {
  const app = entries.find((e) => e.name === 'docProps/app.xml');
  if (!app) return 1;
  try {
    const data = app.method === 8 ? inflateRawSync(entryData(bytes, app)) : entryData(bytes, app);
    const pages = Number(/<Pages>(\d+)<\/Pages>/.exec(Buffer.from(data).toString('utf8'))?.[1]);
    return Number.isInteger(pages) && pages > 0 ? pages : 1;
  } catch {
    return 1;
  }
}
