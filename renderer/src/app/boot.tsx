// The page's own rules, then the part of antd's static stylesheet (zero-runtime mode) the first screen uses; the rest
// follows once the inbox is up (deferred.ts). Both come with the UI code rather than from index.html, so no stylesheet
// holds back the entry script and its early calls to the node.
import './base.css';
import 'virtual:antd-first-screen.css';
import { StrictMode, Suspense } from 'react';
import { createRoot } from 'react-dom/client';
import type { StartUp } from '../api/pick-transport.ts';
import { initI18n } from '../i18n/index.ts';
import { App } from './App.tsx';
import { lazyWithStyles } from './deferred.ts';
import { markOnce } from './startup-mark.ts';
import { LocaleProvider } from './LocaleProvider.tsx';

// Only a tab opened without the token shows it: its code (antd's Form and Input) is not on the start-up path.
const ConnectScreen = lazyWithStyles(() => import('./ConnectScreen.tsx').then((m) => m.ConnectScreen));

/** Renders the console: the language first (so the first paint is already in it), then the app or the token prompt. */
export function boot(start: StartUp): void {
  markOnce('countersign:boot');
  initI18n();
  createRoot(document.getElementById('root')!).render(
    <StrictMode>
      <LocaleProvider>
        {'client' in start ? (
          <App client={start.client} />
        ) : (
          <Suspense fallback={null}>
            <ConnectScreen />
          </Suspense>
        )}
      </LocaleProvider>
    </StrictMode>,
  );
}
