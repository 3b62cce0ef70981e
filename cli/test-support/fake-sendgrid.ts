import { createServer, type Server } from 'node:http';
import { z } from 'zod';
import { listen } from '../../api/http-server.js';

// The shape of SendGrid's v3 mail/send body, as documented; the real SDK must produce exactly this.
const address = z.object({ email: z.email(), name: z.string().optional() });
export const mailSendBody = z.object({
  personalizations: z.array(z.object({ to: z.array(address).min(1) })).min(1),
  from: address,
  subject: z.string().min(1),
  content: z.array(z.object({ type: z.enum(['text/plain', 'text/html']), value: z.string().min(1) })).min(1),
  headers: z.record(z.string(), z.string()).optional(),
  custom_args: z.record(z.string(), z.string()).optional(),
});

export type MailSendBody = z.infer<typeof mailSendBody>;

export type FakeAnswer = { status: 202 } | { status: 400; invalidAddress?: boolean } | { status: 429; retryAfterSeconds: number } | { status: 500 } | { hangMs: number };

export interface FakeSendGrid {
  url: string;
  /** Every request that was a valid mail/send call, in arrival order (whatever was answered). */
  received: MailSendBody[];
  /** Requests that were not valid mail/send calls, with why: a test expects none. */
  rejected: string[];
  /** Answers for the next requests, in order; when empty, 202. */
  answers: FakeAnswer[];
  close(): Promise<void>;
}

/** A SendGrid stand-in on 127.0.0.1 that checks what the real @sendgrid/mail sends, and answers as told. */
export async function startFakeSendGrid(apiKey: string): Promise<FakeSendGrid> {
  const state: Omit<FakeSendGrid, 'url' | 'close'> = { received: [], rejected: [], answers: [] };
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const reject = (why: string) => {
        state.rejected.push(why);
        res.writeHead(400, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ errors: [{ message: why }] }));
      };
      if (req.method !== 'POST' || req.url !== '/v3/mail/send') return reject(`unexpected ${req.method} ${req.url}`);
      if (req.headers.authorization !== `Bearer ${apiKey}`) return reject('wrong or missing Authorization header');
      if (!String(req.headers['content-type']).startsWith('application/json')) return reject('not JSON');
      let parsed: MailSendBody;
      try {
        parsed = mailSendBody.parse(JSON.parse(Buffer.concat(chunks).toString('utf8')));
      } catch (error) {
        return reject(`invalid body: ${(error as Error).message}`);
      }
      state.received.push(parsed);
      const answer = state.answers.shift() ?? { status: 202 };
      if ('hangMs' in answer) {
        setTimeout(() => {
          res.writeHead(202);
          res.end();
        }, answer.hangMs);
        return;
      }
      if (answer.status === 202) {
        res.writeHead(202, { 'x-message-id': `fake-${state.received.length}` });
        return res.end();
      }
      const headers: Record<string, string> = { 'content-type': 'application/json' };
      if (answer.status === 429) headers['retry-after'] = String(answer.retryAfterSeconds);
      const message =
        answer.status === 400 && answer.invalidAddress ? 'Does not contain a valid address.' : answer.status === 400 ? 'Bad Request' : 'try again later';
      res.writeHead(answer.status, headers);
      res.end(JSON.stringify({ errors: [{ message, field: answer.status === 400 && answer.invalidAddress ? 'personalizations.0.to.0.email' : null }] }));
    });
  });
  const port = await listen(server, 0, '127.0.0.1');
  return Object.assign(state, {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  });
}
