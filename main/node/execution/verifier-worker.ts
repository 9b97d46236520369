import { parentPort } from 'node:worker_threads';
import { verifySignature } from '../crypto/verify.ts';
import type { SignatureClaim } from './tx-checks.ts';

/** Worker side of workerPoolVerifier: verifies the claims it is sent, answers 1/0 per claim. */
parentPort?.on('message', (msg: { id: number; claims: SignatureClaim[] }) => {
  const results = new Uint8Array(msg.claims.length);
  msg.claims.forEach((c, i) => {
    results[i] = verifySignature(c.publicKey, c.message, c.signature) ? 1 : 0;
  });
  parentPort?.postMessage({ id: msg.id, results });
});
