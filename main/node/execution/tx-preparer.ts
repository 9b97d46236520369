import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { CryptoError } from '../../../shared/crypto/index.ts';
import { EncodingError, type EncodingErrorCode } from '../../../shared/encoding/index.ts';
import type { CommitCertificate, SignatoryId, Tx, TxId } from '../../../shared/domain/index.ts';
import { AdmissionError, AdmissionErrorCode, type AdmissionErrorCode as AdmissionCode } from './errors.ts';
import {
  checkAndVerify,
  prepareAndVerify,
  verifyPrecommits,
  type CheckOutcome,
  type PrepareOutcome,
} from './prepare-and-verify.ts';
import type { PreparedTx } from './tx-checks.ts';
import { decodeTransfers } from './transfer-decode.ts';
import type { WorkerReply, WorkerTask } from './tx-preparer-worker.ts';
import { packJob, readAnswer, type Passed, type PlainError } from './tx-preparer-wire.ts';

/** A transaction's bytes turned into a PreparedTx whose every signature verified, or the reason it was refused. */
export type Prepared = { ok: true; tx: PreparedTx } | { ok: false; error: Error };

/** What prepareBatch finds, without the decoded transaction (the caller holds it): see checkBatch. */
export type Checked = { ok: true; hash: Uint8Array; id: TxId; signers: SignatoryId[] } | { ok: false; error: Error };

/**
 * Strict decoding, hashing and signature verification of incoming transactions: the stateless half of admission
 * and the most expensive work a node does. With workers (the default), it runs on a pool of threads so the thread
 * that executes blocks and serves the API does not; single submissions are batched for up to `batchDelayMs` so the
 * pool works on many at once.
 */
export interface TxPreparer {
  prepare(encoded: Uint8Array): Promise<PreparedTx>;
  prepareBatch(encoded: readonly Uint8Array[]): Promise<Prepared[]>;
  /**
   * The same checks as prepareBatch for transactions the caller already holds decoded from exactly these bytes (a
   * synced block's): the answer leaves the decoded transaction out, which spares cloning it between threads.
   */
  checkBatch(encoded: readonly Uint8Array[]): Promise<Checked[]>;
  /**
   * Whether each precommit of a commit certificate verifies over its vote (precommitClaims), in order: the stateless
   * half of checking a certificate, for checkCommitCertificate to complete.
   */
  verifyPrecommits(chainId: string, certificate: CommitCertificate): Promise<boolean[]>;
  /**
   * Resolves once every worker has loaded its code and answered: a node reports itself started only then, or its
   * first seconds go to threads still compiling (what a user sees as a slow first screen).
   */
  ready(): Promise<void>;
  close(): Promise<void>;
}

export function inlineTxPreparer(): TxPreparer {
  const batch = async (encoded: readonly Uint8Array[]) => encoded.map((e) => fromOutcome(e, prepareAndVerify(e)));
  return {
    prepareBatch: batch,
    checkBatch: async (encoded) => encoded.map((e) => fromCheck(checkAndVerify(e))),
    verifyPrecommits: async (chainId, certificate) => verifyPrecommits(chainId, certificate),
    prepare: async (e) => unwrap((await batch([e]))[0]!),
    ready: async () => {},
    close: async () => {},
  };
}

export function workerTxPreparer(
  size = Math.max(1, availableParallelism()),
  opts: { batchDelayMs?: number; maxBatch?: number } = {},
): TxPreparer {
  const workers = Array.from({ length: size }, () => new Worker(new URL('./tx-preparer-worker.ts', import.meta.url)));
  const waiting = new Map<number, (r: WorkerReply) => void>();
  let nextId = 0;
  let turn = 0;
  for (const w of workers) {
    w.on('message', (reply: WorkerReply) => {
      waiting.get(reply.id)?.(reply);
      waiting.delete(reply.id);
    });
  }
  const send = (task: WorkerTask, transfer: ArrayBuffer[] = [], worker = workers[turn++ % workers.length]!) =>
    new Promise<WorkerReply>((resolve) => {
      const id = nextId++;
      waiting.set(id, resolve);
      worker.postMessage({ ...task, id }, transfer);
    });
  const sendJob = async (kind: 'prepare' | 'check', items: readonly Uint8Array[], worker?: Worker) => {
    const { job, transfer } = packJob(items);
    const reply = await send({ kind, job }, transfer, worker);
    if (!('answer' in reply)) throw new Error('tx-preparer: a worker answered transactions with verdicts');
    return reply.answer;
  };
  // Spread over every worker; a small batch goes to one worker, in turn. Results come back in the batch's order.
  const spread = async <R>(
    kind: 'prepare' | 'check',
    items: readonly Uint8Array[],
    passed: (encoded: Uint8Array, p: Passed) => R,
  ): Promise<R[]> => {
    if (items.length === 0) return [];
    const parts = items.length < 16 ? 1 : workers.length;
    const per = Math.ceil(items.length / parts);
    const slices = Array.from({ length: parts }, (_, i) => items.slice(i * per, (i + 1) * per));
    const answers = await Promise.all(slices.map((s) => sendJob(kind, s)));
    return answers.flatMap((answer, k) =>
      readAnswer(
        answer,
        slices[k]!.length,
        (i, p) => passed(slices[k]![i]!, p),
        (_, error): R => ({ ok: false, error: rehydrate(error) }) as R,
      ),
    );
  };

  const prepareBatch = (encoded: readonly Uint8Array[]): Promise<Prepared[]> =>
    spread<Prepared>('prepare', encoded, (e, p) => ({
      ok: true,
      // No tx: a transaction of transfers, which this thread reads from the bytes it holds (see the worker).
      tx: {
        tx: p.tx === undefined ? transfersOf(e) : (p.tx as Tx),
        encoded: e,
        hash: p.hash,
        id: p.id as TxId,
        signers: p.signers as SignatoryId[],
        claims: [],
      },
    }));

  // Micro-batching of single submissions.
  const delay = opts.batchDelayMs ?? 1;
  const maxBatch = opts.maxBatch ?? 256;
  let queue: { encoded: Uint8Array; resolve: (p: Prepared) => void }[] = [];
  let timer: NodeJS.Timeout | undefined;
  const flush = () => {
    timer = undefined;
    const items = queue;
    queue = [];
    void prepareBatch(items.map((q) => q.encoded)).then((results) => results.forEach((r, i) => items[i]!.resolve(r)));
  };

  return {
    prepareBatch,
    checkBatch: (encoded) =>
      spread<Checked>('check', encoded, (_, p) => ({
        ok: true,
        hash: p.hash,
        id: p.id as TxId,
        signers: p.signers as SignatoryId[],
      })),
    verifyPrecommits: async (chainId, certificate) => {
      const reply = await send({ kind: 'precommits', chainId, certificate });
      if (!('verdicts' in reply)) throw new Error('tx-preparer: a worker answered a certificate with transactions');
      return reply.verdicts;
    },
    prepare: (encoded) =>
      new Promise<Prepared>((resolve) => {
        queue.push({ encoded, resolve });
        if (queue.length >= maxBatch) {
          clearTimeout(timer);
          flush();
        } else {
          timer ??= setTimeout(flush, delay);
        }
      }).then(unwrap),
    // An empty job per worker: answered only once the worker's module (and everything it imports) has loaded.
    ready: async () => {
      await Promise.all(workers.map((w) => sendJob('check', [], w)));
    },
    async close() {
      clearTimeout(timer);
      await Promise.all(workers.map((w) => w.terminate()));
    },
  };
}

/** The transfers a worker has decoded from these same bytes with decodeTransfers, which reads them alike here. */
function transfersOf(encoded: Uint8Array): Tx {
  const tx = decodeTransfers(encoded);
  if (tx === undefined) throw new Error('tx-preparer: a worker read transfers from bytes this thread cannot');
  return tx;
}

function unwrap(p: Prepared): PreparedTx {
  if (p.ok) return p.tx;
  throw p.error;
}

function fromOutcome(encoded: Uint8Array, o: PrepareOutcome): Prepared {
  if (!o.ok) return { ok: false, error: rehydrate(o.error) };
  const { hash, id, signers } = o;
  return {
    ok: true,
    tx: { tx: o.tx as Tx, encoded, hash, id: id as TxId, signers: signers as SignatoryId[], claims: [] },
  };
}

function fromCheck(o: CheckOutcome): Checked {
  if (o.ok) return { ok: true, hash: o.hash, id: o.id as TxId, signers: o.signers as SignatoryId[] };
  return { ok: false, error: rehydrate(o.error) };
}

/** Errors cross the thread boundary as {name, code, message}; turn them back into the node's coded errors. */
function rehydrate(e: PlainError): Error {
  switch (e.name) {
    case 'EncodingError':
      return new EncodingError(e.code as EncodingErrorCode, e.message);
    case 'AdmissionError':
      return new AdmissionError(e.code as AdmissionCode, e.message);
    case 'CryptoError':
      return new CryptoError(e.code as never, e.message);
    default:
      return new AdmissionError(AdmissionErrorCode.BAD_SIGNATURE, e.message);
  }
}
