// Worker-thread entry: plain JavaScript so it starts the same way under `node --import tsx`, vitest
// or any runner; it registers tsx, then loads the TypeScript worker.
import { register } from 'tsx/esm/api';

register();
await import('./search-words-worker-impl.ts');
