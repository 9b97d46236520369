/**
 * How a batch of transactions crosses between the pool and a worker. Structured clone works object by object: a
 * batch sent as an array of byte arrays was one ArrayBuffer per transaction (whole, even when the bytes are a view
 * into a larger buffer), and the answer one object per transaction with a hash, an id, an array of signers and their
 * strings, each rebuilt and later collected on the other side. Here a job is the transactions back to back in one
 * buffer with their end offsets, and an answer is every hash in one buffer, the signers as indexes into the job's
 * few distinct key ids, and only the exceptions (refusals, transactions the receiver cannot rebuild) as objects.
 * The buffers are transferred, not copied. The receiver computes each id from its hash.
 */

/** The transactions of a job, back to back, and where each one ends. */
export interface PackedJob {
  readonly bytes: Uint8Array;
  readonly ends: Uint32Array;
}

/** Why a transaction was refused, as plain data: structured clone keeps neither an error's class nor its code. */
export interface PlainError {
  readonly name: string;
  readonly code?: string;
  readonly message: string;
}

/** The worker's answer to a job, transaction by transaction in the job's order. */
export interface PackedAnswer {
  /** 32 bytes per transaction (zeros for a refused one). */
  readonly hashes: Uint8Array;
  /** Where each transaction's signers end in `signerRefs` (a refused one has none). */
  readonly signerEnds: Uint32Array;
  /** Each signer as an index into `keyIds`. */
  readonly signerRefs: Uint32Array;
  /** The distinct key ids of the job's signers: a batch comes from far fewer keys than it has transactions. */
  readonly keyIds: string[];
  /** The refused transactions, by ascending index. */
  readonly failures: { index: number; error: PlainError }[];
  /** Decoded transactions sent along (by ascending index): only those the receiver cannot rebuild from the bytes. */
  readonly txs: { index: number; tx: unknown }[];
}

export function packJob(items: readonly Uint8Array[]): { job: PackedJob; transfer: ArrayBuffer[] } {
  const ends = new Uint32Array(items.length);
  let total = 0;
  for (let i = 0; i < items.length; i++) ends[i] = total += items[i]!.byteLength;
  const bytes = new Uint8Array(total);
  for (let i = 0; i < items.length; i++) bytes.set(items[i]!, i === 0 ? 0 : ends[i - 1]);
  return { job: { bytes, ends }, transfer: [bytes.buffer, ends.buffer] };
}

/** The bytes of transaction i of a job (a view, not a copy). */
export function jobItem(job: PackedJob, i: number): Uint8Array {
  return job.bytes.subarray(i === 0 ? 0 : job.ends[i - 1], job.ends[i]);
}

/** Builds a PackedAnswer; `ok` or `fail` is called exactly once per transaction, in the job's order. */
export class AnswerWriter {
  private readonly hashes: Uint8Array<ArrayBuffer>;
  private readonly signerEnds: Uint32Array<ArrayBuffer>;
  private readonly refs: number[] = [];
  private readonly keyIds: string[] = [];
  private readonly keyIndex = new Map<string, number>();
  private readonly failures: { index: number; error: PlainError }[] = [];
  private readonly txs: { index: number; tx: unknown }[] = [];

  constructor(count: number) {
    this.hashes = new Uint8Array(count * 32);
    this.signerEnds = new Uint32Array(count);
  }

  ok(i: number, hash: Uint8Array, signers: readonly string[], tx?: unknown): void {
    this.hashes.set(hash, i * 32);
    for (const s of signers) {
      let k = this.keyIndex.get(s);
      if (k === undefined) {
        k = this.keyIds.push(s) - 1;
        this.keyIndex.set(s, k);
      }
      this.refs.push(k);
    }
    this.signerEnds[i] = this.refs.length;
    if (tx !== undefined) this.txs.push({ index: i, tx });
  }

  fail(i: number, error: PlainError): void {
    this.signerEnds[i] = this.refs.length;
    this.failures.push({ index: i, error });
  }

  finish(): { answer: PackedAnswer; transfer: ArrayBuffer[] } {
    const signerRefs = Uint32Array.from(this.refs);
    const { hashes, signerEnds, keyIds, failures, txs } = this;
    return {
      answer: { hashes, signerEnds, signerRefs, keyIds, failures, txs },
      transfer: [hashes.buffer, signerEnds.buffer, signerRefs.buffer],
    };
  }
}

/** What an answer says of one transaction that passed. */
export interface Passed {
  readonly hash: Uint8Array;
  readonly id: string;
  readonly signers: string[];
  /** The decoded transaction when the worker sent it, else undefined (the receiver rebuilds it). */
  readonly tx: unknown;
}

/** Unpacks an answer of `count` transactions into one result each, in order. */
export function readAnswer<R>(
  answer: PackedAnswer,
  count: number,
  passed: (i: number, p: Passed) => R,
  refused: (i: number, error: PlainError) => R,
): R[] {
  const { hashes, signerEnds, signerRefs, keyIds, failures, txs } = answer;
  // One Buffer over the hashes, so each id is one native hex conversion with no intermediate copy.
  const hex = Buffer.from(hashes.buffer, hashes.byteOffset, hashes.byteLength);
  const out = new Array<R>(count);
  let f = 0;
  let t = 0;
  for (let i = 0; i < count; i++) {
    const from = i === 0 ? 0 : signerEnds[i - 1]!;
    if (f < failures.length && failures[f]!.index === i) {
      out[i] = refused(i, failures[f++]!.error);
      continue;
    }
    const signers: string[] = [];
    for (let k = from; k < signerEnds[i]!; k++) signers.push(keyIds[signerRefs[k]!]!);
    const tx = t < txs.length && txs[t]!.index === i ? txs[t++]!.tx : undefined;
    out[i] = passed(i, {
      hash: hashes.slice(i * 32, i * 32 + 32),
      id: hex.toString('hex', i * 32, i * 32 + 32),
      signers,
      tx,
    });
  }
  return out;
}
