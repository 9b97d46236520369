import { timingSafeEqual } from 'node:crypto';

/** The token from an `Authorization: Bearer <token>` header, or undefined when there is none. */
export function bearerToken(header: string | undefined): string | undefined {
  const match = header === undefined ? null : /^Bearer[ ]+(\S+)[ ]*$/i.exec(header);
  return match?.[1];
}

/**
 * Compares a presented token with the expected one in time independent of where they differ, so the token cannot be
 * guessed byte by byte from response times. A different length is refused first (timingSafeEqual requires equal
 * lengths); that reveals only the length, which is fixed and public (64 hex digits).
 */
export function tokenMatches(presented: string | undefined, expected: Buffer): boolean {
  if (presented === undefined) return false;
  const given = Buffer.from(presented, 'utf8');
  return given.length === expected.length && timingSafeEqual(given, expected);
}
