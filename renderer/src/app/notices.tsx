import { createContext, Suspense, useCallback, useContext, useMemo, useRef, useState, type ReactNode } from 'react';
import { deferred } from './deferred.ts';
import type { NoticeKind, NoticesApi } from './NoticesHost.tsx';

/**
 * Short notices ("approval imported", an error after an action) without antd's App and message code on the start-up
 * path: the host that shows them (antd's message, inside the theme) is a chunk fetched once the first screen is up
 * (deferred.ts); a notice asked for before it arrives is kept and shown as soon as it does.
 */

export type Notify = Record<NoticeKind, (text: string) => void>;

const NoticesContext = createContext<Notify | undefined>(undefined);

const NoticesHost = deferred(() => import('./NoticesHost.tsx').then((m) => m.NoticesHost));

export function NoticesProvider({ children }: { children: ReactNode }) {
  const host = useRef<NoticesApi | undefined>(undefined);
  const waiting = useRef<[NoticeKind, string][]>([]);
  const [wanted, setWanted] = useState(false);

  const show = useCallback((kind: NoticeKind, text: string) => {
    if (host.current) return void host.current[kind](text);
    waiting.current.push([kind, text]);
    setWanted(true);
  }, []);
  const ready = useCallback((api: NoticesApi) => {
    host.current = api;
    for (const [kind, text] of waiting.current.splice(0)) void api[kind](text);
  }, []);
  const notify = useMemo<Notify>(
    () => ({ success: (text) => show('success', text), error: (text) => show('error', text) }),
    [show],
  );

  return (
    <NoticesContext.Provider value={notify}>
      {children}
      {wanted && (
        <Suspense fallback={null}>
          <NoticesHost onReady={ready} />
        </Suspense>
      )}
    </NoticesContext.Provider>
  );
}

export function useNotices(): Notify {
  const notify = useContext(NoticesContext);
  if (!notify) throw new Error('useNotices outside NoticesProvider');
  return notify;
}
