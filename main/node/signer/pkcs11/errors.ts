import { CodedError } from '../../../../shared/errors.ts';

/** Why a PKCS#11 token (HSM, smartcard, SoftHSM) could not be used. */
export const Pkcs11ErrorCode = {
  MODULE_LOAD_FAILED: 'PKCS11_MODULE_LOAD_FAILED',
  NO_SUCH_TOKEN: 'PKCS11_NO_SUCH_TOKEN',
  PIN_INCORRECT: 'PKCS11_PIN_INCORRECT',
  PIN_LOCKED: 'PKCS11_PIN_LOCKED',
  TOKEN_NOT_PRESENT: 'PKCS11_TOKEN_NOT_PRESENT',
  MECHANISM_UNSUPPORTED: 'PKCS11_MECHANISM_UNSUPPORTED',
  KEY_NOT_FOUND: 'PKCS11_KEY_NOT_FOUND',
  FAILED: 'PKCS11_FAILED',
} as const;
export type Pkcs11ErrorCode = (typeof Pkcs11ErrorCode)[keyof typeof Pkcs11ErrorCode];

export class Pkcs11Error extends CodedError<Pkcs11ErrorCode> {
  override readonly name = 'Pkcs11Error';
  /** The Cryptoki return value behind the error (`CKR_PIN_INCORRECT`), when there was one. */
  readonly ckr: string | undefined;
  constructor(code: Pkcs11ErrorCode, message: string, ckr?: string) {
    super(code, message);
    this.ckr = ckr;
  }
}

/** What was being done when a call failed: it goes into the message, so an officer knows what to fix. */
export interface Pkcs11Context {
  /** "log in", "sign", "generate an Ed25519 key", ... */
  readonly action: string;
  readonly token?: string;
  /** Mechanism being used, for CKR_MECHANISM_INVALID and friends. */
  readonly mechanism?: string;
  /** Extra words for a wrong PIN, from the token's flags ("one try left before the PIN locks"). */
  readonly pinHint?: string;
}

const E = Pkcs11ErrorCode;

/** Return values that mean "the token (or its reader) went away". CKR_SLOT_ID_INVALID: the reader was unplugged. */
const NOT_PRESENT = new Set(['CKR_TOKEN_NOT_PRESENT', 'CKR_DEVICE_REMOVED', 'CKR_SLOT_ID_INVALID']);
/** Return values that mean "this token cannot do that algorithm or curve". */
const UNSUPPORTED = new Set([
  'CKR_MECHANISM_INVALID',
  'CKR_MECHANISM_PARAM_INVALID',
  'CKR_CURVE_NOT_SUPPORTED',
  'CKR_DOMAIN_PARAMS_INVALID',
]);

/**
 * The CKR_ name and number of a pkcs11js error. pkcs11js puts them in the message ("CKR_PIN_INCORRECT", with the
 * number in `code`), but not always in the same shape: a few calls (C_FindObjects) bypass its wrapper and throw the
 * native "CKR_X:160" form, so this reads the message and the stack rather than trusting `instanceof`.
 */
export function ckrOf(err: unknown): { name: string; value: number | undefined } | undefined {
  if (!(err instanceof Error)) return undefined;
  const match = /(CKR_[A-Z0-9_]+)(?::(\d+))?/.exec(`${err.message}\n${err.stack ?? ''}`);
  if (!match) return undefined;
  const code = (err as { code?: unknown }).code;
  const value = match[2] !== undefined ? Number(match[2]) : typeof code === 'number' ? code : undefined;
  return { name: match[1]!, value };
}

/**
 * Turns anything a PKCS#11 call threw into a Pkcs11Error whose message a treasury officer can act on. Our own
 * Pkcs11Errors pass through unchanged.
 */
export function toPkcs11Error(err: unknown, ctx: Pkcs11Context): Pkcs11Error {
  if (err instanceof Pkcs11Error) return err;
  const token = ctx.token !== undefined ? `token '${ctx.token}'` : 'the token';
  const ckr = ckrOf(err);
  if (!ckr) {
    const detail = err instanceof Error ? err.message : String(err);
    return new Pkcs11Error(E.FAILED, `could not ${ctx.action} on ${token}: ${detail}`);
  }
  const name = ckr.name;
  const shown = ckr.value !== undefined ? `${name} (0x${ckr.value.toString(16)})` : name;
  if (name === 'CKR_PIN_INCORRECT' || name === 'CKR_PIN_LEN_RANGE' || name === 'CKR_PIN_INVALID') {
    const hint = ctx.pinHint ? ` (${ctx.pinHint})` : '';
    return new Pkcs11Error(E.PIN_INCORRECT, `wrong PIN for ${token}${hint}`, name);
  }
  if (name === 'CKR_PIN_LOCKED') return pinLockedError(ctx.token);
  if (NOT_PRESENT.has(name)) {
    return new Pkcs11Error(
      E.TOKEN_NOT_PRESENT,
      `${token} is not present (removed or disconnected) while trying to ${ctx.action}; insert it and open the ` +
        `signer again [${shown}]`,
      name,
    );
  }
  if (UNSUPPORTED.has(name)) {
    const what = ctx.mechanism ?? 'the mechanism';
    return new Pkcs11Error(
      E.MECHANISM_UNSUPPORTED,
      `${token} does not support ${what}, needed to ${ctx.action} [${shown}]`,
      name,
    );
  }
  if (name === 'CKR_USER_PIN_NOT_INITIALIZED') {
    return new Pkcs11Error(
      E.FAILED,
      `${token} has no user PIN set yet; its security officer must initialise it [${shown}]`,
      name,
    );
  }
  return new Pkcs11Error(E.FAILED, `could not ${ctx.action} on ${token}: ${shown}`, name);
}

export function pinLockedError(tokenLabel: string | undefined): Pkcs11Error {
  const token = tokenLabel !== undefined ? `token '${tokenLabel}'` : 'the token';
  return new Pkcs11Error(
    E.PIN_LOCKED,
    `the user PIN of ${token} is locked after too many wrong tries; its security officer must reset the PIN ` +
      `before it can sign again`,
    'CKR_PIN_LOCKED',
  );
}
