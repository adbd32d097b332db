import { useState } from 'react';
import { I18nextProvider } from 'react-i18next';
import { Navigate, Route, Routes, useLocation } from 'react-router';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import type { i18n } from 'i18next';
import { AmanahPage } from '../amanah/AmanahPage.js';
import { PressPage } from '../press/PressPage.js';
import { GlossaryPage } from '../glossary/GlossaryPage.js';
import { DeliveryPage } from '../delivery/DeliveryPage.js';
import { BatchesPage } from '../ingest/BatchesPage.js';
import { CompletenessPage } from '../ingest/CompletenessPage.js';
import { UploadPage } from '../ingest/UploadPage.js';
import { GraphqlRequestError } from '../api/client.js';
import { DashboardPage, NotFound, PageError } from '../dashboard/DashboardPage.js';
import { mayUse, SessionProvider, useSession } from '../session/session.js';
import { SignInPage } from '../session/SignInPage.js';
import { Layout } from './Layout.js';

export function createQueryClient(): QueryClient {
  // Answers change only when data is ingested; a minute of freshness keeps navigation between pages instant.
  return new QueryClient({ defaultOptions: { queries: { staleTime: 60_000, retry: retryOnce, refetchOnWindowFocus: false } } });
}

/** Refusals and bad arguments answer the same the second time: only other failures are worth one retry. */
const FINAL_CODES = new Set(['UNAUTHENTICATED', 'FORBIDDEN', 'BAD_USER_INPUT', 'RATE_LIMITED']);
function retryOnce(failures: number, error: unknown): boolean {
  return failures < 1 && !(error instanceof GraphqlRequestError && error.code !== undefined && FINAL_CODES.has(error.code));
}

function RedirectHome() {
  const { search } = useLocation();
  const { session } = useSession();
  // A key that may only ingest (a pipeline's, or a data clerk's) reads no dashboard: it starts on the upload page.
  const home = !mayUse(session, 'read') && mayUse(session, 'ingest') ? '/upload' : '/dashboards/executive';
  return <Navigate to={{ pathname: home, search }} replace />;
}

export function AppRoutes() {
  return (
    <SessionProvider>
      <Layout>
        <SignedInRoutes />
      </Layout>
    </SessionProvider>
  );
}

/** The pages once the API knows who is asking; the sign-in page, at the same URL, until then. */
function SignedInRoutes() {
  const { status, retry } = useSession();
  if (status === 'checking') return <div className="page-state" aria-busy="true" />;
  if (status === 'error') return <PageError onRetry={retry} />;
  if (status === 'signed-out') return <SignInPage />;
  return (
    <Routes>
      <Route path="/" element={<RedirectHome />} />
      <Route path="/dashboards/:id" element={<DashboardPage />} />
      <Route path="/amanahs/:amanah" element={<AmanahPage />} />
      <Route path="/press" element={<PressPage />} />
      <Route path="/glossary" element={<GlossaryPage />} />
      <Route path="/deliveries" element={<DeliveryPage />} />
      <Route path="/upload" element={<UploadPage />} />
      <Route path="/batches" element={<BatchesPage />} />
      <Route path="/completeness" element={<CompletenessPage />} />
      <Route path="*" element={<NotFound />} />
    </Routes>
  );
}

/** Providers around the routes; the router is given by the caller (BrowserRouter in the app, MemoryRouter in tests). */
export function App({ i18n, queryClient }: { i18n: i18n; queryClient?: QueryClient }) {
  const [client] = useState(() => queryClient ?? createQueryClient());
  return (
    <I18nextProvider i18n={i18n}>
      <QueryClientProvider client={client}>
        <AppRoutes />
      </QueryClientProvider>
    </I18nextProvider>
  );
}
