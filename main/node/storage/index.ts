/** Storage's public face: the write side (BlockStore), the handles, and the read-side queries. */
export { SqliteBlockStore } from './block-store.ts';
export { openDatabase, type Database, type OpenOptions } from './db.ts';
export { StorageError, StorageErrorCode } from './errors.ts';
export { LATEST_VERSION } from './migrations/index.ts';
export * from './queries/index.ts';
