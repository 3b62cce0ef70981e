// API latency under load: the real HTTP server over a warehouse of BENCH_API_POSTINGS postings
// (default 100,000; `--million` for 1,000,000) and 1,000 users with matches, driven by 50 concurrent
// keep-alive clients (BENCH_API_CONCURRENCY), each sending its next request as soon as the last one
// answered (closed loop). Per scenario: requests, throughput, p50 / p95 / p99 / max, errors. Also the
// search index's build and refresh times and text-query latency beside a plain ILIKE scan.
//
// The server runs in a child process (this file with --serve), so the load generator never shares
// its event loop; it reports its CPU time, so each scenario also gets the server's CPU per request.
// BENCH_API_STOCK_TRPC=1 serves every call through tRPC's stock handler (no GET fast path,
// api/query-fast-path.ts), the baseline the fast path is measured against; its results go to a file
// of their own. A measurement harness, not product code: node:http and an Agent, no dependencies.
import { spawn, type ChildProcess } from 'node:child_process';
import { Agent, request } from 'node:http';
import { availableParallelism, loadavg } from 'node:os';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { LATAM_COUNTRIES } from '../activities/normalize/geo.js';
import { createHttpServer, listen } from '../api/http-server.js';
import { ReadModel } from '../api/read-model/read-model.js';
import { PROJECT_ROOT } from '../cli/config.js';
import { Warehouse } from '../warehouse/db.js';
import { searchJobs } from '../warehouse/job-queries.js';
import { refreshSearchIndex } from '../warehouse/search-index.js';
import { queryTerms } from '../warehouse/search-words.js';
import { benchWarehouse, benchSessionToken } from './api-warehouse.js';
import { Rand } from './corpus.js';
import { FAMILIES } from './corpus-vocab.js';
import { writeResults } from './results-file.js';

const SELF = fileURLToPath(import.meta.url);

if (process.argv[2] === '--serve') {
  // Child: the app's HTTP server over the bench warehouse, on a free port it prints.
  const warehouse = await Warehouse.open(process.argv[3] as string);
  // Served as the app serves it, through the in-memory read model, once it has read ahead what a
  // running server would hold (the search index, sessions, scores): the load measures the steady state.
  const readModel = new ReadModel(warehouse);
  const started = performance.now();
  await readModel.warm();
  console.error(`read model warmed in ${((performance.now() - started) / 1000).toFixed(1)} s; RSS ${(process.memoryUsage().rss / 2 ** 20).toFixed(0)} MiB`);
  const queryFastPath = process.env.BENCH_API_STOCK_TRPC !== '1';
  const server = createHttpServer({ health: () => Promise.reject(new Error('unused')), demoSourcesDir: null, warehouse, readModel, publicUrl: 'http://127.0.0.1', queryFastPath });
  let requests = 0;
  server.on('request', () => void (requests += 1));
  console.log(JSON.stringify({ port: await listen(server, 0, '127.0.0.1') }));
  // Asked by the load generator between scenarios: CPU time and requests so far.
  process.on('SIGUSR2', () => {
    const cpu = process.cpuUsage();
    console.log(JSON.stringify({ cpuMicros: cpu.user + cpu.system, requests }));
  });
  process.on('SIGTERM', () => server.close(() => (warehouse.close(), process.exit(0))));
} else {
  await main();
}

interface Figures {
  requests: number;
  errors: number;
  /** The first few failed answers, for telling a bug from an overload. */
  errorSamples: string[];
  seconds: number;
  perSecond: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

interface Call {
  path: string;
  user: number | null;
  input: Record<string, unknown>;
}
/** A client's next request, from its random stream, the last answer and the last request it sent. */
type Next = (rand: Rand, previous: { nextCursor?: string | null } | null, last: Call | null) => Call;

async function main(): Promise<void> {
  const postings = process.argv.includes('--million') ? 1_000_000 : Number(process.env.BENCH_API_POSTINGS ?? 100_000);
  const users = Number(process.env.BENCH_API_USERS ?? 1_000);
  const matchesPerUser = Number(process.env.BENCH_API_MATCHES_PER_USER ?? 2_000);
  const concurrency = Number(process.env.BENCH_API_CONCURRENCY ?? 50);
  const seconds = Number(process.env.BENCH_API_SECONDS ?? 20);
  const stockTrpc = process.env.BENCH_API_STOCK_TRPC === '1';
  console.log(`warehouse: ${postings.toLocaleString('en')} postings, ${users} users × ${matchesPerUser} matches (built once, then reused)`);
  console.log(stockTrpc ? "served through tRPC's stock handler only (the baseline)" : 'GET queries served through the fast path (api/query-fast-path.ts)');
  const built = await benchWarehouse({ postings, users, matchesPerUser });
  const index = await indexFigures(built.path);
  console.table(index.queries);

  const loadBefore = loadavg();
  const server = await startServer(built.path);
  try {
    const scenarios = scenarioList(users, index.topSkills);
    const closedLoop: Record<string, Figures> = {};
    const oneClient: Record<string, Figures> = {};
    const serverCpuMsPerRequest: Record<string, number> = {};
    for (const [name, next] of Object.entries(scenarios)) {
      oneClient[name] = await drive(server.url, next, { clients: 1, seconds: Math.max(3, seconds / 4) });
      const before = await server.usage();
      closedLoop[name] = await drive(server.url, next, { clients: concurrency, seconds });
      const after = await server.usage();
      serverCpuMsPerRequest[name] = Number(((after.cpuMicros - before.cpuMicros) / 1000 / Math.max(1, after.requests - before.requests)).toFixed(3));
      console.log(`  ${name}: p95 ${closedLoop[name]?.p95} ms at ${concurrency} clients (${oneClient[name]?.p95} ms alone), server CPU ${serverCpuMsPerRequest[name]} ms per request`);
    }
    console.log(`\n${concurrency} concurrent clients, closed loop, ${seconds} s per scenario:`);
    console.table(Object.fromEntries(Object.entries(closedLoop).map(([k, { errorSamples: _, ...f }]) => [k, f])));
    for (const [k, f] of Object.entries(closedLoop)) if (f.errors) console.log(`  ${k} errors, e.g.: ${f.errorSamples.join(' | ')}`);
    console.log(`server CPU per request at ${concurrency} clients (ms):`);
    console.table(serverCpuMsPerRequest);
    console.log('one client at a time (service time):');
    console.table(Object.fromEntries(Object.entries(oneClient).map(([k, { errorSamples: _, ...f }]) => [k, f])));
    const result = {
      date: new Date().toISOString(),
      machine: { cores: availableParallelism(), loadAverageBefore: loadBefore.map((l) => Number(l.toFixed(1))), loadAverageAfter: loadavg().map((l) => Number(l.toFixed(1))) },
      warehouse: { postings, users, matchesPerUser, buildSeconds: built.buildSeconds },
      searchIndex: { ...index, topSkills: undefined },
      trpc: stockTrpc ? 'stock handler only' : 'GET fast path',
      load: { concurrency, seconds, closedLoop, oneClient, serverCpuMsPerRequest, targetP95Ms: 50, meetsTarget: Object.fromEntries(Object.entries(closedLoop).map(([k, f]) => [k, f.p95 < 50 && f.errors === 0])) },
    };
    writeResults(`${postings === 100_000 ? 'api-load' : `api-load-${postings}`}${stockTrpc ? '-stock-trpc' : ''}`, result);
  } finally {
    await server.stop();
  }
}

/** The request mixes: what a dashboard and a job search page send; skills are the warehouse's most asked for. */
function scenarioList(users: number, skills: string[]): Record<string, Next> {
  const words = [...new Set(FAMILIES.flatMap((f) => f.titles.flat().flatMap((t) => t.toLowerCase().split(/[^\p{L}]+/u)).filter((w) => w.length > 3)))];
  const pick = <T>(rand: Rand, xs: readonly T[]) => xs[rand.int(xs.length)] as T;
  const search = (input: Record<string, unknown>, user: number | null = null): Call => ({ path: 'jobs.search', user, input });
  // A client that got a page goes on to the next one a third of the time, as infinite scroll does.
  const orNextPage = (fresh: (rand: Rand) => Call): Next => (rand, previous, last) =>
    previous?.nextCursor && last && rand.chance(0.33) ? { ...last, input: { ...last.input, cursor: previous.nextCursor } } : fresh(rand);
  return {
    'matches.list': (rand) => ({ path: 'matches.list', user: rand.int(users), input: { limit: 20, offset: 20 * rand.int(3) } }),
    'jobs.search newest (LATAM)': orNextPage(() => search({})),
    'jobs.search filters': orNextPage((rand) =>
      search({
        remote: rand.chance(0.7) ? 'latam' : 'any',
        skills: rand.chance(0.7) ? [pick(rand, skills)] : undefined,
        seniority: rand.chance(0.5) ? [pick(rand, ['junior', 'mid', 'senior', 'lead'])] : undefined,
        contractTypes: rand.chance(0.2) ? [pick(rand, ['clt', 'pj'])] : undefined,
        salaryFloor: rand.chance(0.4) ? { amount: 2_000 + 1_000 * rand.int(15), currency: pick(rand, ['BRL', 'USD', 'MXN']) } : undefined,
        postedWithinDays: rand.chance(0.4) ? pick(rand, [7, 30, 90]) : undefined,
        countries: rand.chance(0.2) ? [pick(rand, [...LATAM_COUNTRIES])] : undefined,
      }),
    ),
    'jobs.search text': orNextPage((rand) => {
      const q = Array.from({ length: 1 + rand.int(2) }, () => (rand.chance(0.5) ? pick(rand, skills).replace(/-/g, ' ') : pick(rand, words))).join(' ');
      // Half the queries are still being typed: the last word is a prefix.
      return search({ q: rand.chance(0.5) ? q.slice(0, Math.max(3, q.length - 2)) : `${q} `, remote: rand.chance(0.5) ? 'latam' : 'any' });
    }),
    'jobs.search by match (signed in)': orNextPage((rand) => search({ sort: 'match', skills: rand.chance(0.3) ? [pick(rand, skills)] : undefined }, rand.int(users))),
  };
}

/** Drives the server with `clients` closed loops for `seconds`; the first second is warm-up and not counted. */
async function drive(baseUrl: string, next: Next, opts: { clients: number; seconds: number }): Promise<Figures> {
  const agent = new Agent({ keepAlive: true, maxSockets: opts.clients });
  const latencies: number[] = [];
  let errors = 0;
  const errorSamples: string[] = [];
  const warmUntil = performance.now() + 1_000;
  const until = warmUntil + opts.seconds * 1_000;
  const loop = async (client: number) => {
    const rand = new Rand(97, 13, client);
    let previous: { nextCursor?: string | null } | null = null;
    let last: Call | null = null;
    while (performance.now() < until) {
      const call = next(rand, previous, last);
      last = call;
      const started = performance.now();
      const answer = await get(agent, `${baseUrl}/trpc/${call.path}?input=${encodeURIComponent(JSON.stringify(call.input))}`, call.user);
      const elapsed = performance.now() - started;
      if (started < warmUntil) continue;
      latencies.push(elapsed);
      if (answer.status !== 200) {
        errors += 1;
        if (errorSamples.length < 3) errorSamples.push(`${answer.status} ${JSON.stringify(answer.body).slice(0, 300)}`);
        previous = null;
      } else {
        previous = (answer.body as { result?: { data?: { nextCursor?: string | null } } }).result?.data ?? null;
      }
    }
  };
  await Promise.all(Array.from({ length: opts.clients }, (_, i) => loop(i)));
  agent.destroy();
  latencies.sort((a, b) => a - b);
  const at = (q: number) => Number((latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? 0).toFixed(1));
  return {
    requests: latencies.length,
    errors,
    errorSamples,
    seconds: opts.seconds,
    perSecond: Math.round(latencies.length / opts.seconds),
    p50: at(0.5),
    p95: at(0.95),
    p99: at(0.99),
    max: at(1),
  };
}

function get(agent: Agent, url: string, user: number | null): Promise<{ status: number; body: unknown }> {
  return new Promise((resolve) => {
    const req = request(url, { agent, headers: user === null ? {} : { cookie: `sid=${benchSessionToken(user)}` } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => {
        let body: unknown = null;
        try {
          body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
        } catch {
          // counted by its status
        }
        resolve({ status: res.statusCode ?? 0, body });
      });
    });
    req.on('error', () => resolve({ status: 0, body: null }));
    req.end();
  });
}

interface ServerUsage {
  cpuMicros: number;
  requests: number;
}

async function startServer(path: string): Promise<{ url: string; usage(): Promise<ServerUsage>; stop(): Promise<void> }> {
  // BENCH_API_SERVER_FLAGS: Node flags for the server alone, e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof" (NODE_OPTIONS refuses them).
  const flags = (process.env.BENCH_API_SERVER_FLAGS ?? '').split(/\s+/).filter(Boolean);
  const child: ChildProcess = spawn(process.execPath, [...flags, '--import', 'tsx', SELF, '--serve', path], { cwd: PROJECT_ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
  const lines = createInterface({ input: child.stdout! });
  const port = await new Promise<number>((resolve, reject) => {
    lines.once('line', (line) => resolve((JSON.parse(line) as { port: number }).port));
    child.once('exit', (code) => reject(new Error(`the server exited (${code})`)));
  });
  return {
    url: `http://127.0.0.1:${port}`,
    usage: () =>
      new Promise((resolve) => {
        lines.once('line', (line) => resolve(JSON.parse(line) as ServerUsage));
        child.kill('SIGUSR2');
      }),
    stop: () =>
      new Promise((resolve) => {
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

/** Size of the word index, the cost of refreshing 1 % of the jobs, and text queries beside an ILIKE scan, one client. */
async function indexFigures(path: string) {
  const warehouse = await Warehouse.open(path);
  try {
    return await warehouse.withConnection(async (conn) => {
      const [size] = await warehouse.query<{ docs: number; rows: number; tokens: number }>(
        'SELECT (SELECT count(*) FROM search_docs) AS docs, count(*) AS rows, count(DISTINCT token) AS tokens FROM search_terms',
      );
      await conn.run(`UPDATE postings SET normalized_at = now() WHERE id IN (SELECT posting_id FROM search_docs USING SAMPLE 1 PERCENT (system, 7))`);
      let started = performance.now();
      const refresh = await warehouse.transaction((tx) => refreshSearchIndex(tx, { latamCountries: LATAM_COUNTRIES }));
      const refreshSeconds = Number(((performance.now() - started) / 1000).toFixed(2));
      const queries: Record<string, { indexMs: number; ilikeScanMs: number; found: number }> = {};
      for (const q of ['python', 'engenheiro de dados ', 'machine learning aws ', 'cientista de dad', 'kubernetes terraform ']) {
        // The median of five runs; the scan baseline once (it reads every description, tens of seconds at a million).
        const time = async (fn: () => Promise<unknown>, runs = 5) => {
          const times: number[] = [];
          for (let i = 0; i < runs; i++) {
            started = performance.now();
            await fn();
            times.push(performance.now() - started);
          }
          return Number(times.sort((a, b) => a - b)[Math.floor(runs / 2)]?.toFixed(1));
        };
        const page = await searchJobs(conn, { text: queryTerms(q), latamOnly: false, sort: 'date', limit: 20 });
        // The baseline the index replaces: every word as a substring of title, company or description.
        const words = q.trim().split(/\s+/).filter((w) => w.length > 2);
        const like = words.map((_, i) => `(p.title || ' ' || coalesce(p.company, '') || ' ' || p.description_text) ILIKE $${i + 1}`).join(' AND ');
        queries[q.trim()] = {
          indexMs: await time(() => searchJobs(conn, { text: queryTerms(q), latamOnly: false, sort: 'date', limit: 20 })),
          ilikeScanMs: await time(() =>
            conn.run(
              `SELECT c.id FROM job_clusters c JOIN postings p ON p.id = c.canonical_posting_id WHERE ${like} ORDER BY c.first_seen_at DESC, c.id LIMIT 20`,
              words.map((w) => `%${w}%`),
            ),
            1,
          ),
          found: page.items.length,
        };
      }
      const topSkills = (
        await warehouse.query<{ skill: string }>('SELECT s AS skill FROM search_docs, unnest(skills) AS u(s) GROUP BY s ORDER BY count(*) DESC, s LIMIT 60')
      ).map((r) => r.skill);
      return { ...size, refreshOnePercent: { seconds: refreshSeconds, ...refresh }, queries, topSkills };
    });
  } finally {
    warehouse.close();
  }
}
