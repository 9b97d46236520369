import { KeystoreError, KeystoreErrorCode as E } from './errors.ts';

/** Fewer characters than this is refused at creation: the KDF slows guessing, it cannot rescue a tiny passphrase. */
export const MIN_PASSPHRASE_LENGTH = 8;

/**
 * The passphrase as the bytes the KDF sees. NFC normalisation makes the same visible passphrase unlock the file
 * whichever keyboard, OS or input method typed it (composed vs. decomposed accents). The caller wipes the Buffer.
 */
export function passphraseBytes(passphrase: string): Buffer {
  return Buffer.from(passphrase.normalize('NFC'), 'utf8');
}

/** Refuses empty and short passphrases when a keystore is created (never when one is opened). */
export function assertStrongEnough(passphrase: string): void {
  const length = [...passphrase.normalize('NFC')].length; // code points, so "é" counts once
  if (length < MIN_PASSPHRASE_LENGTH) {
    throw new KeystoreError(
      E.WEAK_PASSPHRASE,
      passphrase.length === 0
        ? 'the passphrase is empty'
        : `the passphrase is too short: use at least ${MIN_PASSPHRASE_LENGTH} characters`,
    );
  }
}
