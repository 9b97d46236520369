import { parentPort } from 'node:worker_threads';
import type { CommitCertificate } from '../../../shared/domain/index.ts';
import { checkAndVerify, prepareAndVerify, verifyPrecommits } from './prepare-and-verify.ts';

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
      ? job.encoded.map(prepareAndVerify)
      : job.kind === 'check'
        ? job.encoded.map(checkAndVerify)
        : verifyPrecommits(job.chainId, job.certificate);
  parentPort?.postMessage({ id: job.id, outcomes });
});
