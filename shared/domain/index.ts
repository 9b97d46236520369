export * from './ids.ts';
export * from './policy.ts';
export * from './operations.ts';
export * from './tx.ts';
export * from './block.ts';
export * from './hashing.ts';
