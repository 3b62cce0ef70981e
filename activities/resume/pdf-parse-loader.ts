// pdf-parse loads pdf.js's legacy build, and its core-js polyfills replace built-ins that Node 20
// already has for the whole process: Array.prototype.push and JSON.parse become JavaScript
// functions (over a spec corner about non-writable lengths and JSON source text), which the API and
// the pipeline then paid on every push and parse (a CPU profile of the API under load had them at
// about 6 %). pdf.js needs none of those replacements, only what the polyfills add (Promise.withResolvers,
// Iterator helpers, …), so the built-ins it replaced are put back once it has loaded.

const BUILT_INS: object[] = [
  globalThis, Object, Object.prototype, Function.prototype, Array, Array.prototype, String, String.prototype,
  Number, Math, JSON, Promise, Promise.prototype, Map.prototype, Set.prototype, RegExp.prototype, Date.prototype,
  ArrayBuffer.prototype, Uint8Array, Object.getPrototypeOf(Uint8Array.prototype) as object,
];

function sameProperty(a: PropertyDescriptor, b: PropertyDescriptor): boolean {
  return Object.is(a.value, b.value) && a.get === b.get && a.set === b.set;
}

const before = BUILT_INS.map((target) => new Map(Reflect.ownKeys(target).map((key) => [key, Object.getOwnPropertyDescriptor(target, key) as PropertyDescriptor])));
const pdfParse = await import('pdf-parse');
BUILT_INS.forEach((target, i) => {
  for (const [key, original] of before[i] ?? []) {
    const now = Object.getOwnPropertyDescriptor(target, key);
    if (now && !sameProperty(now, original)) Object.defineProperty(target, key, original);
  }
});

export const { PDFParse, VerbosityLevel } = pdfParse;
