import {
  bytesToHex,
  equalBytes,
  HashTag,
  hexToBytesStrict,
  keyId,
  taggedHash,
  verifySignature,
} from '../../../shared/crypto/index.ts';
import { decodeCanonical, EncodingError } from '../../../shared/encoding/index.ts';
import {
  APPROVAL_FILE_FORMAT,
  describeAction,
  proposalContentSchema,
  txCodec,
  txHash,
  type ApprovalFile,
  type SigningRequestFile,
} from '../../../shared/domain/index.ts';
import { approveOp, buildTx } from '../client/build-tx.ts';
import type { Signer } from '../signer/interface.ts';
import { OfflineError, OfflineErrorCode as E } from './errors.ts';

/**
 * Checks a signing request against itself, trusting nothing it merely states: the bytes must decode as a proposal,
 * hash (domain "proposal", the request's chain id) to the stated hash, which must be the proposal id. Returns what
 * the bytes say, and the action described from the bytes.
 */
export function openRequest(req: Omit<SigningRequestFile, 'digest'>) {
  const bytes = hexToBytesStrict(req.bytes);
  const hash = taggedHash(HashTag.PROPOSAL, req.chainId, bytes);
  if (bytesToHex(hash) !== req.hash || req.hash !== req.proposal) {
    throw new OfflineError(E.HASH_MISMATCH, 'the request bytes do not hash to the proposal it names');
  }
  let content;
  try {
    content = proposalContentSchema.parse(decodeCanonical(bytes));
  } catch (err) {
    const why = err instanceof EncodingError ? err.message : 'they are not a proposal';
    throw new OfflineError(E.MALFORMED, `the request bytes are not a canonical proposal: ${why}`);
  }
  return { content, hash, action: describeAction(content.action, req.summary.assets) };
}

/**
 * Signs a checked request: the approval (a signature over the proposal hash) and a complete transaction carrying it,
 * signed by the same key, valid from `now` for at most a day (and never past the network's limit).
 */
export async function signRequest(
  req: Omit<SigningRequestFile, 'digest'>,
  signer: Signer,
  now: bigint,
): Promise<Omit<ApprovalFile, 'digest'>> {
  openRequest(req);
  const op = await approveOp(req.proposal, signer);
  const limit = BigInt(req.maxTxLifetimeMs);
  const ttl = limit < 86_400_000n ? limit : 86_400_000n;
  const built = await buildTx(req.chainId, [op], [signer], { now, ttlMs: ttl });
  const approval = op.type === 'proposal.approve' ? op.approval : undefined;
  return {
    format: APPROVAL_FILE_FORMAT,
    version: 1,
    chainId: req.chainId,
    proposal: req.proposal,
    hash: req.hash,
    signatory: { id: signer.id as never, label: signer.label, publicKey: bytesToHex(signer.publicKey) },
    signature: bytesToHex(approval!.signature),
    tx: bytesToHex(built.encoded),
    signedAt: new Date(Number(now)).toISOString(),
  };
}

/**
 * Checks an approval file before it is submitted: for this chain, its transaction carries exactly this approval,
 * the approval signature verifies over the proposal hash, and the transaction is signed by the same key.
 */
export function checkApprovalFile(
  file: Omit<ApprovalFile, 'digest'>,
  chainId: string,
): { encodedTx: Uint8Array; txId: string } {
  if (file.chainId !== chainId) {
    throw new OfflineError(E.WRONG_CHAIN, `the approval is for chain "${file.chainId}", this node runs "${chainId}"`);
  }
  const publicKey = hexToBytesStrict(file.signatory.publicKey);
  if (keyId(publicKey) !== file.signatory.id)
    throw new OfflineError(E.TX_MISMATCH, 'the signatory id does not match its key');
  if (file.hash !== file.proposal) throw new OfflineError(E.HASH_MISMATCH, 'the approval hash is not the proposal id');
  const signature = hexToBytesStrict(file.signature);
  if (!verifySignature(publicKey, hexToBytesStrict(file.hash), signature)) {
    throw new OfflineError(E.BAD_SIGNATURE, 'the approval signature does not verify for this proposal and key');
  }
  const encodedTx = hexToBytesStrict(file.tx);
  let tx;
  try {
    tx = txCodec.decode(encodedTx);
  } catch (err) {
    throw new OfflineError(E.MALFORMED, `the transaction in the file is malformed: ${(err as Error).message}`);
  }
  const [op, ...more] = tx.body.ops;
  const sameApproval =
    op?.type === 'proposal.approve' &&
    more.length === 0 &&
    op.proposal === file.proposal &&
    equalBytes(op.approval.publicKey, publicKey) &&
    equalBytes(op.approval.signature, signature);
  if (!sameApproval || tx.body.chainId !== chainId) {
    throw new OfflineError(E.TX_MISMATCH, 'the transaction in the file does not carry exactly this approval');
  }
  const hash = txHash(tx.body);
  const signedBySame =
    tx.signatures.length === 1 &&
    equalBytes(tx.signatures[0]!.publicKey, publicKey) &&
    verifySignature(publicKey, hash, tx.signatures[0]!.signature);
  if (!signedBySame) throw new OfflineError(E.BAD_SIGNATURE, 'the transaction is not signed by the approving key');
  return { encodedTx, txId: bytesToHex(hash) };
}
