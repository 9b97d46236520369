import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { XMLParser } from 'fast-xml-parser';
import { accountCodec, assetCodec, type Account, type Asset, type Instruction } from '../../../shared/domain/index.ts';
import { readGenesis } from '../../../main/node/home/config.ts';
import { buildGenesisState } from '../../../main/node/ledger/genesis.ts';
import {
  buildPacs002,
  Iso20022Error,
  PACS002_NAMESPACE,
  pacs009ToInstructions,
  parsePacs009,
  type LedgerDirectory,
} from '../../../main/node/iso20022/index.ts';
import { makeDemoNetwork } from '../../helpers/devnet.ts';

const VECTORS = path.join(import.meta.dirname, '../../vectors/iso20022');
const read = (name: string) => readFileSync(path.join(VECTORS, name), 'utf8');

/** The demo consortium's accounts and assets, as the ledger holds them at genesis. */
function demoLedger(): LedgerDirectory {
  const net = makeDemoNetwork();
  try {
    const writes = buildGenesisState(readGenesis(net.home)).writes;
    const accounts = new Map<string, Account>();
    const assets: Asset[] = [];
    for (const w of writes) {
      if (w.value === null) continue;
      if (w.key.startsWith('account/')) accounts.set(w.key.slice(8), accountCodec.decode(w.value));
      if (w.key.startsWith('asset/')) assets.push(assetCodec.decode(w.value));
    }
    return { account: (id) => accounts.get(id), assets: () => assets };
  } finally {
    net.cleanup();
  }
}

function refusal(run: () => unknown): Iso20022Error {
  try {
    run();
  } catch (err) {
    assert.ok(err instanceof Iso20022Error, String(err));
    return err;
  }
  assert.fail('the file was accepted');
}

describe('ISO 20022 pacs.009 import', () => {
  const ledger = demoLedger();

  it('maps each credit transfer to a payment instruction, with its identifiers kept for the status report', () => {
    const instructions = pacs009ToInstructions(parsePacs009(read('pacs009-two-payments.xml')), ledger);
    assert.deepEqual(instructions, [
      {
        type: 'settlement.instruct',
        instruction: 'jhcb-instr-0001',
        mode: 'rtgs',
        priority: 'urgent',
        legs: [{ from: 'jhcb.treasury', to: 'hbsec.treasury', asset: 'CNY', amount: 125_000n }],
        reference: {
          msgId: 'JHCB-20250615-0001',
          instrId: 'JHCB-INSTR-0001',
          endToEndId: 'E2E-JHCB-0001',
          uetr: 'df18569a-11c2-426e-8666-fcbe8e8d7808',
        },
      },
      {
        type: 'settlement.instruct',
        instruction: 'jhcb-instr-0002',
        mode: 'rtgs',
        priority: 'normal',
        legs: [{ from: 'jhcb.treasury', to: 'lotus.treasury', asset: 'USD', amount: 30_050n }],
        reference: {
          msgId: 'JHCB-20250615-0001',
          instrId: 'JHCB-INSTR-0002',
          endToEndId: 'E2E-JHCB-0002',
          uetr: '94083228-ae20-476b-b8e7-d6a7e596e750',
        },
      },
    ]);
  });

  it('maps SttlmTmReq on the settlement date to a scheduled time and an expiry, and a batch to deferred net', () => {
    const xml = read('pacs009-two-payments.xml').replace(
      '<SttlmPrty>URGT</SttlmPrty>',
      '<SttlmPrty>URGT</SttlmPrty><SttlmTmReq><FrTm>14:00:00+08:00</FrTm><RjctTm>17:00:00Z</RjctTm></SttlmTmReq>',
    );
    const [first, second] = pacs009ToInstructions(parsePacs009(xml), ledger);
    assert.equal(first!.mode, 'scheduled');
    assert.equal(first!.settleAt, BigInt(Date.parse('2025-06-15T06:00:00Z')));
    assert.equal(first!.expiresAt, BigInt(Date.parse('2025-06-15T17:00:00Z')));
    assert.equal(second!.mode, 'rtgs');
    const batch = pacs009ToInstructions(parsePacs009(read('pacs009-two-payments.xml')), ledger, {
      mode: 'deferred-net',
    });
    assert.deepEqual(
      batch.map((i) => i.mode),
      ['deferred-net', 'deferred-net'],
    );
  });

  const malformed: [string, string, RegExp][] = [
    [
      'pacs009-bad-currency.xml',
      'CdtTrfTxInf[2]/IntrBkSttlmAmt',
      /^CdtTrfTxInf\[2\]\/IntrBkSttlmAmt: Ccy "XYZ" is not an ISO 4217 code$/,
    ],
    ['pacs009-missing-debtor-account.xml', 'CdtTrfTxInf[1]/DbtrAcct', /is missing/],
    ['pacs009-wrong-count.xml', 'GrpHdr/NbOfTxs', /says 3 but the message has 2 CdtTrfTxInf/],
    ['pacs009-not-well-formed.xml', '', /not well-formed XML at line \d+/],
    ['pacs009-wrong-namespace.xml', 'Document', /namespace must be urn:iso:std:iso:20022:tech:xsd:pacs\.009\.001\.08/],
  ];
  for (const [file, element, message] of malformed) {
    it(`refuses ${file}, naming ${element || 'the problem'}`, () => {
      const err = refusal(() => pacs009ToInstructions(parsePacs009(read(file)), ledger));
      assert.equal(err.element, element);
      assert.match(err.message, message);
    });
  }

  it('refuses what the ledger does not have or does not match, naming the element', () => {
    const owner = refusal(() => pacs009ToInstructions(parsePacs009(read('pacs009-lei-not-owner.xml')), ledger));
    assert.equal(owner.element, 'CdtTrfTxInf[2]/Cdtr/FinInstnId/LEI');
    assert.match(owner.message, /is not the owner of account "lotus\.treasury"/);
    const precise = refusal(() => pacs009ToInstructions(parsePacs009(read('pacs009-too-precise.xml')), ledger));
    assert.equal(precise.element, 'CdtTrfTxInf[1]/IntrBkSttlmAmt');
    assert.match(precise.message, /3 decimal places; this asset has 2/);
    const unknown = read('pacs009-two-payments.xml').replace('<Id>lotus.treasury</Id>', '<Id>nobody.here</Id>');
    const account = refusal(() => pacs009ToInstructions(parsePacs009(unknown), ledger));
    assert.equal(account.element, 'CdtTrfTxInf[2]/CdtrAcct/Id/Othr/Id');
    const noAsset = read('pacs009-two-payments.xml').replace('Ccy="USD"', 'Ccy="EUR"');
    assert.match(
      refusal(() => pacs009ToInstructions(parsePacs009(noAsset), ledger)).message,
      /no currency asset with code EUR/,
    );
    const twice = read('pacs009-two-payments.xml').replace('JHCB-INSTR-0002', 'jhcb-instr-0001');
    assert.equal(
      refusal(() => pacs009ToInstructions(parsePacs009(twice), ledger)).element,
      'CdtTrfTxInf[2]/PmtId/InstrId',
    );
    const doctype = '<!DOCTYPE x [<!ENTITY a "b">]>' + read('pacs009-two-payments.xml');
    assert.match(refusal(() => parsePacs009(doctype)).message, /DOCTYPE is not allowed/);
  });
});

describe('ISO 20022 pacs.002 export', () => {
  const assets = new Map<string, Asset>([
    [
      'CNY',
      { id: 'CNY', kind: 'currency', code: 'CNY', name: 'Renminbi', decimals: 2, issuer: 'x', supply: 0n } as Asset,
    ],
  ]);
  const base = {
    kind: 'payment',
    mode: 'rtgs',
    priority: 'normal',
    legs: [{ from: 'a.b', to: 'c.d', asset: 'CNY', amount: 125_000n }],
    submitted: { height: 1, time: 1_750_000_000_000n, tx: 'ab' },
  } as const;
  const settled = {
    ...base,
    id: 'jhcb-instr-0001',
    status: 'settled',
    seq: 0n,
    reference: {
      msgId: 'M1',
      instrId: 'JHCB-INSTR-0001',
      endToEndId: 'E2E-1',
      uetr: 'df18569a-11c2-426e-8666-fcbe8e8d7808',
    },
    closed: { height: 2, time: 1_750_000_060_000n, code: 'OK', via: 'rtgs' },
  } as unknown as Instruction;
  const expired = {
    ...base,
    id: 'local-7',
    status: 'expired',
    seq: 1n,
    closed: { height: 3, time: 1_750_000_120_000n, code: 'EXPIRED' },
  } as unknown as Instruction;
  const open = { ...base, id: 'open-1', status: 'queued', seq: 2n } as unknown as Instruction;

  it('reports settled payments ACSC and rejected ones RJCT with the reason, with their original identifiers', () => {
    const xml = buildPacs002([settled, expired, open], { msgId: 'STS-1', createdAt: 1_750_000_200_000n, assets });
    const doc = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@', parseTagValue: false }).parse(xml);
    assert.equal(doc.Document['@xmlns'], PACS002_NAMESPACE);
    const report = doc.Document.FIToFIPmtStsRpt;
    assert.deepEqual(report.GrpHdr, { MsgId: 'STS-1', CreDtTm: '2025-06-15T15:10:00Z' });
    const [ok, rejected] = report.TxInfAndSts;
    assert.equal(report.TxInfAndSts.length, 2, 'open instructions have no final status yet');
    assert.deepEqual(ok.OrgnlGrpInf, { OrgnlMsgId: 'M1', OrgnlMsgNmId: 'pacs.009.001.08' });
    assert.equal(ok.OrgnlInstrId, 'JHCB-INSTR-0001');
    assert.equal(ok.OrgnlEndToEndId, 'E2E-1');
    assert.equal(ok.OrgnlUETR, 'df18569a-11c2-426e-8666-fcbe8e8d7808');
    assert.equal(ok.TxSts, 'ACSC');
    assert.deepEqual(ok.OrgnlTxRef.IntrBkSttlmAmt, { '#text': '1250.00', '@Ccy': 'CNY' });
    assert.equal(rejected.OrgnlInstrId, 'local-7');
    assert.equal(rejected.OrgnlEndToEndId, 'NOTPROVIDED');
    assert.equal(rejected.TxSts, 'RJCT');
    assert.deepEqual(rejected.StsRsnInf, { Rsn: { Prtry: 'EXPIRED' } });
  });
});
