/**
 * The half-open key range [prefix, end) holding exactly the keys that start with `prefix`, for an index range scan.
 * State keys are ASCII, so bumping the last character gives the first string past every extension of the prefix in
 * SQLite's bytewise (BINARY) order. An empty prefix has no end: every key matches.
 */
export function prefixEnd(prefix: string): string | undefined {
  if (prefix === '') return undefined;
  const last = prefix.charCodeAt(prefix.length - 1);
  return prefix.slice(0, -1) + String.fromCharCode(last + 1);
}
