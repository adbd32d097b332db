import { createContext, useCallback, useContext, useEffect, useMemo, type ReactNode } from 'react';
import { useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { isUnauthenticated } from '../api/client.js';
import { fetchSession, signIn, signOut, type Session, type SessionOperation } from './session-api.js';

const SESSION_QUERY = ['session'] as const;

export interface SessionState {
  status: 'checking' | 'error' | 'signed-out' | 'signed-in';
  session: Session | null;
  signIn(key: string): Promise<Session>;
  signOut(): Promise<void>;
  retry(): void;
}

const SessionContext = createContext<SessionState | null>(null);

/** Whether the signed-in key may perform an operation: the dashboard offers only what the key can use. */
export function mayUse(session: Session | null, operation: SessionOperation): boolean {
  return session?.operations.includes(operation) ?? false;
}

export function useSession(): SessionState {
  const state = useContext(SessionContext);
  if (!state) throw new Error('useSession() outside <SessionProvider>');
  return state;
}

/** Forgets every answer but the session itself: figures of one key must never show under another. */
function forgetFigures(queryClient: QueryClient): void {
  queryClient.removeQueries({ predicate: (query) => query.queryKey[0] !== SESSION_QUERY[0] });
}

/**
 * Asks the API who the browser is (GET /api/session) and keeps the answer: signed in, signed out, or unknown (the
 * API could not be reached). Any query refused with UNAUTHENTICATED — an expired or revoked session — signs out.
 */
export function SessionProvider({ children }: { children: ReactNode }) {
  const queryClient = useQueryClient();
  const query = useQuery({ queryKey: SESSION_QUERY, queryFn: ({ signal }) => fetchSession(signal), staleTime: Infinity, retry: false });

  useEffect(
    () =>
      queryClient.getQueryCache().subscribe((event) => {
        if (event.type === 'updated' && event.action.type === 'error' && isUnauthenticated(event.action.error)) {
          queryClient.setQueryData(SESSION_QUERY, null);
        }
      }),
    [queryClient],
  );

  const doSignIn = useCallback(
    async (key: string) => {
      const session = await signIn(key);
      forgetFigures(queryClient);
      queryClient.setQueryData(SESSION_QUERY, session);
      return session;
    },
    [queryClient],
  );
  const doSignOut = useCallback(async () => {
    await signOut();
    queryClient.setQueryData(SESSION_QUERY, null);
    forgetFigures(queryClient);
  }, [queryClient]);

  const { refetch } = query;
  const state = useMemo<SessionState>(
    () => ({
      status: query.isPending ? 'checking' : query.isError ? 'error' : query.data ? 'signed-in' : 'signed-out',
      session: query.data ?? null,
      signIn: doSignIn,
      signOut: doSignOut,
      retry: () => void refetch(),
    }),
    [query.isPending, query.isError, query.data, doSignIn, doSignOut, refetch],
  );
  return <SessionContext.Provider value={state}>{children}</SessionContext.Provider>;
}
