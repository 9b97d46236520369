import { z } from 'zod';
import { bytesToHex, hexToBytesStrict } from '../../../shared/crypto/index.ts';
import { CodedError } from '../../../shared/errors.ts';
import {
  blockProposalCodec,
  signedVoteCodec,
  type BlockProposal,
  type SignedVote,
} from '../../../shared/domain/index.ts';
import type { PersistedConsensusState } from '../consensus/index.ts';
import { readFileIfExists, writeFileDurablyAsync } from '../fs/durable-file.ts';

/**
 * The consensus state a validator persists (fsync) before anything it signed leaves the node: the machine's
 * snapshot (height, round, locks, own votes and proposals) and the signed messages themselves, so after a crash it
 * resumes where it was — keeping its lock, which Tendermint's safety needs — and re-sends exactly what it had signed.
 * Proposals are kept without their block (which may be megabytes): after a crash a proposer does not re-send its
 * proposal, and the guard keeps it from signing another; the round times out and the next proposer goes on.
 */
export interface ConsensusWal {
  readonly state: PersistedConsensusState;
  readonly signedVotes: readonly SignedVote[];
  readonly signedProposals: readonly { proposal: BlockProposal; signature: Uint8Array }[];
}

const voteJson = z.strictObject({
  type: z.enum(['prevote', 'precommit']),
  height: z.number().int(),
  round: z.number().int(),
  value: z.string().nullable(),
  validator: z.string(),
});
const proposalJson = z.strictObject({
  height: z.number().int(),
  round: z.number().int(),
  value: z.string(),
  validRound: z.number().int(),
  proposer: z.string(),
});
const walJson = z.strictObject({
  state: z.strictObject({
    height: z.number().int(),
    round: z.number().int(),
    lockedValue: z.string().nullable(),
    lockedRound: z.number().int(),
    validValue: z.string().nullable(),
    validRound: z.number().int(),
    ownVotes: z.array(voteJson),
    ownProposals: z.array(proposalJson),
  }),
  /** Canonical CBOR, hex. */
  signedVotes: z.array(z.string()),
  signedProposals: z.array(z.strictObject({ proposal: z.string(), signature: z.string() })),
});

export class WalError extends CodedError {
  override readonly name = 'WalError';
}

export async function writeWal(file: string, wal: ConsensusWal): Promise<void> {
  const json = {
    state: wal.state,
    signedVotes: wal.signedVotes.map((v) => bytesToHex(signedVoteCodec.encode(v))),
    signedProposals: wal.signedProposals.map((p) => ({
      proposal: bytesToHex(blockProposalCodec.encode(p.proposal)),
      signature: bytesToHex(p.signature),
    })),
  };
  await writeFileDurablyAsync(file, JSON.stringify(json));
}

export function readWal(file: string): ConsensusWal | undefined {
  const text = readFileIfExists(file);
  if (text === undefined) return undefined;
  try {
    const parsed = walJson.parse(JSON.parse(text));
    return {
      state: parsed.state,
      signedVotes: parsed.signedVotes.map((h) => signedVoteCodec.decode(hexToBytesStrict(h))),
      signedProposals: parsed.signedProposals.map((p) => ({
        proposal: blockProposalCodec.decode(hexToBytesStrict(p.proposal)),
        signature: hexToBytesStrict(p.signature),
      })),
    };
  } catch (err) {
    throw new WalError('CONSENSUS_WAL_CORRUPT', `${file} cannot be read (${(err as Error).message})`);
  }
}
