import { createServer, type Server } from 'node:http';
import { z } from 'zod';
import { listen } from '../../api/http-server.js';

// The parts of a Messages API request the résumé path relies on, as documented; the real SDK must send exactly this.
export const messagesRequest = z.object({
  model: z.string().min(1),
  max_tokens: z.number().int().positive(),
  system: z.string().optional(),
  tools: z.array(z.object({ name: z.string(), description: z.string().optional(), input_schema: z.looseObject({ type: z.literal('object'), properties: z.record(z.string(), z.unknown()) }) })).min(1),
  tool_choice: z.object({ type: z.literal('tool'), name: z.string() }),
  messages: z.array(z.object({ role: z.enum(['user', 'assistant']), content: z.string() })).min(1),
});
export type MessagesRequest = z.infer<typeof messagesRequest>;

export type FakeReply =
  /** A tool_use block with this input (valid or not: the test decides). */
  | { toolInput: unknown; stopReason?: 'tool_use' | 'max_tokens' }
  /** An API error as Anthropic sends it. */
  | { status: 401 | 429 | 500 | 529 }
  /** No answer for this long (longer than the client's time-out). */
  | { hangMs: number };

export interface FakeAnthropic {
  url: string;
  /** Every valid Messages request, with the headers that matter, in arrival order. */
  received: { body: MessagesRequest; apiKey: string | undefined; version: string | undefined }[];
  /** Requests that were not valid Messages calls, with why: a test expects none. */
  rejected: string[];
  /** Replies for the next requests, in order (push onto it); a request with none left is rejected. */
  replies: FakeReply[];
  close(): Promise<void>;
}

const ERROR_TYPES: Record<number, string> = { 401: 'authentication_error', 429: 'rate_limit_error', 500: 'api_error', 529: 'overloaded_error' };

/** An Anthropic Messages API stand-in on 127.0.0.1 that checks what the real @anthropic-ai/sdk sends, and replies as told. */
export async function startFakeAnthropic(apiKey: string): Promise<FakeAnthropic> {
  const state: Omit<FakeAnthropic, 'url' | 'close'> = { received: [], rejected: [], replies: [] };
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const json = (status: number, body: unknown, headers: Record<string, string> = {}) => {
        res.writeHead(status, { 'content-type': 'application/json', ...headers });
        res.end(JSON.stringify(body));
      };
      const reject = (why: string) => {
        state.rejected.push(why);
        json(400, { type: 'error', error: { type: 'invalid_request_error', message: why } });
      };
      if (req.method !== 'POST' || req.url !== '/v1/messages') return reject(`unexpected ${req.method} ${req.url}`);
      // The API takes the key as x-api-key or as a bearer token; SDK 1.x sends the latter.
      const bearer = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
      const sentKey = (req.headers['x-api-key'] as string | undefined) ?? bearer;
      if (sentKey !== apiKey) return reject('wrong or missing API key (x-api-key or Authorization: Bearer)');
      if (!req.headers['anthropic-version']) return reject('missing anthropic-version header');
      let body: MessagesRequest;
      try {
        body = messagesRequest.parse(JSON.parse(Buffer.concat(chunks).toString('utf8')));
      } catch (error) {
        return reject(`invalid body: ${(error as Error).message}`);
      }
      state.received.push({ body, apiKey: sentKey, version: req.headers['anthropic-version'] as string });
      const reply = state.replies.shift();
      if (!reply) return reject('no reply planned for this request');
      if ('hangMs' in reply) {
        const timer = setTimeout(() => json(500, { type: 'error', error: { type: 'api_error', message: 'too late' } }), reply.hangMs);
        res.on('close', () => clearTimeout(timer));
        return;
      }
      if ('status' in reply) {
        // retry-after-ms keeps the SDK's retries quick in tests; it honours the header as the real API's.
        return json(reply.status, { type: 'error', error: { type: ERROR_TYPES[reply.status], message: `fake ${reply.status}` } }, { 'retry-after-ms': '20' });
      }
      json(200, {
        id: `msg_fake_${state.received.length}`,
        type: 'message',
        role: 'assistant',
        model: body.model,
        content: [{ type: 'tool_use', id: `toolu_fake_${state.received.length}`, name: body.tool_choice.name, input: reply.toolInput }],
        stop_reason: reply.stopReason ?? 'tool_use',
        stop_sequence: null,
        usage: { input_tokens: 1000, output_tokens: 500 },
      });
    });
  });
  const port = await listen(server, 0, '127.0.0.1');
  // The arrays are shared with the server: push replies, read what was received.
  return {
    url: `http://127.0.0.1:${port}`,
    received: state.received,
    rejected: state.rejected,
    replies: state.replies,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
