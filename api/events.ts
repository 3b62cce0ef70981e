// GET /events: Server-Sent Events to open dashboards — pipeline progress for everyone signed in,
// and after each score stage the caller's new high matches (jobs first seen by that run, scoring at
// least the user's alert threshold). The events come from the in-process pipeline bus
// (activities/pipeline-events.ts, which says why in-process is enough and where it stops being so).
import type { IncomingMessage, ServerResponse } from 'node:http';
import { pipelineEvents, type PipelineEvent } from '../activities/pipeline-events.js';
import type { Warehouse } from '../warehouse/db.js';
import { activeModelVersion } from '../warehouse/ml.js';
import { findLiveSession } from '../warehouse/accounts.js';
import { getEmailPreferences, newMatches } from '../warehouse/notifications.js';
import { sessionOf, type ApiUser } from './context.js';

export interface EventStreamOptions {
  warehouse: Warehouse;
  /** A comment line this often keeps proxies and browsers from closing an idle stream; the session is re-checked then too. */
  heartbeatMs?: number;
  /** Open streams per user (tabs); one more is refused with 429. */
  maxPerUser?: number;
  /** Open streams in all. */
  maxTotal?: number;
}

export interface EventStreams {
  handle(req: IncomingMessage, res: ServerResponse): void;
  /** How many streams are open (per user, or in all). */
  open(userId?: string): number;
  /** Ends every stream and stops listening: before the HTTP server closes, which waits for open connections. */
  close(): void;
}

interface Stream {
  user: ApiUser;
  tokenHash: string;
  res: ServerResponse;
}

/** Most matches one event lists; the dashboard fetches the rest through matches.list. */
const MATCHES_PER_EVENT = 10;
/** A client that reads slower than this much buffered output is dropped rather than buffered for. */
const MAX_BUFFERED_BYTES = 256 * 1024;

export function eventStreams(opts: EventStreamOptions): EventStreams {
  const heartbeatMs = opts.heartbeatMs ?? 15_000;
  const maxPerUser = opts.maxPerUser ?? 5;
  const maxTotal = opts.maxTotal ?? 1_000;
  const streams = new Set<Stream>();

  const send = (stream: Stream, event: string, data: unknown) => {
    if (stream.res.writableLength > MAX_BUFFERED_BYTES) return void stream.res.destroy();
    stream.res.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
  };
  const end = (stream: Stream) => {
    streams.delete(stream);
    stream.res.end();
  };

  const heartbeat = setInterval(() => {
    void (async () => {
      // Logging out (or the session expiring) ends the streams it opened.
      const live = await opts.warehouse.withConnection(async (conn) => {
        const hashes = new Set([...streams].map((s) => s.tokenHash));
        const found = new Set<string>();
        for (const hash of hashes) if (await findLiveSession(conn, hash)) found.add(hash);
        return found;
      });
      for (const stream of streams) {
        if (!live.has(stream.tokenHash)) end(stream);
        else stream.res.write(': keep-alive\n\n');
      }
    })().catch(() => undefined); // a failed check is tried again at the next beat
  }, heartbeatMs);
  heartbeat.unref();

  const unsubscribe = pipelineEvents(opts.warehouse).subscribe((event) => {
    if (event.type === 'account') {
      // Its streams were opened under the old role (an operator sees sources' errors): the browser reconnects under the new one.
      for (const stream of streams) if (stream.user.id === event.userId) end(stream);
      return;
    }
    for (const stream of streams) send(stream, event.type === 'stage' ? 'pipeline' : 'source', forUser(event, stream.user));
    if (event.type === 'stage' && event.stage === 'score' && event.state === 'finished') {
      // A failure here only costs the push: the dashboard also refetches matches on "score finished".
      pushNewMatches(event.runId).catch(() => undefined);
    }
  });

  async function pushNewMatches(runId: string): Promise<void> {
    const users = new Map([...streams].map((s) => [s.user.id, s.user]));
    if (users.size === 0) return;
    await opts.warehouse.withConnection(async (conn) => {
      const model = await activeModelVersion(conn, 'matcher');
      for (const userId of users.keys()) {
        const { alertThreshold } = await getEmailPreferences(conn, userId);
        const matches = await newMatches(conn, { userId, modelVersion: model.version, minScore: alertThreshold, limit: MATCHES_PER_EVENT, runId });
        if (matches.length === 0) continue;
        for (const stream of streams) if (stream.user.id === userId) send(stream, 'matches', { runId, modelVersion: model.version, matches });
      }
    });
  }

  const openFor = (userId?: string) => (userId === undefined ? streams.size : [...streams].filter((s) => s.user.id === userId).length);
  const refuse = (res: ServerResponse, status: number, error: string) => {
    res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
    res.end(JSON.stringify({ error }));
  };

  return {
    handle(req, res) {
      sessionOf(opts.warehouse, req).then(
        (caller) => {
          if (!caller) return refuse(res, 401, 'log in first');
          if (streams.size >= maxTotal) return refuse(res, 503, 'too many open event streams; try again later');
          if (openFor(caller.user.id) >= maxPerUser) return refuse(res, 429, `at most ${maxPerUser} open event streams per user`);
          const stream: Stream = { user: caller.user, tokenHash: caller.session.tokenHash, res };
          streams.add(stream);
          req.socket.setKeepAlive(true);
          req.socket.setNoDelay(true);
          res.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-store', connection: 'keep-alive', 'x-accel-buffering': 'no' });
          // `retry` tells EventSource how long to wait before reconnecting after a drop.
          res.write(`retry: 5000\n\n`);
          send(stream, 'ready', { userId: caller.user.id });
          res.on('close', () => streams.delete(stream));
        },
        () => refuse(res, 500, 'internal error'),
      );
    },
    open: openFor,
    close() {
      clearInterval(heartbeat);
      unsubscribe();
      for (const stream of streams) end(stream);
    },
  };
}

/** What a user sees of a pipeline event: failures' details are for operators. */
function forUser(event: PipelineEvent, user: ApiUser): Record<string, unknown> {
  const shown: Record<string, unknown> = { ...event };
  delete shown.type;
  delete shown.workflowId;
  if (user.role !== 'admin') delete shown.error;
  return shown;
}
