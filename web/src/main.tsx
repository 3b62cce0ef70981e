import { QueryClientProvider } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App.js';
import { TRPCProvider, createApiClient, createQueryClient } from './api.js';
import { I18nProvider } from './i18n/index.js';
import './index.css';

const queryClient = createQueryClient();
const trpcClient = createApiClient();
const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root');

createRoot(root).render(
  <StrictMode>
    <QueryClientProvider client={queryClient}>
      <TRPCProvider trpcClient={trpcClient} queryClient={queryClient}>
        <I18nProvider>
          <App />
        </I18nProvider>
      </TRPCProvider>
    </QueryClientProvider>
  </StrictMode>,
);
