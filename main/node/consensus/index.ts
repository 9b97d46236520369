// Public face of the consensus module: the pure Tendermint machine and its vocabulary.
export { ConsensusMachine } from './state-machine.ts';
export type { ConsensusOptions, ConsensusView, PersistedConsensusState, Phase } from './state-machine.ts';
export { DEFAULT_TIMEOUTS, STEP_ORDER, ValidatorSet, timeoutFor } from './types.ts';
export type {
  ConsensusEffect,
  ConsensusEvent,
  Proposal,
  Step,
  StepTimeout,
  TimeoutConfig,
  Validator,
  Vote,
  VoteType,
} from './types.ts';
export { VoteBook } from './vote-book.ts';
export type { AddVoteResult } from './vote-book.ts';
