import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { encode as cborgEncode } from 'cborg';
import fc from 'fast-check';
import {
  ACCOUNT_ID_PATTERN,
  ASSET_ID_PATTERN,
  CHAIN_ID_PATTERN,
  txCodec,
  type Tx,
} from '../../../../../shared/domain/index.ts';
import { encodeCanonical, itemHead, type CborValue } from '../../../../../shared/encoding/index.ts';
import { decodeTransfers } from '../../../../../main/node/execution/transfer-decode.ts';
import { decodeTx } from '../../../../../main/node/execution/prepare-and-verify.ts';
import { cborValue } from '../../../../helpers/cbor-arbitrary.ts';
import { byteMutation, mutateBytes } from '../../../../helpers/byte-mutation.ts';

/**
 * decodeTransfers against txCodec.decode, the definition. It must accept every valid transaction of transfers with the
 * same value (key order included), accept nothing txCodec.decode refuses, and decodeTx — the node's decode, the
 * fast reader then the strict decoder — must answer exactly as txCodec.decode does: same value, or same error code
 * and message.
 */

// ── Valid transactions of transfers ─────────────────────────────────────────────────────────────────────────────

const account = fc.stringMatching(ACCOUNT_ID_PATTERN);
const asset = fc.stringMatching(ASSET_ID_PATTERN);
/** u64 values, with every head width's edges. */
const u64 = fc.oneof(
  fc.constantFrom(0n, 23n, 24n, 255n, 256n, 65_535n, 65_536n, 2n ** 32n - 1n, 2n ** 32n, 2n ** 53n, 2n ** 64n - 1n),
  fc.bigInt({ min: 0n, max: 2n ** 64n - 1n }),
);
/**
 * Memos within the schema's 256 UTF-16 units: ASCII up to the limit, and any code points (astral ones are 2 units).
 * Not starting with U+FEFF, which the fast reader leaves to the strict decoder (a hand-made case below).
 */
const memo = fc.option(
  fc
    .oneof(
      fc.string({ unit: 'binary-ascii', maxLength: 256 }),
      fc.string({ unit: 'binary', maxLength: 128 }),
      fc.constantFrom('a byte-order mark \uFEFF inside', '\u{1F600}'.repeat(128), 'é'.repeat(256)),
    )
    .filter((m) => !m.startsWith('\uFEFF')),
  { nil: undefined },
);
const bytes = (min: number, max: number) => fc.uint8Array({ minLength: min, maxLength: max });
const transfer = fc.record({ from: account, to: account, asset, amount: u64, memo }).map(({ memo: m, ...t }) => ({
  type: 'transfer',
  ...t,
  ...(m !== undefined && { memo: m }),
}));
const signature = fc.record({ publicKey: bytes(0, 65), signature: bytes(0, 65) });
/** Transactions of transfers; `full` adds the largest counts (64 ops, 16 signatures), slow to shrink on failure. */
const transfersTx = (full = false) =>
  fc
    .record({
      chainId: fc.stringMatching(CHAIN_ID_PATTERN),
      expiresAt: u64,
      nonce: bytes(8, 8),
      ops: fc.oneof(
        fc.array(transfer, { minLength: 1, maxLength: 3 }),
        ...(full ? [fc.array(transfer, { minLength: 64, maxLength: 64 })] : []),
      ),
      memo,
      signatures: fc.oneof(
        fc.array(signature, { minLength: 1, maxLength: 2 }),
        ...(full ? [fc.array(signature, { minLength: 16, maxLength: 16 })] : []),
      ),
    })
    .map(({ signatures, memo: m, ...body }) => ({ body: m === undefined ? body : { ...body, memo: m }, signatures }));

// ── Outcomes ────────────────────────────────────────────────────────────────────────────────────────────────────

type Outcome = { ok: true; value: Tx } | { ok: false; name: string; code: unknown; message: string };

function attempt(decode: (b: Uint8Array) => Tx, b: Uint8Array): Outcome {
  try {
    return { ok: true, value: decode(b) };
  } catch (err) {
    const e = err as Error & { code?: unknown };
    return { ok: false, name: e.name, code: e.code, message: e.message };
  }
}

/** Every key of a value, nested, in order: the fast reader's value must match the schema's output key for key. */
function keyOrder(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(keyOrder);
  if (value instanceof Uint8Array || typeof value !== 'object' || value === null) return typeof value;
  return Object.entries(value).map(([k, v]) => [k, keyOrder(v)]);
}

/** How often, over a property's runs, the fast reader accepted and the strict decoder refused. */
class Tally {
  accepted = 0;
  refused = 0;
  /** Both must have happened, or the property proved little. */
  check(minimum: number): void {
    assert.ok(this.accepted >= minimum, `the fast reader accepted only ${this.accepted} inputs`);
    assert.ok(this.refused >= minimum, `the strict decoder refused only ${this.refused} inputs`);
  }
}

/** The one property, for any input: returns whether the fast reader accepted it. */
function agrees(input: Uint8Array, tally?: Tally): boolean {
  const strict = attempt((b) => txCodec.decode(b), input);
  const fast = decodeTransfers(input);
  if (fast !== undefined) {
    assert.ok(strict.ok, `the fast reader accepted what txCodec.decode refuses: ${!strict.ok && strict.message}`);
    assert.deepStrictEqual(fast, strict.value);
    assert.deepStrictEqual(keyOrder(fast), keyOrder(strict.value));
  }
  assert.deepStrictEqual(attempt(decodeTx, input), strict);
  if (tally && fast !== undefined) tally.accepted++;
  if (tally && !strict.ok) tally.refused++;
  return fast !== undefined;
}

// ── Mutations ───────────────────────────────────────────────────────────────────────────────────────────────────

/** The same bytes with the n-th head (of all heads, in order) written one width longer: not the shortest form. */
function widenHead(input: Uint8Array, n: number): Uint8Array | undefined {
  const heads: number[] = [];
  for (let pos = 0; pos < input.length;) {
    heads.push(pos);
    const h = itemHead(input, pos);
    pos = h.next + (h.major === 2 || h.major === 3 ? h.arg : 0);
  }
  const at = heads[n % heads.length]!;
  const { major, next } = itemHead(input, at);
  const info = input[at]! & 0x1f;
  if (info === 27 || major === 7) return undefined;
  const wider = info < 24 ? 24 : info + 1;
  const width = 1 << (wider - 24);
  const arg = info < 24 ? BigInt(info) : BigInt('0x' + Buffer.from(input.subarray(at + 1, next)).toString('hex'));
  const head = new Uint8Array(1 + width);
  head[0] = (major << 5) | wider;
  for (let k = 0; k < width; k++) head[width - k] = Number((arg >> BigInt(8 * k)) & 0xffn);
  return Uint8Array.from([...input.subarray(0, at), ...head, ...input.subarray(next)]);
}

/** Values a field may be replaced by: anything, and the schema's edges. */
const oddValue: fc.Arbitrary<CborValue> = fc.oneof(
  cborValue,
  fc.constantFrom<CborValue[]>(
    '',
    'transfer',
    'asset.issue',
    'acct-1',
    'Acct',
    'a b',
    'é',
    'x'.repeat(63),
    'x'.repeat(64),
    'x'.repeat(65),
    'X'.repeat(32),
    'X'.repeat(33),
    'm'.repeat(256),
    'm'.repeat(257),
    '\u{1F600}'.repeat(128),
    '\u{1F600}'.repeat(129) /* 258 units */,
    -1,
    2 ** 53 - 1,
    -(2n ** 64n),
    new Uint8Array(7),
    new Uint8Array(9),
    new Uint8Array(65),
    new Uint8Array(66),
    [],
    {},
    null,
    true,
  ),
);
const extraKey = fc.oneof(
  fc.constantFrom('', 'a', 'to', 'from', 'memo', 'type', 'n', 'ops', 'opz', 'nonce', 'chainId', 'zz', 'signatures'),
  fc.string({ maxLength: 12 }),
);

type Path = (string | number)[];
/** Every node's path in a value (objects and arrays, and their fields). */
function paths(value: unknown, at: Path = []): Path[] {
  const out: Path[] = [at];
  if (Array.isArray(value)) value.forEach((v, i) => out.push(...paths(v, [...at, i])));
  else if (value !== null && typeof value === 'object' && !(value instanceof Uint8Array)) {
    for (const [k, v] of Object.entries(value)) out.push(...paths(v, [...at, k]));
  }
  return out;
}

const REVERSED = Symbol('reversed');

/** Canonical key order for text keys (shorter first, then bytewise, for ASCII), reversed in a map marked REVERSED. */
function inKeyOrder(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(inKeyOrder);
  if (value === null || typeof value !== 'object' || value instanceof Uint8Array) return value;
  const keys = Object.keys(value).sort((a, b) => a.length - b.length || (a < b ? -1 : a > b ? 1 : 0));
  if ((value as Record<symbol, unknown>)[REVERSED]) keys.reverse();
  return Object.fromEntries(keys.map((k) => [k, inKeyOrder((value as Record<string, unknown>)[k])]));
}

/** Value-level changes, on a copy: drop or add a field, replace a node, resize ops or signatures, reorder keys. */
const valueEdit = fc.record({
  kind: fc.constantFrom('drop', 'add', 'replace', 'resize', 'reorder'),
  node: fc.nat(),
  key: extraKey,
  value: oddValue,
  size: fc.constantFrom(0, 1, 16, 17, 64, 65),
});
type ValueEdit = typeof valueEdit extends fc.Arbitrary<infer E> ? E : never;

/** The edited value's encoding: canonical, or (reorder) with one map's keys in reverse insertion order. */
function editValue(value: unknown, e: ValueEdit): Uint8Array | undefined {
  const copy = structuredClone(value) as Record<string, unknown>;
  const all = paths(copy);
  const path = all[e.node % all.length]!;
  const parent = path.slice(0, -1).reduce<unknown>((v, k) => (v as Record<string | number, unknown>)[k], copy);
  const last = path[path.length - 1];
  const node = path.reduce<unknown>((v, k) => (v as Record<string | number, unknown>)[k], copy);
  const isMap = node !== null && typeof node === 'object' && !Array.isArray(node) && !(node instanceof Uint8Array);
  if (e.kind === 'drop' && last !== undefined) {
    if (Array.isArray(parent)) parent.splice(Number(last), 1);
    else delete (parent as Record<string, unknown>)[last];
  } else if (e.kind === 'add' && isMap) {
    (node as Record<string, unknown>)[e.key] = e.value;
  } else if (e.kind === 'replace' && last !== undefined) {
    (parent as Record<string | number, unknown>)[last] = e.value;
  } else if (e.kind === 'resize' && Array.isArray(node) && node.length > 0) {
    (parent as Record<string | number, unknown>)[last!] = Array.from(
      { length: e.size },
      (_, i) => node[i % node.length],
    );
  } else if (e.kind === 'reorder' && isMap && Object.keys(node as object).length > 1) {
    const reversed = (node as Record<symbol, unknown>)[REVERSED];
    (node as Record<symbol, unknown>)[REVERSED] = !reversed;
    try {
      return cborgEncode(inKeyOrder(copy), { mapSorter: () => 0 }); // the order built here, not cborg's
    } catch {
      return undefined;
    }
  } else {
    return undefined;
  }
  try {
    return encodeCanonical(copy as CborValue);
  } catch {
    return undefined; // not encodable at all (e.g. nesting too deep): nothing to decode
  }
}

// ── Properties ──────────────────────────────────────────────────────────────────────────────────────────────────

describe('decodeTransfers, the fast reader of a transaction of transfers, against txCodec.decode', () => {
  it('accepts every valid transaction of transfers, with the same value and key order', () => {
    fc.assert(
      fc.property(transfersTx(true), (value) => {
        const encoded = txCodec.encode(value as unknown as Tx);
        assert.equal(agrees(encoded), true, 'the fast reader deferred a valid transaction of transfers');
      }),
      { numRuns: 400 },
    );
  });

  it('agrees on the encoding with bytes flipped, inserted, deleted, swapped, truncated or appended', () => {
    const tally = new Tally();
    fc.assert(
      fc.property(transfersTx(), fc.array(byteMutation, { minLength: 1, maxLength: 3 }), (value, edits) => {
        agrees(edits.reduce(mutateBytes, txCodec.encode(value as unknown as Tx)), tally);
      }),
      { numRuns: 3000 },
    );
    tally.check(25);
  });

  it('agrees on non-canonical heads: any one integer, length or count written a width longer', () => {
    fc.assert(
      fc.property(transfersTx(), fc.nat(), (value, n) => {
        const widened = widenHead(txCodec.encode(value as unknown as Tx), n);
        if (widened !== undefined) assert.equal(agrees(widened), false);
      }),
      { numRuns: 1000 },
    );
  });

  it('agrees on fields dropped, added, replaced by other types or edge values, resized, or reordered', () => {
    const tally = new Tally();
    fc.assert(
      fc.property(transfersTx(), valueEdit, (value, e) => {
        const edited = editValue(value, e);
        if (edited !== undefined) agrees(edited, tally);
      }),
      { numRuns: 4000 },
    );
    tally.check(200);
  });

  it('agrees on hand-made cases: a duplicated key, another op among transfers, a byte-order mark, a Buffer', () => {
    const tx = {
      body: {
        chainId: 'c',
        expiresAt: 1n,
        nonce: new Uint8Array(8),
        ops: [{ type: 'transfer', from: 'a', to: 'b', asset: 'X', amount: 1n }],
      },
      signatures: [{ publicKey: new Uint8Array(33), signature: new Uint8Array(65) }],
    };
    const encoded = txCodec.encode(tx as unknown as Tx);
    // The nonce entry twice (the body map's count raised by one): a duplicate key, refused.
    const nonce = Buffer.from(encoded).indexOf(Buffer.from('656e6f6e6365', 'hex'));
    const entry = encoded.subarray(nonce, nonce + 6 + 9);
    const body = 6;
    assert.equal(encoded[body], 0xa4);
    const duplicated = Uint8Array.from([...encoded.subarray(0, nonce), ...entry, ...encoded.subarray(nonce)]);
    duplicated[body] = 0xa5;
    assert.equal(agrees(duplicated), false);
    assert.equal(attempt((b) => txCodec.decode(b), duplicated).ok, false);
    // An asset.issue next to a transfer: valid, and for the strict decoder alone.
    const mixed = {
      ...tx,
      body: { ...tx.body, ops: [...tx.body.ops, { type: 'asset.issue', asset: 'X', to: 'a', amount: 2n }] },
    };
    assert.equal(agrees(txCodec.encode(mixed as unknown as Tx)), false);
    // Text starting with a byte-order mark, which cborg drops from the value: left to the strict decoder.
    for (const bom of ['\uFEFF', '\uFEFFmemo', '\uFEFF\uFEFFx']) {
      const withBom = { ...tx, body: { ...tx.body, memo: bom } };
      assert.equal(agrees(txCodec.encode(withBom as unknown as Tx)), false);
    }
    // A Buffer in, plain Uint8Arrays out, as cborg gives.
    const fromBuffer = decodeTransfers(Buffer.from(encoded));
    assert.ok(fromBuffer);
    assert.equal(Object.getPrototypeOf(fromBuffer.body.nonce), Uint8Array.prototype);
    assert.deepStrictEqual(fromBuffer, txCodec.decode(Buffer.from(encoded)));
  });
});
