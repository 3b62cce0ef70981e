import { hashKey, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import { errorCode, rememberCsrfToken, useTRPC, type ApiOutputs } from './api.js';
import { isLocale, useI18n } from './i18n/index.js';
import { navigate } from './router.js';

export type SessionUser = NonNullable<ApiOutputs['auth']['me']>['user'];

/** Who is signed in (null: nobody); also keeps the session's CSRF token for mutations. */
export function useMe() {
  const trpc = useTRPC();
  return useQuery({
    ...trpc.auth.me.queryOptions(),
    staleTime: 5 * 60_000,
    // Set while the answer is read, before any child renders: a mutation always finds the token.
    select: (me) => {
      rememberCsrfToken(me?.csrfToken ?? null);
      return me?.user ?? null;
    },
  });
}

/** After log-in or sign-up: the new session's token, then every query again as the new user. */
export function useStartSession() {
  const queryClient = useQueryClient();
  return async (csrfToken: string) => {
    rememberCsrfToken(csrfToken);
    await queryClient.resetQueries();
  };
}

export function useLogOut() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  return useMutation(
    trpc.auth.logOut.mutationOptions({
      // Signed out at once, then off the page before the cache is dropped: the user's pages unmount
      // instead of asking for their data again without a session.
      onSettled: () => {
        const me = trpc.auth.me.queryKey();
        rememberCsrfToken(null);
        queryClient.setQueryData(me, null);
        navigate('/login', { replace: true });
        queryClient.removeQueries({ predicate: (query) => query.queryHash !== hashKey(me) });
      },
    }),
  );
}

/** A session that expired mid-use: ask who is signed in again, so the pages send the user to log in. */
export function useSignOutOnExpiredSession(): void {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  useEffect(
    () =>
      queryClient.getQueryCache().subscribe((event) => {
        if (event.type === 'updated' && event.action.type === 'error' && errorCode(event.action.error) === 'UNAUTHORIZED') {
          void queryClient.invalidateQueries({ queryKey: trpc.auth.me.queryKey() });
        }
      }),
    [queryClient, trpc],
  );
}

/**
 * The account's language and the app's, kept together: a browser that was never told a language
 * takes the account's; one that was told another tells the account, so e-mails follow it.
 */
export function useAccountLocale(user: SessionUser | null): void {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { locale, setLocale, hasChosenLocale } = useI18n();
  const { mutate } = useMutation(trpc.auth.setLocale.mutationOptions({ onSuccess: () => queryClient.invalidateQueries({ queryKey: trpc.auth.me.queryKey() }) }));
  // Each language is sent once, until it changes: neither the refetch in between nor an error resends it.
  const sent = useRef<string | null>(null);
  useEffect(() => {
    if (!user || !isLocale(user.locale) || user.locale === locale) return;
    if (!hasChosenLocale()) setLocale(user.locale, { remember: false });
    else if (sent.current !== locale) {
      sent.current = locale;
      mutate({ locale });
    }
  }, [user, locale, hasChosenLocale, setLocale, mutate]);
}
