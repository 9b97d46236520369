/** Bounds applied to untrusted bytes before any value is built from them. */
export interface DecodeLimits {
  /** Largest accepted input, in bytes. */
  readonly maxBytes: number;
  /** Deepest accepted nesting of arrays and maps (a scalar at top level has depth 0). */
  readonly maxDepth: number;
}

/**
 * Defaults sized for a block of transactions. Callers that decode smaller things (a vote, an API argument)
 * pass tighter limits; nothing decodes without some.
 */
export const DEFAULT_DECODE_LIMITS: DecodeLimits = { maxBytes: 16 * 1024 * 1024, maxDepth: 32 };
