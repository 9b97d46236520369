import type { BridgeMethod } from '../../shared/api/index.ts';

/**
 * IPC channel names, shared by the preload (which only ever uses these) and the main process (which only ever
 * listens on these). One channel per API method, so a handler is registered for exactly the methods the contract has.
 */
export const API_CHANNEL_PREFIX = 'countersign:api:';
export const apiChannel = (method: BridgeMethod): string => `${API_CHANNEL_PREFIX}${method}`;

/** Renderer → main (invoke): start or stop receiving a topic's events. */
export const SUBSCRIBE_CHANNEL = 'countersign:subscribe';
export const UNSUBSCRIBE_CHANNEL = 'countersign:unsubscribe';
/** Main → renderer: one event of a topic the page subscribed to: (topic, payload). */
export const EVENT_CHANNEL = 'countersign:event';

/** Renderer → main (invoke): hold a key's secret for the signing session / forget every held secret. */
export const SIGNER_UNLOCK_CHANNEL = 'countersign:signers:unlock';
export const SIGNER_LOCK_CHANNEL = 'countersign:signers:lock';
/** Main → renderer: the held secrets were forgotten (idle, screen lock, suspend, or asked): (reason). */
export const SIGNER_LOCKED_CHANNEL = 'countersign:signers:locked';
