import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { selectGridlockSet } from '../../../../../main/node/settlement/gridlock.ts';
import { eventsOf } from '../../../../helpers/ledger-harness.ts';
import { ALPHA, BETA, EUR, GAMMA, pay, SettlementHarness, settlementGenesis } from '../../../../helpers/settlement.ts';

describe('gridlock resolution in the ledger', () => {
  it('a ring of queued payments none of which can settle alone settles as a set', () => {
    const h = new SettlementHarness(settlementGenesis({ eur: { [ALPHA]: 10n } }));
    // Each debtor holds less than it owes, so no payment can settle on its own; together they offset.
    const out = h.submit([pay('ab', ALPHA, BETA, 100n), pay('bc', BETA, GAMMA, 100n), pay('ca', GAMMA, ALPHA, 100n)]);
    assert.deepEqual(
      ['ab', 'bc', 'ca'].map((id) => h.status(id)),
      ['settled', 'settled', 'settled'],
    );
    assert.deepEqual(eventsOf(out.blockEvents, 'settlement.gridlock'), [{ type: 'settlement.gridlock', count: 3 }]);
    assert.deepEqual(
      eventsOf(out.blockEvents, 'settlement.settled').map((e) => [e.instruction, e.via]),
      [
        ['ab', 'gridlock'],
        ['bc', 'gridlock'],
        ['ca', 'gridlock'],
      ],
    );
    assert.deepEqual([h.balance(ALPHA, EUR), h.balance(BETA, EUR), h.balance(GAMMA, EUR)], [10n, 0n, 0n]);
    // No balance was ever negative in between: credits are applied before debits.
    for (const e of eventsOf(out.blockEvents, 'balance')) assert.ok(e.balance >= 0n, `${e.account} ${e.balance}`);
  });

  it('a ring that cannot be fully funded settles the subset the algorithm picks: the latest payment of a short participant leaves', () => {
    const h = new SettlementHarness();
    // Ring ab → bc → ca (100 each) and a later a → c of 50. A would end at −50: its latest payment (ac) leaves the
    // set; the ring settles, ac waits.
    h.submit([
      pay('ab', ALPHA, BETA, 100n),
      pay('bc', BETA, GAMMA, 100n),
      pay('ca', GAMMA, ALPHA, 100n),
      pay('ac', ALPHA, GAMMA, 50n),
    ]);
    assert.deepEqual(
      ['ab', 'bc', 'ca', 'ac'].map((id) => h.status(id)),
      ['settled', 'settled', 'settled', 'queued'],
    );
    assert.equal(h.instruction('ac').waiting, 'INSUFFICIENT_FUNDS');
  });

  it('an unequal ring settles only when the short participant can cover the difference', () => {
    const ring = [pay('ab', ALPHA, BETA, 100n), pay('bc', BETA, GAMMA, 150n), pay('ca', GAMMA, ALPHA, 100n)];
    const short = new SettlementHarness(settlementGenesis({ eur: { [BETA]: 49n } }));
    short.submit(ring);
    assert.deepEqual(
      ['ab', 'bc', 'ca'].map((id) => short.status(id)),
      ['queued', 'queued', 'queued'],
    );
    const enough = new SettlementHarness(settlementGenesis({ eur: { [BETA]: 50n } }));
    enough.submit(ring);
    assert.deepEqual(
      ['ab', 'bc', 'ca'].map((id) => enough.status(id)),
      ['settled', 'settled', 'settled'],
    );
    assert.equal(enough.balance(BETA, EUR), 0n);
    assert.equal(enough.balance(GAMMA, EUR), 50n);
  });

  it('held instructions take no part', () => {
    const h = new SettlementHarness();
    h.submit([pay('ab', ALPHA, BETA, 100n)]);
    h.act('ab', 'hold', ['alice', 'bob']);
    h.submit([pay('ba', BETA, ALPHA, 100n)]);
    assert.deepEqual([h.status('ab'), h.status('ba')], ['held', 'queued']);
    h.act('ab', 'release', ['alice', 'bob']);
    assert.deepEqual([h.status('ab'), h.status('ba')], ['settled', 'settled']);
  });
});

describe('selectGridlockSet (pure)', () => {
  const leg = (from: string, to: string, amount: bigint) => ({ from, to, asset: EUR, amount });
  const zero = () => 0n;

  it('keeps everything when the set offsets exactly', () => {
    const set = [
      { id: '1', legs: [leg('a', 'b', 5n)] },
      { id: '2', legs: [leg('b', 'a', 5n)] },
    ];
    assert.deepEqual(
      selectGridlockSet(set, zero).map((c) => c.id),
      ['1', '2'],
    );
  });

  it('removes the last candidate in queue order that debits the first short pair, again and again', () => {
    // a owes 10 to b and 7 to c, receives 10 from b: short by 7 → '3' (a's last) leaves; then all offset.
    const set = [
      { id: '1', legs: [leg('a', 'b', 10n)] },
      { id: '2', legs: [leg('b', 'a', 10n)] },
      { id: '3', legs: [leg('a', 'c', 7n)] },
    ];
    assert.deepEqual(
      selectGridlockSet(set, zero).map((c) => c.id),
      ['1', '2'],
    );
    // With queue order 3, 1, 2 (3 urgent), a's last is now '1': removing it leaves b short, so '2' goes, then '3'.
    assert.deepEqual(
      selectGridlockSet([set[2]!, set[0]!, set[1]!], zero).map((c) => c.id),
      [],
    );
    assert.deepEqual(
      selectGridlockSet([set[2]!, set[0]!, set[1]!], (acct) => (acct === 'a' ? 7n : 0n)).map((c) => c.id),
      ['3', '1', '2'],
    );
  });

  it('uses balances per asset: a surplus in one asset does not cover another', () => {
    const set = [
      { id: '1', legs: [leg('a', 'b', 10n)] },
      { id: '2', legs: [{ from: 'b', to: 'a', asset: 'USD', amount: 10n }] },
    ];
    assert.deepEqual(selectGridlockSet(set, zero), []);
    assert.deepEqual(
      selectGridlockSet(set, (acct, asset) => (acct === 'a' && asset === EUR ? 10n : acct === 'b' ? 10n : 0n)).map(
        (c) => c.id,
      ),
      ['1', '2'],
    );
  });
});
