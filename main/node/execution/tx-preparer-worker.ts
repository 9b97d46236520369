import { parentPort } from 'node:worker_threads';
import { txCodec, type CommitCertificate } from '../../../shared/domain/index.ts';
import { checkedTx, plainError, verifiedTx, verifyPrecommits } from './prepare-and-verify.ts';
import { decodeTransfers } from './transfer-decode.ts';
import { AnswerWriter, jobItem, type PackedAnswer, type PackedJob } from './tx-preparer-wire.ts';

/** The kinds of work the pool sends a worker: transactions packed as tx-preparer-wire.ts says, or a certificate. */
export type WorkerTask =
  | { kind: 'prepare' | 'check'; job: PackedJob }
  | { kind: 'precommits'; chainId: string; certificate: CommitCertificate };

/** A task with its id: jobs are answered in order, each with its id. */
export type WorkerJob = WorkerTask & { id: number };

/** A worker's reply: a packed answer to transactions, or each precommit's verdict. */
export type WorkerReply = { id: number; answer: PackedAnswer } | { id: number; verdicts: boolean[] };

/** Worker side of workerTxPreparer: prepares and verifies the transactions (or signatures) it is sent, in order. */
parentPort?.on('message', (job: WorkerJob) => {
  if (job.kind === 'precommits') {
    const reply: WorkerReply = { id: job.id, verdicts: verifyPrecommits(job.chainId, job.certificate) };
    parentPort?.postMessage(reply);
    return;
  }
  const { answer, transfer } = answerTo(job.kind, job.job);
  const reply: WorkerReply = { id: job.id, answer };
  parentPort?.postMessage(reply, transfer);
});

/**
 * 'prepare' decodes strictly; 'check' is for bytes the receiver already holds strictly decoded (checkedTx). A
 * transaction of transfers goes back without the decoded object, which costs more to clone between threads than to
 * decode: the receiver reads it from the bytes it holds with the same reader (decodeTransfers), which accepts the
 * same bytes on every thread.
 */
function answerTo(kind: 'prepare' | 'check', job: PackedJob) {
  const count = job.ends.length;
  const out = new AnswerWriter(count);
  for (let i = 0; i < count; i++) {
    const encoded = jobItem(job, i);
    try {
      if (kind === 'check') {
        const p = checkedTx(encoded);
        out.ok(i, p.hash, p.signers);
      } else {
        const transfers = decodeTransfers(encoded);
        const p = verifiedTx(encoded, transfers ?? txCodec.decode(encoded));
        out.ok(i, p.hash, p.signers, transfers === undefined ? p.tx : undefined);
      }
    } catch (err) {
      out.fail(i, plainError(err));
    }
  }
  return out.finish();
}
