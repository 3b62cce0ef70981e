import { createTRPCClient, httpLink } from '@trpc/client';
import type { AppRouter } from '../../api/router.js';

/**
 * The real tRPC client as a browser would use it: it keeps the session cookie the server sets and
 * sends the CSRF token it was given on mutations.
 */
export function apiClient(baseUrl: string) {
  const state = { cookie: '', csrfToken: null as string | null, lastSetCookie: '' };
  const client = createTRPCClient<AppRouter>({
    links: [
      httpLink({
        url: `${baseUrl}/trpc`,
        headers: () => ({ ...(state.cookie ? { cookie: state.cookie } : {}), ...(state.csrfToken ? { 'x-csrf-token': state.csrfToken } : {}) }),
        fetch: async (input, init) => {
          const response = await fetch(input, init);
          const setCookie = response.headers.get('set-cookie');
          if (setCookie) {
            state.lastSetCookie = setCookie;
            const pair = setCookie.split(';')[0] ?? '';
            state.cookie = pair.endsWith('=') ? '' : pair;
          }
          return response;
        },
      }),
    ],
  });
  return { client, state };
}
