import { z } from 'zod';
import { bytesToHex, equalBytes, hexToBytesStrict } from '../../../shared/crypto/index.ts';
import { CodedError } from '../../../shared/errors.ts';
import { readFileIfExists, writeFileDurablyAsync } from '../fs/durable-file.ts';

/**
 * The validator's last line of defence against double signing, after CometBFT's FilePV: before any signature for
 * consensus leaves this guard, the (height, round, step) it signs and the signed bytes are on disk (fsync). It refuses
 * to sign anything at an earlier (height, round, step), and at the same one it only returns the signature it already
 * made for the same bytes. So a validator that crashes at any instant and restarts can re-send what it signed, and
 * can never sign a conflicting proposal or vote — whatever its consensus state says after the crash.
 */

export type SignStep = 'proposal' | 'prevote' | 'precommit';
const STEP_RANK: Readonly<Record<SignStep, number>> = { proposal: 1, prevote: 2, precommit: 3 };

export interface SignPosition {
  readonly height: number;
  readonly round: number;
  readonly step: SignStep;
}

const stateSchema = z.strictObject({
  height: z.number().int().min(0),
  round: z.number().int().min(0),
  step: z.enum(['proposal', 'prevote', 'precommit']),
  signBytes: z.string().regex(/^[0-9a-f]*$/),
  signature: z.string().regex(/^[0-9a-f]*$/),
});
type LastSigned = z.output<typeof stateSchema>;

export class SignerGuardError extends CodedError {
  override readonly name = 'SignerGuardError';
}

/** < 0: a before b; 0: same position; > 0: a after b. */
function compare(a: SignPosition, b: SignPosition): number {
  return a.height - b.height || a.round - b.round || STEP_RANK[a.step] - STEP_RANK[b.step];
}

export class LastSignedGuard {
  private readonly file: string;
  private last: LastSigned | undefined;
  /** Signing is serialised: two concurrent calls must not both pass the check before either is persisted. */
  private pending: Promise<unknown> = Promise.resolve();

  private constructor(file: string, last: LastSigned | undefined) {
    this.file = file;
    this.last = last;
  }

  static open(file: string): LastSignedGuard {
    const text = readFileIfExists(file);
    if (text === undefined) return new LastSignedGuard(file, undefined);
    let parsed: z.ZodSafeParseResult<LastSigned>;
    try {
      parsed = stateSchema.safeParse(JSON.parse(text));
    } catch {
      throw new SignerGuardError('SIGNER_STATE_CORRUPT', `${file} is not valid JSON; refusing to sign without it`);
    }
    if (!parsed.success) {
      throw new SignerGuardError('SIGNER_STATE_CORRUPT', `${file} is malformed; refusing to sign without it`);
    }
    return new LastSignedGuard(file, parsed.data);
  }

  /** The last position signed, if any. */
  lastSigned(): SignPosition | undefined {
    return this.last && { height: this.last.height, round: this.last.round, step: this.last.step };
  }

  /**
   * Signs `signBytes` at `position` with `sign`, or refuses. The position and signature are persisted before the
   * signature is returned (a crash before that point loses a signature nobody has seen).
   */
  sign(
    position: SignPosition,
    signBytes: Uint8Array,
    sign: (bytes: Uint8Array) => Uint8Array | Promise<Uint8Array>,
  ): Promise<Uint8Array> {
    const run = this.pending.then(() => this.signNow(position, signBytes, sign));
    this.pending = run.catch(() => undefined);
    return run;
  }

  private async signNow(
    position: SignPosition,
    signBytes: Uint8Array,
    sign: (bytes: Uint8Array) => Uint8Array | Promise<Uint8Array>,
  ): Promise<Uint8Array> {
    const last = this.last;
    if (last !== undefined) {
      const order = compare(position, last);
      const where = `${position.step} at height ${position.height} round ${position.round}`;
      if (order < 0) {
        throw new SignerGuardError(
          'DOUBLE_SIGN_REGRESSION',
          `refusing to sign ${where}: already signed ${last.step} at height ${last.height} round ${last.round}`,
        );
      }
      if (order === 0) {
        if (equalBytes(hexToBytesStrict(last.signBytes), signBytes)) return hexToBytesStrict(last.signature);
        throw new SignerGuardError('DOUBLE_SIGN_CONFLICT', `refusing to sign ${where}: a different message was signed`);
      }
    }
    const signature = await sign(signBytes);
    const next: LastSigned = { ...position, signBytes: bytesToHex(signBytes), signature: bytesToHex(signature) };
    await writeFileDurablyAsync(this.file, JSON.stringify(next) + '\n');
    this.last = next;
    return signature;
  }
}
