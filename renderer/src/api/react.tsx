import { createContext, useCallback, useContext, useEffect, useRef, useState, type ReactNode } from 'react';
import type { ApiInput, ApiMethod } from '../../../shared/api/contract.ts';
import type { ApiClient } from './client.ts';
import type { ApiResult } from './results.ts';
import type { ConnectionState, Topic } from './transport.ts';

/** React access to the one client: views call useApi() / useCall() and never see the transport. */

const ApiContext = createContext<ApiClient | null>(null);

export function ApiProvider({ client, children }: { client: ApiClient; children: ReactNode }) {
  return <ApiContext.Provider value={client}>{children}</ApiContext.Provider>;
}

export function useApi(): ApiClient {
  const client = useContext(ApiContext);
  if (!client) throw new Error('useApi outside ApiProvider');
  return client;
}

export interface CallState<T> {
  data: T | undefined;
  error: Error | undefined;
  loading: boolean;
  reload: () => void;
}

/**
 * Calls `method` with `params` and keeps the answer; calls again when the params change, when `reload()` is called,
 * and on each event of the `refreshOn` topics (a new block, a proposal update). `params: null` skips the call.
 * The previous data stays shown while a refresh is in flight, so tables do not flicker on every block.
 */
export function useCall<M extends ApiMethod>(
  method: M,
  params: ApiInput<M> | null,
  opts: { refreshOn?: readonly Topic[] } = {},
): CallState<ApiResult<M>> {
  const client = useApi();
  const key = params === null ? null : JSON.stringify(params);
  // At start-up the answer may already be here (main.tsx warmed the call): the first render shows it.
  const [early] = useState(() => (params === null ? undefined : client.take(method, params)));
  const [data, setData] = useState<ApiResult<M> | undefined>(early?.value);
  const [error, setError] = useState<Error | undefined>(undefined);
  const [loading, setLoading] = useState(params !== null && early === undefined);
  const [tick, setTick] = useState(0);
  const latest = useRef(0);
  const fresh = useRef(early !== undefined);

  useEffect(() => {
    if (key === null) {
      setLoading(false);
      return;
    }
    if (fresh.current) {
      fresh.current = false; // the early answer is this call's; ask again on the next change or event
      return;
    }
    const mine = ++latest.current;
    setLoading(true);
    client.call(method, JSON.parse(key) as ApiInput<M>).then(
      (value) => {
        if (mine !== latest.current) return;
        setData(value);
        setError(undefined);
        setLoading(false);
      },
      (err: unknown) => {
        if (mine !== latest.current) return;
        setError(err instanceof Error ? err : new Error(String(err)));
        setLoading(false);
      },
    );
  }, [client, method, key, tick]);

  const topics = (opts.refreshOn ?? []).join(',');
  useEffect(() => {
    if (topics === '') return;
    const offs = topics.split(',').map((t) => client.subscribe(t as Topic, () => setTick((n) => n + 1)));
    return () => offs.forEach((off) => off());
  }, [client, topics]);

  const reload = useCallback(() => setTick((n) => n + 1), []);
  return { data, error, loading, reload };
}

/** Runs `listener` on each event of `topic` while the component is mounted. */
export function useTopic(topic: Topic, listener: (event: unknown) => void): void {
  const client = useApi();
  const ref = useRef(listener);
  ref.current = listener;
  useEffect(() => client.subscribe(topic, (e) => ref.current(e)), [client, topic]);
}

export function useConnectionState(): ConnectionState {
  const client = useApi();
  const [state, setState] = useState(client.transport.state);
  useEffect(() => client.transport.onState(setState), [client]);
  return state;
}
