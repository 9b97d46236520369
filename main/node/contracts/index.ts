export { attestContract, createContract, signContract, terminateContract } from './lifecycle.ts';
export { contractGuardAccounts, contractMovedAmounts } from './guards.ts';
export { contractsEndBlockHook } from './end-block-hook.ts';
export { findTemplate, listTemplates, requireTemplate } from './registry.ts';
export { describeTemplate, type ContractTemplate, type TermKind, type TermSpec } from './template.ts';
export { splitProRata } from './pro-rata.ts';
