export * from './contract.ts';
export * from './types.ts';
