import { StorageError, StorageErrorCode } from '../errors.ts';

/** The largest page any query returns; the API's own limits are lower. */
export const MAX_PAGE = 1000;

/** Refuses a page size that is not a whole number in 1..MAX_PAGE, so a typo cannot ask for the whole table. */
export function checkLimit(limit: number): number {
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_PAGE) {
    throw new StorageError(StorageErrorCode.BAD_LIMIT, `limit must be a whole number from 1 to ${MAX_PAGE}`);
  }
  return limit;
}
