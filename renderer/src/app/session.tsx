import { createContext, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { useApi } from '../api/react.tsx';

/**
 * Which keys the desktop app's signing session holds unlocked (its main process keeps the secrets, never this page),
 * so a signature with such a key asks for no passphrase. In the browser console there is no session: every signature
 * with a keystore or token key asks for its secret, which the node uses for that one call.
 */
export interface SigningSessionState {
  available: boolean;
  unlocked: ReadonlySet<string>;
  unlock(label: string, secret: string): Promise<void>;
  lock(): Promise<void>;
}

const SessionContext = createContext<SigningSessionState | null>(null);

export function SessionProvider({ children }: { children: ReactNode }) {
  const client = useApi();
  const session = client.session;
  const [unlocked, setUnlocked] = useState<ReadonlySet<string>>(new Set());

  useEffect(() => session?.onLocked(() => setUnlocked(new Set())), [session]);

  const value = useMemo<SigningSessionState>(
    () => ({
      available: session !== undefined,
      unlocked,
      async unlock(label, secret) {
        if (!session) return;
        const result = await session.unlock(label, secret);
        if (!result.ok) throw new Error(result.error.message);
        setUnlocked((prev) => new Set([...prev, label]));
      },
      async lock() {
        await session?.lock();
        setUnlocked(new Set());
      },
    }),
    [session, unlocked],
  );
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSigningSession(): SigningSessionState {
  const s = useContext(SessionContext);
  if (!s) throw new Error('useSigningSession outside SessionProvider');
  return s;
}
