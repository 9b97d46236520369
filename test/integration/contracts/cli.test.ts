import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { countersign as cli, countersignFails } from '../../helpers/cli.ts';
import { makeDemoNetwork, startQuietNode } from '../../helpers/devnet.ts';
import type { CountersignNode } from '../../../main/node/node.ts';

/**
 * The contracts CLI as a user runs it against a devnet node: each step is a proposal under the acting party's
 * 2-of-3 policy, made by one treasury officer and approved by another (`countersign approve`), as for a transfer.
 */
describe('countersign contracts: draft, co-sign, attest and show an escrow from the command line', () => {
  const net = makeDemoNetwork({ blockIntervalMs: 50 });
  let node: CountersignNode;
  const home = ['--home', net.home];
  const run = (...args: string[]) => cli([...args, ...home]);

  before(async () => {
    node = await startQuietNode(net.home);
  });
  after(async () => {
    await node.close();
    net.cleanup();
  });

  /** Proposes with one officer, approves with the second; returns the approval's output. */
  async function propose(args: string[], member: string) {
    const proposed = (await run(...args, '--signer', `${member}-treasury-1`)) as { proposal: string; status: string };
    assert.equal(proposed.status, 'pending', 'one approval of a 2-of-3 policy is not enough');
    return (await run('approve', proposed.proposal, '--signer', `${member}-treasury-2`)) as { status: string };
  }

  it('prints the templates as JSON', async () => {
    const templates = (await run('contracts', 'templates')) as unknown as { id: string }[];
    assert.ok(templates.some((t) => t.id === 'escrow'));
  });

  it('takes an escrow from draft to release, with amounts in units and times relative to now', async () => {
    const payer0 = BigInt(
      ((await run('balance', 'jhcb.treasury')) as { balances: { asset: string; amount: string }[] }).balances.find(
        (b) => b.asset === 'CNY',
      )!.amount,
    );
    const created = await propose(
      [
        'contracts',
        'create',
        '--template',
        'escrow@1',
        '--id',
        'cli-escrow',
        '--party',
        'payer=jhcb.treasury',
        '--party',
        'payee=hbsec.treasury',
        '--term',
        'asset=CNY',
        '--term',
        'amount=1250.00',
        '--term',
        'expiresAt=+2h',
      ],
      'jhcb',
    );
    assert.equal(created.status, 'executed');
    const drafted = (await run('contracts', 'show', 'cli-escrow')) as {
      contract: { status: string; terms: Record<string, string> };
      unsigned: string[];
    };
    assert.equal(drafted.contract.status, 'drafted');
    assert.equal(drafted.contract.terms['amount'], '125000', 'amount=1250.00 CNY is 125000 minor units');
    assert.deepEqual(drafted.unsigned, ['payer', 'payee']);

    await propose(['contracts', 'sign', 'cli-escrow', '--party', 'payer'], 'jhcb');
    await propose(['contracts', 'sign', 'cli-escrow', '--party', 'payee'], 'hbsec');
    const active = (await run('contracts', 'list', '--status', 'active')) as unknown as { id: string }[];
    assert.deepEqual(
      active.map((c) => c.id),
      ['cli-escrow'],
    );

    await propose(['contracts', 'attest', 'cli-escrow', '--party', 'payer', '--fact', 'delivered'], 'jhcb');
    const shown = (await run('contracts', 'show', 'cli-escrow')) as {
      contract: { status: string };
      timeline: { txId: string; height: number; event: { type: string } }[];
    };
    assert.equal(shown.contract.status, 'executed');
    assert.deepEqual(
      shown.timeline.map((e) => e.event.type),
      [
        'contract.created',
        'contract.signed',
        'contract.signed',
        'contract.activated',
        'contract.locked',
        'contract.attested',
        'contract.released',
        'contract.executed',
      ],
    );
    const balance = (await run('balance', 'jhcb.treasury')) as { balances: { asset: string; amount: string }[] };
    assert.equal(BigInt(balance.balances.find((b) => b.asset === 'CNY')!.amount), payer0 - 125_000n);
  });

  it('refuses bad input with a one-line error naming it', async () => {
    const unknownTerm = await countersignFails([
      'contracts',
      'create',
      '--template',
      'escrow',
      '--party',
      'payer=jhcb.treasury',
      '--term',
      'colour=red',
      '--signer',
      'jhcb-treasury-1',
      ...home,
    ]);
    assert.equal(unknownTerm.code, 1);
    assert.match(unknownTerm.stderr, /escrow has no term "colour".*\[BAD_TERMS\]/);
    const noTemplate = await countersignFails(['contracts', 'create', '--template', 'swap', '--signer', 'x', ...home]);
    assert.match(noTemplate.stderr, /no template "swap".*\[UNKNOWN_TEMPLATE\]/);
    const refused = await countersignFails([
      'contracts',
      'sign',
      'cli-escrow',
      '--party',
      'payee',
      '--signer',
      'hbsec-treasury-1',
      ...home,
    ]);
    assert.match(refused.stderr, /\[CONTRACT_NOT_DRAFTED\]/);
  });
});
