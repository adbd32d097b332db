import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter } from 'react-router';
import { App } from './app/App.js';
import { createI18n } from './i18n/i18n.js';
import './styles.css';

const lang = new URLSearchParams(window.location.search).get('lang') === 'en' ? 'en' : 'ar';
createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <BrowserRouter>
      <App i18n={createI18n(lang)} />
    </BrowserRouter>
  </StrictMode>,
);
