import { bytesToHex, HashTag, hexToBytesStrict, taggedHash } from '../../../shared/crypto/index.ts';
import { itemEnd } from '../../../shared/encoding/index.ts';
import { proposalHash, txHash, type SignatoryId, type Tx, type TxId } from '../../../shared/domain/index.ts';
import { keyId } from '../../../shared/crypto/index.ts';
import { AdmissionError, AdmissionErrorCode as E } from './errors.ts';

/** A signature the transaction carries, and the exact message it must verify against. */
export interface SignatureClaim {
  readonly publicKey: Uint8Array;
  readonly message: Uint8Array;
  readonly signature: Uint8Array;
}

/** A decoded transaction with what every later stage needs, computed once. */
export interface PreparedTx {
  readonly tx: Tx;
  /** The canonical bytes as received (they re-encode identically: the decoder is strict). */
  readonly encoded: Uint8Array;
  readonly hash: Uint8Array;
  readonly id: TxId;
  readonly signers: SignatoryId[];
  readonly claims: SignatureClaim[];
}

/**
 * Everything about a transaction that needs no state: its hash, its signers, and every signature it carries — the
 * envelope signatures over the transaction hash and each approval's signature over its proposal hash. All of them
 * are verified before the ledger sees the transaction, so the ledger can trust `signers` and approvals.
 */
export function prepareTx(tx: Tx, encoded: Uint8Array): PreparedTx {
  const hash = txHashFromEncoding(tx, encoded);
  const claims: SignatureClaim[] = tx.signatures.map((s) => ({
    publicKey: s.publicKey,
    message: hash,
    signature: s.signature,
  }));
  for (const op of tx.body.ops) {
    if (op.type === 'proposal.create' && op.approval) {
      claims.push({ ...op.approval, message: proposalHash(tx.body.chainId, op) });
    } else if (op.type === 'proposal.approve') {
      claims.push({ ...op.approval, message: hexToBytesStrict(op.proposal) });
    }
  }
  const signers = tx.signatures.map((s) => signatoryOf(s.publicKey));
  if (new Set(signers).size !== signers.length) {
    throw new AdmissionError(E.DUPLICATE_SIGNER, 'the same key signed the transaction twice');
  }
  return { tx, encoded, hash, id: bytesToHex(hash) as TxId, signers, claims };
}

/** Key ids of keys seen lately: a key id is a hash, and the same few keys sign most transactions. */
const keyIds = new Map<string, SignatoryId>();
const KEY_IDS_LIMIT = 10_000;

function signatoryOf(publicKey: Uint8Array): SignatoryId {
  const k = Buffer.from(publicKey.buffer, publicKey.byteOffset, publicKey.byteLength).toString('base64');
  let id = keyIds.get(k);
  if (id === undefined) {
    id = keyId(publicKey) as SignatoryId;
    if (keyIds.size >= KEY_IDS_LIMIT) keyIds.clear();
    keyIds.set(k, id);
  }
  return id;
}

/**
 * The replay window: a transaction is valid from now until its expiresAt, which may be at most `maxLifetimeMs`
 * ahead, so the ledger only has to remember ids for that long and old signed transactions cannot be replayed.
 */
export function checkWindow(tx: Tx, chainId: string, time: bigint, maxLifetimeMs: bigint): void {
  if (tx.body.chainId !== chainId) {
    throw new AdmissionError(E.WRONG_CHAIN, `transaction is for chain "${tx.body.chainId}", this is "${chainId}"`);
  }
  if (tx.body.expiresAt < time) {
    throw new AdmissionError(E.EXPIRED, `transaction expired at ${tx.body.expiresAt} (block time ${time})`);
  }
  if (tx.body.expiresAt > time + maxLifetimeMs) {
    throw new AdmissionError(E.EXPIRY_TOO_FAR, `expiresAt may be at most ${maxLifetimeMs} ms ahead`);
  }
}

/** `{"body": …, "signatures": …}`: a two-entry map whose first key is the 4-letter text "body". */
const TX_PREFIX = Uint8Array.of(0xa2, 0x64, 0x62, 0x6f, 0x64, 0x79);

/**
 * The transaction hash over the body's bytes as received: in a canonical transaction they are exactly the body's
 * canonical encoding, so hashing them equals txHash(tx.body) without encoding it again. Falls back to encoding
 * when the bytes are not a strictly decoded transaction.
 */
export function txHashFromEncoding(tx: Tx, encoded: Uint8Array): Uint8Array {
  if (encoded.length < TX_PREFIX.length || TX_PREFIX.some((b, i) => encoded[i] !== b)) return txHash(tx.body);
  const end = itemEnd(encoded, TX_PREFIX.length);
  return taggedHash(HashTag.TX, tx.body.chainId, encoded.subarray(TX_PREFIX.length, end));
}
