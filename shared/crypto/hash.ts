import { sha256 } from '@noble/hashes/sha2.js';
import { concatBytes, utf8 } from './bytes.ts';

export { sha256 };

/**
 * The kinds of message that are hashed or signed. Each gets its own domain, so a signature over one kind can never
 * be replayed as another (a vote as an approval, a transaction as a block header), and the chain id is part of every
 * domain, so nothing signed for one network is valid on another.
 */
export const HashTag = {
  TX: 'tx',
  BLOCK_HEADER: 'block-header',
  VOTE: 'vote',
  BLOCK_PROPOSAL: 'block-proposal',
  PROPOSAL: 'proposal',
  STATE: 'state',
  TX_ROOT: 'tx-root',
  KEY_ID: 'key-id',
  GENESIS: 'genesis',
  VALIDATORS: 'validators',
  SIGNING_REQUEST: 'signing-request',
} as const;
export type HashTag = (typeof HashTag)[keyof typeof HashTag];

const NAME = /^[a-z0-9][a-z0-9-]{0,62}$/;

/** Chain ids are short lower-case names (`countersign-devnet`); the rule keeps every hash domain unambiguous. */
export function isValidChainId(chainId: string): boolean {
  return NAME.test(chainId);
}

/** SHA-256 states that have absorbed D ‖ D for each domain: hashing a payload then costs one clone. */
const domainCache = new Map<string, ReturnType<typeof sha256.create>>();

/**
 * Domain-separated SHA-256, in the construction of BIP-340's tagged hashes:
 *   H = SHA-256( D ‖ D ‖ payload ),  D = SHA-256( "countersign/v1/" ‖ tag ‖ "/" ‖ chainId )
 * The doubled 32-byte domain fills one SHA-256 block, so it cannot collide with a plain hash of any payload.
 * Chain-independent values (key ids) use chainId "" (the domain then ends in "/").
 */
export function taggedHash(tag: HashTag, chainId: string, payload: Uint8Array): Uint8Array {
  return domainOf(tag, chainId).clone().update(payload).digest();
}

function domainOf(tag: HashTag, chainId: string) {
  const key = `${tag}/${chainId}`;
  let state = domainCache.get(key);
  if (!state) {
    if (!NAME.test(tag)) throw new Error(`invalid hash tag "${tag}"`);
    if (chainId !== '' && !NAME.test(chainId)) throw new Error(`invalid chain id "${chainId}"`);
    const d = sha256(utf8(`countersign/v1/${key}`));
    state = sha256.create().update(concatBytes(d, d));
    domainCache.set(key, state);
  }
  return state;
}
