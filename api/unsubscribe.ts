import type { IncomingMessage, ServerResponse } from 'node:http';
import { escape } from 'html-escaper';
import { emailText } from '../activities/notify/email-text.js';
import type { Warehouse } from '../warehouse/db.js';
import { recipient, unsubscribe } from '../warehouse/notifications.js';

export interface UnsubscribeDeps {
  warehouse: Warehouse;
  verifyUnsubscribe: (token: string) => string | null;
}

const MAX_BODY_BYTES = 1024;

function page(res: ServerResponse, status: number, locale: string, body: string): void {
  const t = emailText(locale);
  res.writeHead(status, {
    'content-type': 'text/html; charset=utf-8',
    'cache-control': 'no-store',
    'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'",
    'referrer-policy': 'no-referrer',
  });
  res.end(`<!doctype html><html lang="${escape(locale)}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width">
<title>${escape(t.unsubscribeTitle)}</title></head><body style="font-family:Arial,sans-serif;max-width:32rem;margin:3rem auto;padding:0 1rem">
<h1 style="font-size:1.4rem">${escape(t.unsubscribeTitle)}</h1>${body}</body></html>`);
}

/**
 * /unsubscribe?token=…: GET shows a confirmation button (mail scanners follow links, so a GET must
 * change nothing); POST unsubscribes, both from that button and from mail clients' RFC 8058
 * one-click "List-Unsubscribe-Post". The signed token is the only credential needed.
 */
export function handleUnsubscribe(deps: UnsubscribeDeps, req: IncomingMessage, res: ServerResponse, url: URL): void {
  const token = url.searchParams.get('token') ?? '';
  const userId = deps.verifyUnsubscribe(token);
  const respond = async () => {
    const user = userId ? await deps.warehouse.withConnection((conn) => recipient(conn, userId)) : null;
    const locale = user?.locale ?? 'pt-BR';
    const t = emailText(locale);
    if (!userId || !user) return page(res, 400, locale, `<p>${escape(t.unsubscribeInvalid)}</p>`);
    if (req.method === 'POST') {
      await deps.warehouse.withConnection((conn) => unsubscribe(conn, userId));
      return page(res, 200, locale, `<p role="status">${escape(t.unsubscribeDone)}</p>`);
    }
    page(
      res,
      200,
      locale,
      `<p>${escape(t.unsubscribeConfirm)}</p><form method="post" action="/unsubscribe?token=${escape(encodeURIComponent(token))}">
<button type="submit" style="font-size:1rem;padding:.5rem 1rem">${escape(t.unsubscribeButton)}</button></form>`,
    );
  };
  // The body (the one-click form field) carries nothing needed; read at most a little of it, then answer.
  let received = 0;
  req.on('data', (chunk: Buffer) => {
    received += chunk.length;
    if (received > MAX_BODY_BYTES) req.destroy();
  });
  req.on('end', () => {
    respond().catch(() => {
      if (!res.headersSent) page(res, 500, 'pt-BR', '<p>error</p>');
      else res.end();
    });
  });
  req.resume();
}
