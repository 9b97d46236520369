import {
  BRIDGE_METHODS,
  RpcErrorCode,
  type BridgeResult,
  type CountersignBridge,
  type SubscriptionTopicName,
} from '../../shared/api/index.ts';
import {
  apiChannel,
  EVENT_CHANNEL,
  SIGNER_LOCK_CHANNEL,
  SIGNER_LOCKED_CHANNEL,
  SIGNER_UNLOCK_CHANNEL,
  SUBSCRIBE_CHANNEL,
  UNSUBSCRIBE_CHANNEL,
} from './channels.ts';

/**
 * Builds `window.countersign` for the preload from the parts of ipcRenderer it needs. Only plain functions (and
 * frozen objects of functions) are exposed: never ipcRenderer, never an IpcRendererEvent (its `sender` is
 * ipcRenderer), so the page can send nothing but the calls listed here, on the channels listed in channels.ts.
 * No electron import: the preload passes ipcRenderer in, and tests pass a fake.
 */
export interface PreloadIpc {
  invoke(channel: string, ...args: unknown[]): Promise<unknown>;
  on(channel: string, listener: (event: unknown, ...args: unknown[]) => void): void;
}

const TOPICS: readonly SubscriptionTopicName[] = ['blocks', 'proposals'];

export function createBridge(ipc: PreloadIpc): CountersignBridge {
  const call = async (channel: string, params: unknown): Promise<BridgeResult> => {
    try {
      return (await ipc.invoke(channel, params ?? {})) as BridgeResult;
    } catch (err) {
      return {
        ok: false,
        error: {
          code: RpcErrorCode.INTERNAL_ERROR,
          message: String((err as Error)?.message ?? err),
          data: { code: 'IPC_FAILED' },
        },
      };
    }
  };

  const api = Object.fromEntries(
    BRIDGE_METHODS.map((method) => [method, (params: unknown) => call(apiChannel(method), params)]),
  ) as unknown as CountersignBridge['api'];

  const listeners = new Map<SubscriptionTopicName, Set<(event: unknown) => void>>();
  ipc.on(EVENT_CHANNEL, (_event, topic, payload) => {
    for (const listener of listeners.get(topic as SubscriptionTopicName) ?? []) {
      try {
        listener(payload);
      } catch (err) {
        console.error(`countersign: a "${String(topic)}" listener failed`, err);
      }
    }
  });

  const subscribe = (topic: SubscriptionTopicName, listener: (event: unknown) => void): (() => void) => {
    if (!TOPICS.includes(topic)) throw new TypeError(`topic must be one of ${TOPICS.join(', ')}`);
    if (typeof listener !== 'function') throw new TypeError('listener must be a function');
    let set = listeners.get(topic);
    if (set === undefined) {
      listeners.set(topic, (set = new Set()));
      void call(SUBSCRIBE_CHANNEL, { topic });
    }
    set.add(listener);
    let active = true;
    return () => {
      if (!active) return;
      active = false;
      set.delete(listener);
      if (set.size === 0 && listeners.get(topic) === set) {
        listeners.delete(topic);
        void call(UNSUBSCRIBE_CHANNEL, { topic });
      }
    };
  };

  const lockListeners = new Set<(reason: string) => void>();
  ipc.on(SIGNER_LOCKED_CHANNEL, (_event, reason) => {
    for (const listener of lockListeners) listener(String(reason));
  });

  return Object.freeze({
    api: Object.freeze(api),
    subscribe,
    signers: Object.freeze({
      unlock: (label: string, secret: string) => call(SIGNER_UNLOCK_CHANNEL, { signer: label, secret }),
      lock: () => call(SIGNER_LOCK_CHANNEL, {}),
      onLocked: (listener: (reason: string) => void) => {
        if (typeof listener !== 'function') throw new TypeError('listener must be a function');
        lockListeners.add(listener);
        return () => void lockListeners.delete(listener);
      },
    }),
  });
}
