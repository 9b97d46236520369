import { parentPort } from 'node:worker_threads';
import type { CommitCertificate, Tx } from '../../../shared/domain/index.ts';
import { checkAndVerify, prepareAndVerify, verifyPrecommits, type PrepareOutcome } from './prepare-and-verify.ts';
import { rebuildable } from './tx-preparer-rebuild.ts';

/** The kinds of work the pool sends a worker. */
export type WorkerTask =
  | { kind: 'prepare'; encoded: Uint8Array[] }
  | { kind: 'check'; encoded: Uint8Array[] }
  | { kind: 'precommits'; chainId: string; certificate: CommitCertificate };

/** A task with its id: jobs are answered in order, each with its id. */
export type WorkerJob = WorkerTask & { id: number };

/** Worker side of workerTxPreparer: prepares and verifies the transactions (or signatures) it is sent, in order. */
parentPort?.on('message', (job: WorkerJob) => {
  const outcomes =
    job.kind === 'prepare'
      ? job.encoded.map(slim)
      : job.kind === 'check'
        ? job.encoded.map(checkAndVerify)
        : verifyPrecommits(job.chainId, job.certificate);
  parentPort?.postMessage({ id: job.id, outcomes });
});

/** A transaction the main thread can rebuild from its bytes goes back without the object (tx: null): see
 * tx-preparer-rebuild.ts. */
function slim(encoded: Uint8Array): PrepareOutcome {
  const o = prepareAndVerify(encoded);
  return o.ok && rebuildable(o.tx as Tx) ? { ...o, tx: null } : o;
}
