/**
 * JSON for people and scripts: bigints as decimal strings, byte strings as hex. The CLI prints every result this
 * way, so output can be piped into jq without losing precision.
 */
export function toJson(value: unknown, indent = 2): string {
  return JSON.stringify(
    value,
    (_key, v: unknown) => {
      if (typeof v === 'bigint') return v.toString();
      if (v instanceof Uint8Array) return Buffer.from(v).toString('hex');
      return v;
    },
    indent,
  );
}
