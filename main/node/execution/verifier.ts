import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { verifySignature } from '../crypto/verify.ts';
import type { SignatureClaim } from './tx-checks.ts';

/** Verifies batches of signature claims; results in input order. */
export interface SignatureVerifier {
  verifyBatch(claims: readonly SignatureClaim[]): Promise<boolean[]>;
  close(): Promise<void>;
}

/** On the calling thread: for small loads and tests. */
export function inlineVerifier(): SignatureVerifier {
  return {
    verifyBatch: async (claims) => claims.map((c) => verifySignature(c.publicKey, c.message, c.signature)),
    close: async () => {},
  };
}

/**
 * A pool of worker threads, each verifying a slice of every batch with the node:crypto path. Verification is the
 * node's most expensive work, and this moves it off the thread that executes blocks and serves the API.
 * Small batches are verified inline: posting them would cost more than verifying them.
 */
export function workerPoolVerifier(size = Math.max(1, availableParallelism())): SignatureVerifier {
  const workers = Array.from({ length: size }, () => new Worker(new URL('./verifier-worker.ts', import.meta.url)));
  let nextId = 0;
  const waiting = new Map<number, (r: Uint8Array) => void>();
  for (const w of workers) {
    w.on('message', (msg: { id: number; results: Uint8Array }) => {
      waiting.get(msg.id)?.(msg.results);
      waiting.delete(msg.id);
    });
  }
  const INLINE_BELOW = 32;
  return {
    async verifyBatch(claims) {
      if (claims.length < INLINE_BELOW) return claims.map((c) => verifySignature(c.publicKey, c.message, c.signature));
      const per = Math.ceil(claims.length / workers.length);
      const parts = await Promise.all(
        workers.map((w, i) => {
          const slice = claims.slice(i * per, (i + 1) * per);
          if (slice.length === 0) return Promise.resolve(new Uint8Array());
          const id = nextId++;
          return new Promise<Uint8Array>((resolve) => {
            waiting.set(id, resolve);
            w.postMessage({ id, claims: slice });
          });
        }),
      );
      return parts.flatMap((p) => Array.from(p, (b) => b === 1));
    },
    async close() {
      await Promise.all(workers.map((w) => w.terminate()));
    },
  };
}
