import { bytesToHex, concatBytes, hexToBytes } from '@noble/hashes/utils.js';
import { equalBytes } from '@noble/curves/utils.js';

export { bytesToHex, concatBytes, equalBytes };

/** Lower-case hex without prefix, refusing anything else (odd length, non-hex characters). */
export function hexToBytesStrict(hex: string): Uint8Array {
  if (!/^(?:[0-9a-f]{2})*$/.test(hex)) throw new Error('expected lower-case hex with an even number of digits');
  return hexToBytes(hex);
}

export function utf8(text: string): Uint8Array {
  return new TextEncoder().encode(text);
}
