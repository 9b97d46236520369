import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { resolve } from 'node:path';
import type { PKCS11 } from 'pkcs11js';
import { slotIdHex, unpad } from './attributes.ts';
import { CKF_TOKEN_PRESENT, P } from './constants.ts';
import { ckrOf, Pkcs11Error, Pkcs11ErrorCode as E, pinLockedError, toPkcs11Error } from './errors.ts';

/** A slot of a PKCS#11 module, and the token in it if there is one. */
export interface SlotDescription {
  /** The slot id in hex (`0x16256b7`): stable for a token across runs, where the slot's index is not. */
  readonly slot: string;
  readonly description: string;
  readonly token: TokenDescription | null;
}

export interface TokenDescription {
  readonly label: string;
  readonly serial: string;
  readonly manufacturer: string;
  readonly model: string;
  readonly initialized: boolean;
  readonly loginRequired: boolean;
}

/** A logged-in read/write session with one token. Not for concurrent use: one operation at a time. */
export interface TokenSession {
  readonly modulePath: string;
  readonly tokenLabel: string;
  /** Slot id in hex, as in listSlots. */
  readonly slot: string;
  readonly closed: boolean;
  close(): void;
}

/** What keys.ts and sign.ts need to call the module; kept out of TokenSession so callers see no raw Cryptoki. */
export interface SessionHandles {
  readonly lib: PKCS11;
  readonly session: Buffer;
  readonly slot: Buffer;
}

/**
 * Who is logged in to a token in this process. Cryptoki logs in per application and token, not per session: a second
 * session's C_Login just says CKR_USER_ALREADY_LOGGED_IN, whatever PIN it was given. To keep "a wrong PIN is refused"
 * true for the second signer on a token, we remember a salted digest of the PIN that unlocked it (never the PIN).
 */
interface Login {
  sessions: number;
  readonly salt: Buffer;
  readonly digest: Buffer;
}

interface LoadedModule {
  readonly lib: PKCS11;
  readonly sessions: Set<TokenSession>;
  /** By slot id (hex). */
  readonly logins: Map<string, Login>;
}

const modules = new Map<string, LoadedModule>();
const internals = new WeakMap<TokenSession, SessionHandles>();
let exitHookInstalled = false;

/** Whether this process has loaded (and C_Initialized) the module; SoftHSM reads its config only at that point. */
export function isModuleLoaded(modulePath: string): boolean {
  return modules.has(resolve(modulePath));
}

/** Loads and initialises a module once per process and path; later calls reuse it. */
function loadModule(modulePath: string): LoadedModule {
  const key = resolve(modulePath);
  const loaded = modules.get(key);
  if (loaded) return loaded;
  const lib = new P.PKCS11();
  try {
    lib.load(key);
  } catch (err) {
    const detail = err instanceof Error ? err.message : String(err);
    throw new Pkcs11Error(
      E.MODULE_LOAD_FAILED,
      `cannot load the PKCS#11 module ${key}: ${detail} (is the token's driver, e.g. softhsm2 or opensc, installed?)`,
    );
  }
  try {
    initialize(lib);
  } catch (err) {
    lib.close();
    const e = toPkcs11Error(err, { action: 'initialise the module' });
    throw new Pkcs11Error(E.MODULE_LOAD_FAILED, `PKCS#11 module ${key} failed to start: ${e.message}`, e.ckr);
  }
  const mod: LoadedModule = { lib, sessions: new Set(), logins: new Map() };
  modules.set(key, mod);
  if (!exitHookInstalled) {
    exitHookInstalled = true;
    // Tokens flush state and release locks in C_Finalize; a process that just exits can leave a reader busy.
    process.once('exit', closeAllModules);
  }
  return mod;
}

function initialize(lib: PKCS11): void {
  try {
    // Signing runs on libuv's thread pool (C_SignAsync), so the module must lock for itself.
    lib.C_Initialize({ flags: P.CKF_OS_LOCKING_OK });
  } catch (err) {
    const name = ckrOf(err)?.name;
    // Another loader in this process (a different binding) already initialised it: it is usable as is.
    if (name === 'CKR_CRYPTOKI_ALREADY_INITIALIZED') return;
    // A module that cannot use OS locks: run it unlocked; calls into it are still serialised per session.
    if (name === 'CKR_CANT_LOCK' || name === 'CKR_ARGUMENTS_BAD') lib.C_Initialize();
    else throw err;
  }
}

/** Closes every session of the module, C_Finalizes it and unloads it. A no-op if it is not loaded. */
export function closeModule(modulePath: string): void {
  const key = resolve(modulePath);
  const mod = modules.get(key);
  if (!mod) return;
  for (const session of [...mod.sessions]) session.close();
  modules.delete(key);
  try {
    mod.lib.C_Finalize();
  } catch {
    // Finalising a module whose token vanished can fail; there is nothing left to release.
  }
  mod.lib.close();
}

function closeAllModules(): void {
  for (const key of [...modules.keys()]) closeModule(key);
}

/** Every slot of the module, with or without a token. */
export function listSlots(modulePath: string): SlotDescription[] {
  const { lib } = loadModule(modulePath);
  try {
    return lib.C_GetSlotList(false).map((handle) => {
      const info = lib.C_GetSlotInfo(handle);
      const present = (info.flags & CKF_TOKEN_PRESENT) !== 0;
      return {
        slot: slotIdHex(handle),
        description: unpad(info.slotDescription),
        token: present ? token(lib, handle) : null,
      };
    });
  } catch (err) {
    throw toPkcs11Error(err, { action: 'list slots' });
  }
}

function token(lib: PKCS11, slot: Buffer): TokenDescription {
  const info = lib.C_GetTokenInfo(slot);
  return {
    label: unpad(info.label),
    serial: unpad(info.serialNumber),
    manufacturer: unpad(info.manufacturerID),
    model: unpad(info.model),
    initialized: (info.flags & P.CKF_TOKEN_INITIALIZED) !== 0,
    loginRequired: (info.flags & P.CKF_LOGIN_REQUIRED) !== 0,
  };
}

/** Opens a read/write session with the token labelled `tokenLabel` and logs the user in with `pin`. */
export function openSession(modulePath: string, tokenLabel: string, pin: string): TokenSession {
  const mod = loadModule(modulePath);
  const { lib } = mod;
  const slot = findTokenSlot(modulePath, lib, tokenLabel);
  const slotHex = slotIdHex(slot);

  const flags = tokenFlags(lib, slot, tokenLabel);
  // Don't spend a try on a locked PIN: say so straight away.
  if ((flags & P.CKF_USER_PIN_LOCKED) !== 0) throw pinLockedError(tokenLabel);

  let handle: Buffer;
  try {
    handle = lib.C_OpenSession(slot, P.CKF_SERIAL_SESSION | P.CKF_RW_SESSION);
  } catch (err) {
    throw toPkcs11Error(err, { token: tokenLabel, action: 'open a session' });
  }
  let login = mod.logins.get(slotHex);
  try {
    if (login) {
      if (!samePin(login, pin)) {
        throw new Pkcs11Error(
          E.PIN_INCORRECT,
          `wrong PIN for token '${tokenLabel}' (it is not the PIN this process already unlocked the token with)`,
        );
      }
    } else {
      logIn(lib, handle, slot, tokenLabel, pin);
      const salt = randomBytes(16);
      login = { sessions: 0, salt, digest: pinDigest(salt, pin) };
      mod.logins.set(slotHex, login);
    }
  } catch (err) {
    closeQuietly(lib, handle);
    throw err;
  }
  login.sessions++;

  let closed = false;
  const session: TokenSession = {
    modulePath: resolve(modulePath),
    tokenLabel,
    slot: slotHex,
    get closed() {
      return closed;
    },
    close() {
      if (closed) return;
      closed = true;
      mod.sessions.delete(session);
      closeQuietly(lib, handle);
      // Cryptoki logs the user out when an application's last session with the token closes.
      if (login && --login.sessions === 0) mod.logins.delete(slotHex);
    },
  };
  mod.sessions.add(session);
  internals.set(session, { lib, session: handle, slot });
  return session;
}

/**
 * The module and handles behind a session, for keys.ts and sign.ts (not part of the public API). Refuses a closed
 * session with a message, rather than letting Cryptoki say CKR_SESSION_HANDLE_INVALID.
 */
export function sessionHandles(session: TokenSession): SessionHandles {
  const handles = internals.get(session);
  if (!handles || session.closed) {
    throw new Pkcs11Error(E.FAILED, `the session with token '${session.tokenLabel}' is closed; open it again`);
  }
  return handles;
}

function findTokenSlot(modulePath: string, lib: PKCS11, tokenLabel: string): Buffer {
  const labels: string[] = [];
  const matches: Buffer[] = [];
  try {
    for (const slot of lib.C_GetSlotList(true)) {
      const label = unpad(lib.C_GetTokenInfo(slot).label);
      labels.push(label);
      if (label === tokenLabel) matches.push(slot);
    }
  } catch (err) {
    throw toPkcs11Error(err, { token: tokenLabel, action: 'find the token' });
  }
  const [only, ...more] = matches;
  if (!only) {
    const present = labels
      .filter((l) => l !== '')
      .sort()
      .map((l) => `'${l}'`);
    throw new Pkcs11Error(
      E.NO_SUCH_TOKEN,
      `no token labelled '${tokenLabel}' in ${resolve(modulePath)} (tokens present: ` +
        `${present.length > 0 ? present.join(', ') : 'none'}); insert the token or check the label`,
    );
  }
  if (more.length > 0) {
    throw new Pkcs11Error(
      E.FAILED,
      `${matches.length} tokens are labelled '${tokenLabel}' (slots ${matches.map(slotIdHex).join(', ')}); ` +
        `relabel one or remove it so the signer cannot pick the wrong one`,
    );
  }
  return only;
}

function tokenFlags(lib: PKCS11, slot: Buffer, tokenLabel: string): number {
  try {
    return lib.C_GetTokenInfo(slot).flags;
  } catch (err) {
    throw toPkcs11Error(err, { token: tokenLabel, action: 'read the token' });
  }
}

function logIn(lib: PKCS11, session: Buffer, slot: Buffer, tokenLabel: string, pin: string): void {
  try {
    lib.C_Login(session, P.CKU_USER, pin);
  } catch (err) {
    const name = ckrOf(err)?.name;
    if (name === 'CKR_PIN_INCORRECT') {
      // The token's flags after the failed try say how close the PIN is to locking (Cryptoki gives no count).
      let flags = 0;
      try {
        flags = lib.C_GetTokenInfo(slot).flags;
      } catch {
        // No hint then.
      }
      if ((flags & P.CKF_USER_PIN_LOCKED) !== 0) {
        throw new Pkcs11Error(
          E.PIN_LOCKED,
          `wrong PIN for token '${tokenLabel}', and the token has now locked the PIN; its security officer must ` +
            `reset it before it can sign again`,
          name,
        );
      }
      throw toPkcs11Error(err, { token: tokenLabel, action: 'log in', pinHint: pinHint(flags) });
    }
    throw toPkcs11Error(err, { token: tokenLabel, action: 'log in' });
  }
}

function pinHint(flags: number): string | undefined {
  if ((flags & P.CKF_USER_PIN_FINAL_TRY) !== 0) return 'one try left before the token locks the PIN';
  if ((flags & P.CKF_USER_PIN_COUNT_LOW) !== 0) {
    return 'the token reports few tries left before it locks the PIN; it does not say how many';
  }
  return undefined;
}

function pinDigest(salt: Buffer, pin: string): Buffer {
  return createHash('sha256').update(salt).update(pin, 'utf8').digest();
}

function samePin(login: Login, pin: string): boolean {
  return timingSafeEqual(login.digest, pinDigest(login.salt, pin));
}

function closeQuietly(lib: PKCS11, session: Buffer): void {
  try {
    lib.C_CloseSession(session);
  } catch {
    // The token may be gone, or the module finalised; the session is dead either way.
  }
}
