import { randomBytes } from 'node:crypto';
import type { Template } from 'pkcs11js';
import {
  compressP256PublicKey,
  decodePublicKey,
  encodePublicKey,
  equalBytes,
  keyId,
  type Scheme,
} from '../../../../shared/crypto/index.ts';
import { readBool, readUlong } from './attributes.ts';
import {
  CKK_EC_EDWARDS,
  CKM_EC_EDWARDS_KEY_PAIR_GEN,
  CKM_EDDSA,
  ED25519_EC_PARAMS,
  ED25519_EC_PARAMS_NAME,
  mechanismName,
  P,
  P256_EC_PARAMS,
} from './constants.ts';
import { ecPointFromAttribute } from './ec-point.ts';
import { Pkcs11Error, Pkcs11ErrorCode as E, toPkcs11Error } from './errors.ts';
import { sessionHandles, type SessionHandles, type TokenSession } from './module.ts';

/** A key pair on a token: the private half stays there; we hold its handle and the public key. */
export interface TokenKey {
  readonly scheme: Scheme;
  readonly label: string;
  /** CKA_ID: how PKCS#11 pairs a private key with its public key and certificate. */
  readonly ckaId: Uint8Array;
  /** Tagged public key (scheme byte ‖ raw key), as on the ledger. */
  readonly publicKey: Uint8Array;
  /** keyId(publicKey): the signatory id. */
  readonly id: string;
  /** Object handles, valid in sessions of the same module while it stays loaded. */
  readonly privateHandle: Buffer;
  readonly publicHandle: Buffer;
}

/** How each scheme is spelled in Cryptoki. */
export const SCHEME_MECHANISMS: Readonly<
  Record<Scheme, { keyType: number; generate: number; sign: number; ecParams: Uint8Array }>
> = {
  p256: { keyType: P.CKK_EC, generate: P.CKM_EC_KEY_PAIR_GEN, sign: P.CKM_ECDSA, ecParams: P256_EC_PARAMS },
  ed25519: {
    keyType: CKK_EC_EDWARDS,
    generate: CKM_EC_EDWARDS_KEY_PAIR_GEN,
    sign: CKM_EDDSA,
    ecParams: ED25519_EC_PARAMS,
  },
};

export interface GenerateKeyOptions {
  readonly scheme: Scheme;
  readonly label: string;
  /** CKA_ID for both halves; 16 random bytes if not given. */
  readonly id?: Uint8Array;
}

/**
 * Generates a key pair inside the token. The private key is a token object (survives the session), private (needs
 * login), sensitive and not extractable: the token will never hand out its value, to us or anyone. Labels and ids
 * must be new on the token, so a later lookup by either finds exactly this key.
 */
export function generateKeyPair(session: TokenSession, options: GenerateKeyOptions): TokenKey {
  const h = sessionHandles(session);
  const { scheme, label } = options;
  const spec = SCHEME_MECHANISMS[scheme];
  const token = session.tokenLabel;
  const action = `generate a ${scheme} key '${label}'`;
  requireMechanisms(h, token, action, [spec.generate, spec.sign]);

  const ckaId = options.id ?? randomBytes(16);
  if (findKeyObjects(h, token, { label }, P.CKO_PRIVATE_KEY).length > 0) {
    throw new Pkcs11Error(E.FAILED, `token '${token}' already has a key labelled '${label}'; choose another label`);
  }
  if (findKeyObjects(h, token, { id: ckaId }, P.CKO_PRIVATE_KEY).length > 0) {
    throw new Pkcs11Error(E.FAILED, `token '${token}' already has a key with id ${hex(ckaId)}; choose another id`);
  }

  const common: Template = [
    { type: P.CKA_KEY_TYPE, value: spec.keyType },
    { type: P.CKA_TOKEN, value: true },
    { type: P.CKA_LABEL, value: label },
    { type: P.CKA_ID, value: Buffer.from(ckaId) },
  ];
  const publicTemplate: Template = [
    { type: P.CKA_CLASS, value: P.CKO_PUBLIC_KEY },
    ...common,
    { type: P.CKA_VERIFY, value: true },
    { type: P.CKA_EC_PARAMS, value: Buffer.from(spec.ecParams) },
  ];
  const privateTemplate: Template = [
    { type: P.CKA_CLASS, value: P.CKO_PRIVATE_KEY },
    ...common,
    { type: P.CKA_PRIVATE, value: true },
    { type: P.CKA_SENSITIVE, value: true },
    { type: P.CKA_EXTRACTABLE, value: false },
    { type: P.CKA_SIGN, value: true },
  ];
  let pair;
  try {
    pair = h.lib.C_GenerateKeyPair(h.session, { mechanism: spec.generate }, publicTemplate, privateTemplate);
  } catch (err) {
    throw toPkcs11Error(err, { token, action, mechanism: mechanismName(spec.generate) });
  }
  try {
    const publicKey = readPublicKey(h, token, pair.publicKey, scheme, label);
    const privateHandle = pair.privateKey;
    const publicHandle = pair.publicKey;
    return {
      scheme,
      label,
      ckaId: Uint8Array.from(ckaId),
      publicKey,
      id: keyId(publicKey),
      privateHandle,
      publicHandle,
    };
  } catch (err) {
    // A key we cannot read back is a key nobody can use: don't leave it behind on the token.
    destroyQuietly(h, pair.privateKey);
    destroyQuietly(h, pair.publicKey);
    throw err;
  }
}

export interface KeyQuery {
  readonly label?: string;
  /** CKA_ID. */
  readonly id?: Uint8Array;
}

/**
 * Key pairs on the token that this signer can use (P-256 or Ed25519 private keys whose public key object is present),
 * matching the label and/or CKA_ID given; all of them if neither is. Others (RSA, other curves, private keys without
 * a public half) are left out.
 */
export function findKeys(session: TokenSession, query: KeyQuery = {}): TokenKey[] {
  const h = sessionHandles(session);
  const token = session.tokenLabel;
  const found: TokenKey[] = [];
  for (const privateHandle of findKeyObjects(h, token, query, P.CKO_PRIVATE_KEY)) {
    const scheme = schemeOf(h, token, privateHandle);
    if (!scheme) continue;
    const label = Buffer.from(attribute(h, token, privateHandle, P.CKA_LABEL)).toString('utf8');
    const ckaId = Uint8Array.from(attribute(h, token, privateHandle, P.CKA_ID));
    // Pair by CKA_ID (the PKCS#11 convention); without an id, fall back to the label.
    const publicQuery = ckaId.length > 0 ? { id: ckaId } : { label };
    for (const publicHandle of findKeyObjects(h, token, publicQuery, P.CKO_PUBLIC_KEY)) {
      if (schemeOf(h, token, publicHandle) !== scheme) continue;
      const publicKey = readPublicKey(h, token, publicHandle, scheme, label);
      found.push({ scheme, label, ckaId, publicKey, id: keyId(publicKey), privateHandle, publicHandle });
      break;
    }
  }
  return found;
}

export interface PrivateKeyAttributes {
  readonly sensitive: boolean;
  readonly extractable: boolean;
  /** Sensitive since it was made: generated on the token, never imported in the clear. Not every token reports it. */
  readonly alwaysSensitive?: boolean;
  readonly neverExtractable?: boolean;
}

/** The attributes that say whether a private key's value could ever leave the token. */
export function readPrivateKeyAttributes(session: TokenSession, handle: Buffer): PrivateKeyAttributes {
  const h = sessionHandles(session);
  const token = session.tokenLabel;
  const sensitive = readBool(attribute(h, token, handle, P.CKA_SENSITIVE));
  const extractable = readBool(attribute(h, token, handle, P.CKA_EXTRACTABLE));
  const alwaysSensitive = optionalBool(h, handle, P.CKA_ALWAYS_SENSITIVE);
  const neverExtractable = optionalBool(h, handle, P.CKA_NEVER_EXTRACTABLE);
  return {
    sensitive,
    extractable,
    ...(alwaysSensitive !== undefined && { alwaysSensitive }),
    ...(neverExtractable !== undefined && { neverExtractable }),
  };
}

function requireMechanisms(h: SessionHandles, token: string, action: string, mechanisms: readonly number[]): void {
  let supported: number[];
  try {
    supported = h.lib.C_GetMechanismList(h.slot);
  } catch (err) {
    throw toPkcs11Error(err, { token, action: 'list its mechanisms' });
  }
  for (const mechanism of mechanisms) {
    if (!supported.includes(mechanism)) {
      throw new Pkcs11Error(
        E.MECHANISM_UNSUPPORTED,
        `token '${token}' does not support ${mechanismName(mechanism)}, needed to ${action}; use another scheme ` +
          `or a token that supports it`,
      );
    }
  }
}

/** Objects matching the query, of one class if given. */
function findKeyObjects(h: SessionHandles, token: string, query: KeyQuery, objectClass?: number): Buffer[] {
  const template: Template = [];
  if (objectClass !== undefined) template.push({ type: P.CKA_CLASS, value: objectClass });
  if (query.label !== undefined) template.push({ type: P.CKA_LABEL, value: query.label });
  if (query.id !== undefined) template.push({ type: P.CKA_ID, value: Buffer.from(query.id) });
  try {
    h.lib.C_FindObjectsInit(h.session, template);
    try {
      const out: Buffer[] = [];
      for (
        let batch = h.lib.C_FindObjects(h.session, 64);
        batch.length > 0;
        batch = h.lib.C_FindObjects(h.session, 64)
      ) {
        out.push(...batch);
      }
      return out;
    } finally {
      h.lib.C_FindObjectsFinal(h.session);
    }
  } catch (err) {
    throw toPkcs11Error(err, { token, action: 'search for keys' });
  }
}

/** The scheme of an EC key object by its key type and curve, or undefined if it is not one we sign with. */
function schemeOf(h: SessionHandles, token: string, handle: Buffer): Scheme | undefined {
  const keyType = readUlong(attribute(h, token, handle, P.CKA_KEY_TYPE));
  if (keyType !== BigInt(P.CKK_EC) && keyType !== BigInt(CKK_EC_EDWARDS)) return undefined;
  const params = attribute(h, token, handle, P.CKA_EC_PARAMS);
  if (keyType === BigInt(P.CKK_EC)) return equalBytes(params, P256_EC_PARAMS) ? 'p256' : undefined;
  return equalBytes(params, ED25519_EC_PARAMS) || equalBytes(params, ED25519_EC_PARAMS_NAME) ? 'ed25519' : undefined;
}

/** The tagged, validated public key of a public key object, from its CKA_EC_POINT. */
function readPublicKey(h: SessionHandles, token: string, handle: Buffer, scheme: Scheme, label: string): Uint8Array {
  const point = ecPointFromAttribute(attribute(h, token, handle, P.CKA_EC_POINT), scheme);
  try {
    if (!point) throw new Error('unrecognised CKA_EC_POINT');
    const raw = scheme === 'p256' ? compressP256PublicKey(point) : Uint8Array.from(point);
    return decodePublicKey(encodePublicKey(scheme, raw)).bytes;
  } catch (err) {
    throw new Pkcs11Error(
      E.FAILED,
      `token '${token}' returned an unusable ${scheme} public key for '${label}': ${(err as Error).message}`,
    );
  }
}

function attribute(h: SessionHandles, token: string, handle: Buffer, type: number): Buffer {
  try {
    const [result] = h.lib.C_GetAttributeValue(h.session, handle, [{ type }]);
    if (!result) throw new Error(`no value for attribute 0x${type.toString(16)}`);
    return result.value;
  } catch (err) {
    throw toPkcs11Error(err, { token, action: 'read a key attribute' });
  }
}

/** An attribute older tokens may not know: undefined rather than an error (each read alone, since pkcs11js fails
 * the whole template on one unknown attribute). */
function optionalBool(h: SessionHandles, handle: Buffer, type: number): boolean | undefined {
  try {
    const [result] = h.lib.C_GetAttributeValue(h.session, handle, [{ type }]);
    return result ? readBool(result.value) : undefined;
  } catch {
    return undefined;
  }
}

function destroyQuietly(h: SessionHandles, handle: Buffer): void {
  try {
    h.lib.C_DestroyObject(h.session, handle);
  } catch {
    // Best effort: the error that got us here is the one to report.
  }
}

function hex(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString('hex');
}
