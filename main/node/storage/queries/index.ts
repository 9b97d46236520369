/** The read side: plain functions over a read handle (openDatabase(file, { readonly: true })). */
export { balances, type Balance } from './balances.ts';
export { block, recentBlocks, type BlockRef, type BlockSummary, type StoredBlock } from './blocks.ts';
export { blockRange } from './block-range.ts';
export { accountHistory, type HistoryEntry, type HistoryPage, type HistoryQuery } from './history.ts';
export { listInstructionIds, type InstructionFilter } from './instructions.ts';
export { MAX_PAGE } from './page.ts';
export { listProposals, type ProposalFilter, type ProposalSummary } from './proposals.ts';
export { entities, entity, scanState } from './state.ts';
export { billChain, contractTrail, instructionTrail, proposalTrail, type TrailEntry } from './trails.ts';
export type { TxDetail } from './tx-details.ts';
export { tx, type StoredTx } from './txs.ts';
