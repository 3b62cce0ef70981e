import { QueryClient } from '@tanstack/react-query';
import { TRPCClientError, createTRPCClient, httpBatchLink, httpLink, isNonJsonSerializable, splitLink } from '@trpc/client';
import { createTRPCContext } from '@trpc/tanstack-react-query';
import type { inferRouterInputs, inferRouterOutputs } from '@trpc/server';
import type { AppRouter } from '../../api/router.js';

export type ApiOutputs = inferRouterOutputs<AppRouter>;
export type ApiInputs = inferRouterInputs<AppRouter>;
export type JobCard = ApiOutputs['jobs']['list'][number];
export type JobDetail = ApiOutputs['jobs']['get'];
export type MatchCard = ApiOutputs['matches']['list'][number];
export type SearchCard = ApiOutputs['jobs']['search']['items'][number];
export type Profile = NonNullable<ApiOutputs['profile']['get']>;

export const { TRPCProvider, useTRPC } = createTRPCContext<AppRouter>();

// The session's synchronizer token: the cookie is httpOnly, so the token travels in the answers of
// auth.me, logIn and signUp and is echoed on every mutation (see api/trpc.ts).
let csrfToken: string | null = null;
export function rememberCsrfToken(token: string | null): void {
  csrfToken = token;
}

export function createApiClient() {
  const common = {
    url: '/trpc',
    headers: () => (csrfToken ? { 'x-csrf-token': csrfToken } : {}),
    fetch: (url: URL | RequestInfo, init?: RequestInit) => fetch(url, { ...init, credentials: 'same-origin' }),
  };
  return createTRPCClient<AppRouter>({
    links: [
      // A file upload (FormData) goes alone as multipart; everything else is batched as JSON.
      splitLink({ condition: (op) => isNonJsonSerializable(op.input), true: httpLink(common), false: httpBatchLink(common) }),
    ],
  });
}

/** The tRPC error code of a failed call (UNAUTHORIZED, CONFLICT, …), or null for anything else. */
export function errorCode(error: unknown): string | null {
  return error instanceof TRPCClientError ? ((error.data as { code?: string } | undefined)?.code ?? null) : null;
}

export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        staleTime: 30_000,
        retry: (failures, error) => failures < 2 && !['UNAUTHORIZED', 'FORBIDDEN', 'NOT_FOUND', 'BAD_REQUEST'].includes(errorCode(error) ?? ''),
      },
    },
  });
}
