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
import { rebuildTransfers } from './tx-preparer-rebuild.ts';
import type { WorkerTask } from './tx-preparer-worker.ts';

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
  const waiting = new Map<number, (r: unknown[]) => void>();
  let nextId = 0;
  let turn = 0;
  for (const w of workers) {
    w.on('message', (msg: { id: number; outcomes: unknown[] }) => {
      waiting.get(msg.id)?.(msg.outcomes);
      waiting.delete(msg.id);
    });
  }
  const send = <R>(worker: Worker, task: WorkerTask) =>
    new Promise<R[]>((resolve) => {
      const id = nextId++;
      waiting.set(id, resolve as (r: unknown[]) => void);
      worker.postMessage({ ...task, id });
    });
  // Spread over every worker; a small batch goes to one worker, in turn.
  const spread = async <T, R>(items: readonly T[], task: (part: T[]) => WorkerTask): Promise<R[]> => {
    if (items.length === 0) return [];
    const parts = items.length < 16 ? 1 : workers.length;
    const per = Math.ceil(items.length / parts);
    const slices = Array.from({ length: parts }, (_, i) => items.slice(i * per, (i + 1) * per));
    const outcomes = await Promise.all(slices.map((s) => send<R>(workers[turn++ % workers.length]!, task(s))));
    return outcomes.flat();
  };

  const prepareBatch = async (encoded: readonly Uint8Array[]): Promise<Prepared[]> => {
    const outcomes = await spread<Uint8Array, PrepareOutcome>(encoded, (part) => ({ kind: 'prepare', encoded: part }));
    return outcomes.map((o, i) => fromOutcome(encoded[i]!, o));
  };

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
    checkBatch: async (encoded) =>
      (await spread<Uint8Array, CheckOutcome>(encoded, (part) => ({ kind: 'check', encoded: part }))).map(fromCheck),
    verifyPrecommits: (chainId, certificate) =>
      send<boolean>(workers[turn++ % workers.length]!, { kind: 'precommits', chainId, certificate }),
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
      await Promise.all(workers.map((w) => send(w, { kind: 'check', encoded: [] })));
    },
    async close() {
      clearTimeout(timer);
      await Promise.all(workers.map((w) => w.terminate()));
    },
  };
}

function unwrap(p: Prepared): PreparedTx {
  if (p.ok) return p.tx;
  throw p.error;
}

function fromOutcome(encoded: Uint8Array, o: PrepareOutcome): Prepared {
  if (o.ok) {
    return {
      ok: true,
      // tx null: a worker left a transaction of transfers for this thread to rebuild from the bytes it holds.
      tx: {
        tx: o.tx === null ? rebuildTransfers(encoded) : (o.tx as Tx),
        encoded,
        hash: o.hash,
        id: o.id as TxId,
        signers: o.signers as SignatoryId[],
        claims: [],
      },
    };
  }
  return { ok: false, error: rehydrate(o.error) };
}

function fromCheck(o: CheckOutcome): Checked {
  if (o.ok) return { ok: true, hash: o.hash, id: o.id as TxId, signers: o.signers as SignatoryId[] };
  return { ok: false, error: rehydrate(o.error) };
}

/** Errors cross the thread boundary as {name, code, message}; turn them back into the node's coded errors. */
function rehydrate(e: { name: string; code?: string; message: string }): Error {
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
