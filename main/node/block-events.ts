import { bytesToHex } from '../../shared/crypto/index.ts';
import type { BlockSummaryJson } from '../../shared/api/index.ts';
import type { CommittedBlock } from './execution/ports.ts';

/** What subscribers are told about a committed block: its summary, and each proposal event with its context. */
export function blockEventPayloads(block: CommittedBlock): { summary: BlockSummaryJson; proposals: object[] } {
  const h = block.block.header;
  const summary: BlockSummaryJson = {
    height: h.height,
    hash: bytesToHex(block.hash),
    previousHash: bytesToHex(h.previousHash),
    appHash: bytesToHex(h.appHash),
    txRoot: bytesToHex(h.txRoot),
    time: h.time.toString(),
    txCount: block.txIds.length,
    proposer: bytesToHex(h.proposer),
  };
  const proposals: object[] = [];
  block.results.forEach((result, i) => {
    for (const event of result.events) {
      if ('proposal' in event) {
        proposals.push({ height: h.height, time: h.time.toString(), txId: bytesToHex(block.txIds[i]!), event });
      }
    }
  });
  return { summary, proposals };
}
