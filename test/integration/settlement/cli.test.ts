import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { XMLParser } from 'fast-xml-parser';
import type { CountersignNode } from '../../../main/node/node.ts';
import { countersign, countersignFails, countersignRaw } from '../../helpers/cli.ts';
import { makeDemoNetwork, startQuietNode } from '../../helpers/devnet.ts';

const VECTORS = path.join(import.meta.dirname, '../../vectors/iso20022');

describe('countersign settlement: the queue, instructions co-signed from the CLI, ISO 20022 files', () => {
  const net = makeDemoNetwork({ blockIntervalMs: 50 });
  let node: CountersignNode;
  const home = () => ['--home', net.home];
  before(async () => {
    node = await startQuietNode(net.home);
  });
  after(async () => {
    await node.close();
    net.cleanup();
  });

  it('settlement queue prints the queue and the cycles as JSON', async () => {
    const queue = await countersign(['settlement', 'queue', ...home()]);
    assert.deepEqual(queue['instructions'], []);
    const cycles = queue['cycles'] as { asset: string; onShortfall: string; nextCutoff: string }[];
    assert.deepEqual(
      cycles.map((c) => [c.asset, c.onShortfall]),
      [['CNY', 'exclude']],
    );
    assert.match(cycles[0]!.nextCutoff, /^\d+$/);
  });

  it('instruct proposes under a 2-of-3 policy; a second officer approves and it settles', async () => {
    const proposed = await countersign([
      'settlement',
      'instruct',
      ...home(),
      '--id',
      'cli-pay-1',
      '--from',
      'jhcb.treasury',
      '--to',
      'hbsec.treasury',
      '--asset',
      'CNY',
      '--amount',
      '100.00',
      '--priority',
      'urgent',
      '--signer',
      'jhcb-treasury-1',
    ]);
    const proposal = proposed['proposal'] as { id: string; status: string };
    assert.equal(proposal.status, 'pending');
    assert.equal(proposed['state'], null, 'no instruction until the policy is met');
    const approved = await countersign(['approve', proposal.id, ...home(), '--signer', 'jhcb-treasury-2']);
    assert.equal(approved['status'], 'executed');
    const shown = (await countersign(['settlement', 'show', 'cli-pay-1', ...home()])) as {
      instruction: { status: string; priority: string; legs: { amount: string }[] };
      trail: { event: { type: string } }[];
    };
    assert.equal(shown.instruction.status, 'settled');
    assert.equal(shown.instruction.priority, 'urgent');
    assert.equal(shown.instruction.legs[0]!.amount, '10000');
    assert.deepEqual(
      shown.trail.map((t) => t.event.type),
      ['settlement.instructed', 'settlement.settled'],
    );
  });

  it('refuses a malformed pacs.009 naming the element, and imports nothing', async () => {
    const bad = await countersignFails([
      'settlement',
      'import',
      path.join(VECTORS, 'pacs009-bad-currency.xml'),
      ...home(),
      '--signer',
      'jhcb-treasury-1',
    ]);
    assert.equal(bad.code, 1);
    assert.match(bad.stderr, /CdtTrfTxInf\[2\]\/IntrBkSttlmAmt: Ccy "XYZ" is not an ISO 4217 code/);
    const queue = await countersign(['settlement', 'queue', ...home()]);
    assert.deepEqual(queue['instructions'], []);
    const height = node.status().height;
    assert.equal(node.mempool.size, 0);
    assert.equal(node.status().height, height);
  });

  it('imports a pacs.009 as co-signed instructions and exports their settlement as a pacs.002', async () => {
    const imported = (await countersign([
      'settlement',
      'import',
      path.join(VECTORS, 'pacs009-two-payments.xml'),
      ...home(),
      '--signer',
      'jhcb-treasury-1',
    ])) as { instructions: { instruction: string; proposal: { id: string; status: string } }[] };
    assert.deepEqual(
      imported.instructions.map((i) => [i.instruction, i.proposal.status]),
      [
        ['jhcb-instr-0001', 'pending'],
        ['jhcb-instr-0002', 'pending'],
      ],
    );
    for (const i of imported.instructions) {
      await countersign(['approve', i.proposal.id, ...home(), '--signer', 'jhcb-operations-1']);
    }
    const out = path.join(net.dir, 'status.xml');
    const exported = await countersign([
      'settlement',
      'export-status',
      ...home(),
      '--out',
      out,
      '--msg-id',
      'STS-TEST-1',
    ]);
    assert.equal(exported['reported'], 3);
    const doc = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@', parseTagValue: false }).parse(
      readFileSync(out, 'utf8'),
    );
    const rows = doc.Document.FIToFIPmtStsRpt.TxInfAndSts as {
      OrgnlInstrId: string;
      TxSts: string;
      OrgnlUETR?: string;
    }[];
    assert.deepEqual(
      rows.map((r) => [r.OrgnlInstrId, r.TxSts, r.OrgnlUETR ?? null]),
      [
        ['cli-pay-1', 'ACSC', null],
        ['JHCB-INSTR-0001', 'ACSC', 'df18569a-11c2-426e-8666-fcbe8e8d7808'],
        ['JHCB-INSTR-0002', 'ACSC', '94083228-ae20-476b-b8e7-d6a7e596e750'],
      ],
    );
  });

  it('every settlement command has --help, and mistakes are one clear line', async () => {
    const help = (await countersignRaw(['settlement', '--help'])).stdout;
    for (const cmd of [
      'queue',
      'show',
      'instruct',
      'hold',
      'release',
      'cancel',
      'reprioritise',
      'import',
      'export-status',
    ]) {
      assert.match(help, new RegExp(`\\n  ${cmd}\\b`), `settlement ${cmd} is listed`);
    }
    const mode = await countersignFails(['settlement', 'queue', ...home(), '--mode', 'fast']);
    assert.match(mode.stderr, /--mode must be one of rtgs, scheduled, deferred-net, got "fast" \[BAD_ARGUMENT\]/);
    const unknown = await countersignFails(['settlement', 'hold', 'nope', ...home(), '--signer', 'jhcb-treasury-1']);
    assert.match(unknown.stderr, /instruction "nope" does not exist \[UNKNOWN_INSTRUCTION\]/);
    const missing = await countersignFails([
      'settlement',
      'import',
      path.join(net.dir, 'none.xml'),
      ...home(),
      '--signer',
      'x',
    ]);
    assert.match(missing.stderr, /cannot read .*none\.xml/);
  });
});
