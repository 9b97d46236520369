import { sha256 } from '../../../../shared/crypto/index.ts';
import { mechanismName } from './constants.ts';
import { Pkcs11Error, Pkcs11ErrorCode as E, toPkcs11Error } from './errors.ts';
import { SCHEME_MECHANISMS, type TokenKey } from './keys.ts';
import { sessionHandles, type TokenSession } from './module.ts';

/** Largest signature we ask for; P-256 and Ed25519 both give 64 bytes, a larger buffer just catches surprises. */
const OUT = 132;

/**
 * The token's own signature over `message`, exactly as it made it: r ‖ s for P-256 (possibly high-S: the ledger
 * refuses those, so a signer must normalise, and tests use this to show why), R ‖ S for Ed25519.
 *
 * P-256 is ECDSA with SHA-256 of the message, the ledger's rule. We hash here and sign the digest with plain
 * CKM_ECDSA, rather than asking for CKM_ECDSA_SHA256: every EC token has CKM_ECDSA, not all have the combined
 * mechanism, and sending 32 bytes over a smartcard link beats sending the message. Ed25519 (CKM_EDDSA) signs the
 * message itself; its hash is part of the algorithm.
 *
 * Runs on the thread pool (C_SignAsync) so a slow token does not stall the event loop. Not for concurrent use on one
 * session: C_SignInit and C_Sign of two calls would interleave. TokenSigner serialises its calls.
 */
export async function signRaw(
  session: TokenSession,
  key: Pick<TokenKey, 'scheme' | 'label' | 'privateHandle'>,
  message: Uint8Array,
): Promise<Uint8Array> {
  const h = sessionHandles(session);
  const mechanism = SCHEME_MECHANISMS[key.scheme].sign;
  const ctx = {
    token: session.tokenLabel,
    action: `sign with key '${key.label}'`,
    mechanism: mechanismName(mechanism),
  };
  const input = Buffer.from(key.scheme === 'p256' ? sha256(message) : message);
  let signature: Buffer;
  try {
    h.lib.C_SignInit(h.session, { mechanism }, key.privateHandle);
    signature = await h.lib.C_SignAsync(h.session, input, Buffer.alloc(OUT));
  } catch (err) {
    throw toPkcs11Error(err, ctx);
  }
  if (signature.length !== 64) {
    throw new Pkcs11Error(
      E.FAILED,
      `token '${session.tokenLabel}' returned a ${signature.length}-byte ${key.scheme} signature; expected 64`,
    );
  }
  return Uint8Array.from(signature);
}
