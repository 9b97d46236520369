// The few WHATWG globals that every runtime we target (Node >= 22, Electron, Chromium) provides.
// Declared here so shared/ can use them without pulling in either Node's or the DOM's type libraries,
// which would let runtime-specific APIs slip into runtime-neutral code.

interface TextEncoderEncodeIntoResult {
  read: number;
  written: number;
}
declare class TextEncoder {
  readonly encoding: string;
  encode(input?: string): Uint8Array<ArrayBuffer>;
  encodeInto(source: string, destination: Uint8Array): TextEncoderEncodeIntoResult;
}
declare class TextDecoder {
  constructor(label?: string, options?: { fatal?: boolean; ignoreBOM?: boolean });
  readonly encoding: string;
  readonly fatal: boolean;
  decode(input?: Uint8Array, options?: { stream?: boolean }): string;
}
