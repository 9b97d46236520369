import { endianness } from 'node:os';

/**
 * Decoding attribute values and handles as pkcs11js returns them: Buffers in the module's native layout. CK_ULONG is
 * 8 bytes on 64-bit Unix but 4 on Windows, so the width is taken from the buffer, never assumed.
 */

const LITTLE = endianness() === 'LE';

export function readUlong(value: Uint8Array): bigint {
  const view = new DataView(value.buffer, value.byteOffset, value.byteLength);
  if (value.length === 8) return view.getBigUint64(0, LITTLE);
  if (value.length === 4) return BigInt(view.getUint32(0, LITTLE));
  throw new RangeError(`CK_ULONG of unexpected width ${value.length}`);
}

/** CK_BBOOL is one byte; anything non-zero is true. */
export function readBool(value: Uint8Array): boolean {
  return value.length > 0 && value[0] !== 0;
}

/** A slot id as `0x…`: stable across runs for a token (SoftHSM derives it from the serial); the index is not. */
export function slotIdHex(handle: Uint8Array): string {
  return `0x${readUlong(handle).toString(16)}`;
}

/** Token and slot strings are fixed-width and blank-padded. */
export function unpad(text: string): string {
  return text.replace(/[ \0]+$/, '');
}
