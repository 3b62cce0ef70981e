import { serveInWorker } from '../activities/worker-pool.js';
import { indexedWords } from './search-words.js';

serveInWorker((texts: string[]) => texts.map(indexedWords));
