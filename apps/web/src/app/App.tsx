import { useState } from 'react';
import { I18nextProvider } from 'react-i18next';
import { Navigate, Route, Routes, useLocation } from 'react-router';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import type { i18n } from 'i18next';
import { AmanahPage } from '../amanah/AmanahPage.js';
import { DashboardPage, NotFound } from '../dashboard/DashboardPage.js';
import { Layout } from './Layout.js';

export function createQueryClient(): QueryClient {
  // Answers change only when data is ingested; a minute of freshness keeps navigation between pages instant.
  return new QueryClient({ defaultOptions: { queries: { staleTime: 60_000, retry: 1, refetchOnWindowFocus: false } } });
}

function RedirectHome() {
  const { search } = useLocation();
  return <Navigate to={{ pathname: '/dashboards/executive', search }} replace />;
}

export function AppRoutes() {
  return (
    <Layout>
      <Routes>
        <Route path="/" element={<RedirectHome />} />
        <Route path="/dashboards/:id" element={<DashboardPage />} />
        <Route path="/amanahs/:amanah" element={<AmanahPage />} />
        <Route path="*" element={<NotFound />} />
      </Routes>
    </Layout>
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
