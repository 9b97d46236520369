import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { encodeCanonical, type CborValue } from '../../../shared/encoding/index.ts';
import { encodeRecord, encodeRecordList } from '../../../main/node/storage/event-encoding.ts';
import { cborValue } from '../../helpers/cbor-arbitrary.ts';

/** The storage's fast event encoder must give exactly encodeCanonical's bytes, or refuse exactly as it does. */
function sameAsCanonical(record: Record<string, unknown>): void {
  let expected: Uint8Array | Error;
  try {
    expected = encodeCanonical(record as CborValue);
  } catch (err) {
    expected = err as Error;
  }
  if (expected instanceof Error) {
    assert.throws(() => encodeRecord(record), { code: (expected as Error & { code: string }).code });
  } else {
    // encodeCanonical may return a Buffer (cborg uses one under Node): compare the bytes alone.
    assert.deepEqual(Uint8Array.from(encodeRecord(record)), Uint8Array.from(expected));
  }
}

const boundaries = [
  0n,
  1n,
  23n,
  24n,
  255n,
  256n,
  65_535n,
  65_536n,
  0xffff_ffffn,
  0x1_0000_0000n,
  (1n << 53n) + 1n,
  (1n << 64n) - 1n,
  1n << 64n,
];

describe('storage: fast event encoding', () => {
  it('matches encodeCanonical on every integer boundary, both signs, as bigint and number', () => {
    for (const n of boundaries) {
      for (const v of [n, -n, -n - 1n]) {
        sameAsCanonical({ type: 'balance', delta: v, balance: v });
        if (Number.isSafeInteger(Number(v)) && BigInt(Number(v)) === v) sameAsCanonical({ n: Number(v) });
      }
    }
  });

  it('matches encodeCanonical on event shapes', () => {
    const events: Record<string, unknown>[] = [
      {
        type: 'balance',
        account: 'acme',
        asset: 'CNY',
        delta: -5n,
        balance: 10n,
        counterparty: 'beta',
        kind: 'transfer',
      },
      { type: 'balance', account: 'acme', asset: 'CNY', delta: 5n, balance: 10n, counterparty: undefined, kind: 'x' },
      { type: 'transfer', from: 'a', to: 'b', asset: 'USD', amount: 1n, memo: 'Rechnung für März' },
      { type: 'proposal.rejected', proposal: 'ab'.repeat(32), signatory: 'c'.repeat(40), reason: '', final: true },
      { type: 'proposal.approvals-dropped', proposal: 'ab'.repeat(32), signatories: ['a'.repeat(40), 'b'.repeat(40)] },
      { type: 'proposal.failed', proposal: 'ab'.repeat(32), code: 'X', message: 'm'.repeat(300) },
      { type: 'policy.changed' },
      {},
      { nested: { a: 1 } },
      { bytes: new Uint8Array([1, 2]) },
      { deep: [[1]] },
      { float: 1.5 },
      { ['ключ']: 1 },
    ];
    for (const event of events) sameAsCanonical(event);
  });

  it('matches encodeCanonical on arbitrary records', () => {
    const ascii = fc.string({ unit: 'binary-ascii', maxLength: 30 });
    const scalar = fc.oneof(ascii, fc.bigInt({ min: -(1n << 65n), max: 1n << 65n }), fc.integer(), fc.boolean());
    const value = fc.oneof(scalar, fc.array(scalar, { maxLength: 4 }), cborValue, fc.constant(undefined));
    fc.assert(
      fc.property(fc.dictionary(fc.oneof(ascii, fc.string({ maxLength: 4 })), value, { maxKeys: 8 }), (record) =>
        sameAsCanonical(record),
      ),
      { numRuns: 2000 },
    );
  });

  it('encodes lists of records (the events of a transaction) exactly as encodeCanonical does', () => {
    const ascii = fc.string({ unit: 'binary-ascii', maxLength: 12 });
    const scalar = fc.oneof(ascii, fc.bigInt({ min: -(1n << 65n), max: 1n << 65n }), fc.integer(), fc.boolean());
    const record = fc.dictionary(fc.oneof(ascii, fc.string({ maxLength: 3 })), fc.oneof(scalar, cborValue), {
      maxKeys: 6,
    });
    fc.assert(
      fc.property(fc.array(record, { maxLength: 6 }), (records) => {
        let canonical: string;
        try {
          canonical = Buffer.from(encodeCanonical(records as never)).toString('hex');
        } catch {
          // No canonical encoding: the fast path must refuse too, not write something.
          assert.throws(() => encodeRecordList(records));
          return;
        }
        assert.equal(Buffer.from(encodeRecordList(records)).toString('hex'), canonical);
      }),
      { numRuns: 1000 },
    );
  });
});
