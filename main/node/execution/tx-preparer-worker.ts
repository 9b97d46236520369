import { parentPort } from 'node:worker_threads';
import { prepareAndVerify } from './prepare-and-verify.ts';

/** Worker side of workerTxPreparer: prepares and verifies the transactions it is sent, in order. */
parentPort?.on('message', (msg: { id: number; encoded: Uint8Array[] }) => {
  parentPort?.postMessage({ id: msg.id, outcomes: msg.encoded.map(prepareAndVerify) });
});
