import { readFileSync, writeFileSync } from 'node:fs';
import type { z } from 'zod';
import { bytesToHex, sha256, utf8 } from '../../../shared/crypto/index.ts';
import { schemaError } from '../../../shared/encoding/index.ts';
import { OfflineError, OfflineErrorCode as E } from './errors.ts';

/** The one textual form Countersign writes these files in. */
function serialize(value: object): string {
  return JSON.stringify(value, null, 2) + '\n';
}

/** SHA-256 of the serialized content without its digest field. */
function digestOf(content: object): string {
  return bytesToHex(sha256(utf8(serialize(content))));
}

/** Writes `content` plus its digest, owner-readable only (a request reveals pending business). */
export function writeOfflineFile(file: string, content: object): void {
  writeFileSync(file, serialize({ ...content, digest: digestOf(content) }), { mode: 0o600 });
}

/**
 * Reads a file written by writeOfflineFile and refuses it, with the reason, unless it is exactly as written: valid
 * JSON, in the exact form Countersign writes (so no byte can change unnoticed, not even whitespace), matching the
 * schema, with a digest that matches its content.
 */
export function readOfflineFile<S extends z.ZodType>(file: string, schema: S, what: string): z.output<S> {
  return parseOfflineText(readFileSync(file, 'utf8'), schema, what, file);
}

/** The same checks on a file's text (an upload to the console); `name` is how messages refer to it. */
export function parseOfflineText<S extends z.ZodType>(text: string, schema: S, what: string, name = ''): z.output<S> {
  const subject = name === '' ? what : `${what} ${name}`;
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (err) {
    throw new OfflineError(E.MALFORMED, `${subject} is not valid JSON: ${(err as Error).message}`);
  }
  if (typeof parsed !== 'object' || parsed === null || serialize(parsed) !== text) {
    throw new OfflineError(E.MODIFIED, `${subject} was modified: it is not in the exact form Countersign writes`);
  }
  const result = schema.safeParse(parsed);
  if (!result.success) throw new OfflineError(E.MALFORMED, schemaError(what, result.error).message);
  const { digest, ...content } = parsed as { digest: string };
  if (digestOf(content) !== digest) {
    throw new OfflineError(E.DIGEST_MISMATCH, `${subject} was modified: its content does not match its digest`);
  }
  return result.data;
}
