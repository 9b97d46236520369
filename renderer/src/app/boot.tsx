import 'antd/dist/antd.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import type { StartUp } from '../api/pick-transport.ts';
import { initI18n } from '../i18n/index.ts';
import { App } from './App.tsx';
import { ConnectScreen } from './ConnectScreen.tsx';
import { LocaleProvider } from './LocaleProvider.tsx';

/** Renders the console: the language first (so the first paint is already in it), then the app or the token prompt. */
export function boot(start: StartUp): void {
  performance.mark('countersign:boot');
  initI18n();
  createRoot(document.getElementById('root')!).render(
    <StrictMode>
      <LocaleProvider>{'client' in start ? <App client={start.client} /> : <ConnectScreen />}</LocaleProvider>
    </StrictMode>,
  );
}
