// GET query calls answered without tRPC's node-http adapter. That adapter turns every request into a
// Fetch Request (Headers, URL, AbortController), resolves it into a Fetch Response and pipes the body
// through a web WritableStream: about a fifth of the API's CPU under load. Here the same calls go
// through tRPC's public adapter-author API (callTRPCProcedure, getTRPCErrorShape,
// transformTRPCResponse, getHTTPStatusCode) and are written with one res.end, and the answer is the
// adapter's: status, content-type, vary, the headers the context sets and the body, byte for byte
// (only the framing differs: one body with its content-length, not chunks).
//
// Only what this module fully understands is answered here: a GET with no content-type, no streaming
// accept header, only `input` and `batch=1` in its query, and no subscription or mixed procedure
// types. Everything else returns false, for the stock handler. The stock handler's options other
// than router, createContext and onError must stay at tRPC's defaults (allowBatching on, no
// maxBatchSize, no responseMeta, no method override): those are what this module reproduces.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { TRPCError, callTRPCProcedure, getTRPCErrorFromUnknown, getTRPCErrorShape, transformTRPCResponse, type AnyTRPCRouter } from '@trpc/server';
import type { NodeHTTPCreateContextFn } from '@trpc/server/adapters/node-http';
import { getHTTPStatusCode, type HTTPErrorHandler, type TRPCRequestInfo } from '@trpc/server/http';

export interface QueryHandlerOptions<TRouter extends AnyTRPCRouter> {
  router: TRouter;
  createContext: NodeHTTPCreateContextFn<TRouter, IncomingMessage, ServerResponse>;
  onError?: HTTPErrorHandler<TRouter, IncomingMessage>;
}

/** Answers the request and returns true, or returns false at once, having touched nothing, for the stock handler. */
export type QueryFastPath = (req: IncomingMessage, res: ServerResponse, url: URL, path: string) => boolean;

type Procedure = NonNullable<TRPCRequestInfo['calls'][number]['procedure']>;
type Outcome = { ok: true; data: unknown } | { ok: false; error: TRPCError };
type Context = Awaited<ReturnType<NodeHTTPCreateContextFn<AnyTRPCRouter, IncomingMessage, ServerResponse>>>;

/** `path` is the URL's pathname after the API's base path, as the stock handler takes it. */
export function queryFastPath<TRouter extends AnyTRPCRouter>(opts: QueryHandlerOptions<TRouter>): QueryFastPath {
  const { router } = opts;
  const procedures = router._def.procedures as Record<string, Procedure | undefined>;
  // A lazy sub-router is loaded by the stock handler on its first call: until then a path may exist unseen.
  const hasLazy = Object.keys(router._def.lazy).length > 0;

  return (req, res, url, path) => {
    if (req.method !== 'GET' || req.headers['content-type'] !== undefined || req.headers['trpc-accept'] !== undefined) return false;
    if (req.headers.accept?.includes('application/jsonl')) return false;
    // The stock handler decodes the path; with nothing encoded in it, decoding changes nothing.
    if (path.includes('%')) return false;
    let input: string | null = null;
    let isBatchCall = false;
    for (const [key, value] of url.searchParams) {
      if (key === 'input' && input === null) input = value;
      else if (key === 'batch' && value === '1' && !isBatchCall) isBatchCall = true;
      else return false;
    }
    const paths = isBatchCall ? path.split(',') : [path];
    const types = new Set<string>();
    for (const p of paths) {
      const procedure = procedures[p];
      if (!procedure && hasLazy) return false;
      if (procedure) types.add(procedure._def.type);
    }
    // Subscriptions stream; mixed types are refused as a whole, before any context: both the stock handler's.
    if (types.has('subscription') || types.size > 1) return false;
    const type = (types.values().next().value ?? 'unknown') as TRPCRequestInfo['type'];
    answer(opts, req, res, url, { paths, input, isBatchCall, type }).catch((cause: unknown) => {
      // Not a tRPC answer but a bug here (answer() handles every failure of a call): logged, and the client not left waiting.
      opts.onError?.({ error: getTRPCErrorFromUnknown(cause), type: 'unknown', path: undefined, input: undefined, ctx: undefined, req });
      if (!res.headersSent) res.statusCode = 500;
      res.end();
    });
    return true;
  };
}

async function answer<TRouter extends AnyTRPCRouter>(
  opts: QueryHandlerOptions<TRouter>,
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  call: { paths: string[]; input: string | null; isBatchCall: boolean; type: TRPCRequestInfo['type'] },
): Promise<void> {
  const { router, onError } = opts;
  const config = router._def._config;
  // Procedures see the client leave, as with the stock handler: the response closed before it ended.
  const abort = new AbortController();
  res.once('close', () => {
    if (!res.writableEnded) abort.abort();
  });

  // Input is parsed once, when a procedure first reads it: a procedure without input never fails on it.
  let inputs: Record<number, unknown> | undefined;
  let parsing: Promise<Record<number, unknown>> | undefined;
  const readInputs = () => (parsing ??= parseInputs(config, call).then((parsed) => (inputs = parsed)));
  const procedures = router._def.procedures as Record<string, Procedure | undefined>;
  const info: TRPCRequestInfo = {
    accept: null,
    type: call.type,
    isBatchCall: call.isBatchCall,
    calls: call.paths.map((path, index) => ({
      path,
      batchIndex: index,
      procedure: procedures[path] ?? null,
      getRawInput: async () => (await readInputs())[index],
      result: () => inputs?.[index],
    })),
    connectionParams: null,
    signal: abort.signal,
    url,
  };

  let ctx: Context | undefined;
  let ctxError: TRPCError | null = null;
  try {
    ctx = await opts.createContext({ req, res, info });
  } catch (cause) {
    ctxError = getTRPCErrorFromUnknown(cause);
  }

  const outcomes = await Promise.all(
    info.calls.map(async ({ path, procedure, getRawInput, result, batchIndex }): Promise<Outcome> => {
      try {
        if (!procedure) throw new TRPCError({ code: 'NOT_FOUND', message: `No procedure found on path "${path}"` });
        if (procedure._def.type !== 'query') {
          throw new TRPCError({ code: 'METHOD_NOT_SUPPORTED', message: `Unsupported GET-request to ${procedure._def.type} procedure at path "${path}"` });
        }
        if (ctxError) throw ctxError;
        return { ok: true, data: await callTRPCProcedure({ router, path, getRawInput, ctx, type: 'query', signal: abort.signal, batchIndex }) };
      } catch (cause) {
        const error = getTRPCErrorFromUnknown(cause);
        onError?.({ error, path, input: result(), ctx, type: procedure?._def.type ?? 'unknown', req });
        return { ok: false, error };
      }
    }),
  );

  const shape = (outcome: Outcome, index: number) => {
    const { path, procedure, result } = info.calls[index]!;
    if (outcome.ok) return { result: { data: outcome.data } };
    return { error: getTRPCErrorShape({ config, ctx, error: outcome.error, input: result(), path, type: procedure?._def.type ?? 'unknown' }) };
  };
  try {
    if (!call.isBatchCall) {
      const [outcome] = outcomes as [Outcome];
      if (outcome.ok && isDataStream(outcome.data)) throw streamRefused();
      const single = shape(outcome, 0);
      return send(res, getHTTPStatusCode([single]), JSON.stringify(transformTRPCResponse(config, single)));
    }
    const all = outcomes.map((outcome, index) => (outcome.ok && isDataStream(outcome.data) ? shape({ ok: false, error: streamRefused() }, index) : shape(outcome, index)));
    send(res, getHTTPStatusCode(all), JSON.stringify(transformTRPCResponse(config, all)));
  } catch (cause) {
    // As resolveResponse answers a failure outside any one call (a result JSON cannot hold): one error, no path.
    const error = getTRPCErrorFromUnknown(cause);
    onError?.({ error, path: undefined, input: undefined, ctx, type: call.type, req });
    const whole = { error: getTRPCErrorShape({ config, ctx, error, input: undefined, path: undefined, type: call.type }) };
    send(res, getHTTPStatusCode(whole), JSON.stringify(transformTRPCResponse(config, whole)));
  }
}

/** The query's inputs by call index, as the stock handler reads them: an empty `input` is none; a batch's must be an object. */
async function parseInputs(config: AnyTRPCRouter['_def']['_config'], call: { paths: string[]; input: string | null; isBatchCall: boolean }): Promise<Record<number, unknown>> {
  const inputs: Record<number, unknown> = Object.create(null);
  try {
    if (!call.input) return inputs;
    const parsed: unknown = JSON.parse(call.input);
    if (!call.isBatchCall) {
      inputs[0] = config.transformer.input.deserialize(parsed);
      return inputs;
    }
    if (!isObject(parsed)) throw new TRPCError({ code: 'BAD_REQUEST', message: '"input" needs to be an object when doing a batch call' });
    for (const index of call.paths.keys()) {
      const value = parsed[index];
      if (value !== undefined) inputs[index] = config.transformer.input.deserialize(value);
    }
    return inputs;
  } catch (cause) {
    if (cause instanceof TRPCError) throw cause;
    throw new TRPCError({ code: 'BAD_REQUEST', message: cause instanceof Error ? cause.message : 'Invalid input', cause });
  }
}

// Headers set, not written: end() then sends the body in one piece with its content-length.
function send(res: ServerResponse, status: number, body: string): void {
  res.statusCode = status;
  res.setHeader('vary', 'trpc-accept, accept');
  res.setHeader('content-type', 'application/json');
  res.end(body);
}

function isObject(value: unknown): value is Record<string, unknown> {
  return !!value && !Array.isArray(value) && typeof value === 'object';
}

// A result holding promises or async iterables needs a streaming link; the stock handler refuses it in JSON.
function isDataStream(value: unknown): boolean {
  if (!isObject(value)) return false;
  if (Symbol.asyncIterator in value) return true;
  const values = Object.values(value);
  return values.some((v) => (isObject(v) || typeof v === 'function') && typeof (v as { then?: unknown }).then === 'function' && typeof (v as { catch?: unknown }).catch === 'function') || values.some((v) => isObject(v) && Symbol.asyncIterator in v);
}

function streamRefused(): TRPCError {
  return new TRPCError({ code: 'UNSUPPORTED_MEDIA_TYPE', message: 'Cannot use stream-like response in non-streaming request - use httpBatchStreamLink' });
}
