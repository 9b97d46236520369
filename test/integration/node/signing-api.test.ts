import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { hexToBytesStrict } from '../../../shared/crypto/index.ts';
import type { InboxItemJson, SignedJson, SignerJson } from '../../../shared/api/index.ts';
import { ApiCallError, createApiClient, type ApiClient } from '../../../main/node/api/index.ts';
import { homePaths } from '../../../main/node/home/layout.ts';
import type { CountersignNode } from '../../../main/node/node.ts';
import { signRequest } from '../../../main/node/offline/signing.ts';
import { createKeystore } from '../../../main/node/signer/keystore/index.ts';
import { keyFolders } from '../../../main/node/signer/registry.ts';
import { makeDemoNetwork, startQuietNode } from '../../helpers/devnet.ts';

/**
 * The signing API the console and the app use: the node signs with the keys of its home, given a key label and its
 * passphrase; proposals, approvals, rejections and cancellations are committed and their outcome returned; an offline
 * approval file is checked and submitted. Runs against a real node on a demo network.
 */

const PASSPHRASE = 'correct horse battery staple';

describe('signing with the node’s keys through the API', () => {
  const net = makeDemoNetwork({ blockIntervalMs: 20 });
  let node: CountersignNode;
  let api: ApiClient;
  const call = <T>(method: string, params: object) => api.call(method as never, params as never) as Promise<T>;
  const balance = async (account: string, asset: string) =>
    BigInt(
      (await call<{ asset: string; amount: string }[]>('account.balances', { account })).find((b) => b.asset === asset)
        ?.amount ?? '0',
    );
  const transfer = (amount: string, memo?: string) => ({
    type: 'transfer',
    from: 'jhcb.treasury',
    to: 'hbsec.treasury',
    asset: 'CNY',
    amount,
    ...(memo ? { memo } : {}),
  });

  before(async () => {
    // An encrypted keystore holding jhcb-treasury-1's key, as a member would keep it instead of a plain file.
    const dev = JSON.parse(readFileSync(path.join(homePaths(net.home).signatoryKeys, 'jhcb-treasury-1.json'), 'utf8'));
    createKeystore(path.join(keyFolders(net.home).software, 'jhcb-treasury-1-ks.json'), {
      label: 'jhcb-treasury-1-ks',
      scheme: 'ed25519',
      passphrase: PASSPHRASE,
      kdf: { N: 2 ** 14 },
      secretKey: hexToBytesStrict(dev.secretKey),
    });
    node = await startQuietNode(net.home);
    const token = readFileSync(path.join(net.home, 'api-token'), 'utf8').trim();
    api = createApiClient({ url: node.endpoint!.url, token, timeoutMs: 60_000 });
  });
  after(async () => {
    await node.close();
    net.cleanup();
  });

  it('lists the keys of the home with whose signatory each is, never a secret', async () => {
    const signers = await call<SignerJson[]>('signer.list', {});
    assert.equal(signers.length, 10);
    const ks = signers.find((s) => s.label === 'jhcb-treasury-1-ks')!;
    assert.equal(ks.kind, 'software');
    assert.equal(ks.secret, 'passphrase');
    assert.equal(ks.signatory?.name, 'jhcb-treasury-1');
    const dev = signers.find((s) => s.label === 'hbsec-operations-1')!;
    assert.deepEqual([dev.kind, dev.secret, dev.signatory?.name], ['dev', 'none', 'hbsec-operations-1']);
    assert.ok(!JSON.stringify(signers).includes('secretKey'));
  });

  it('proposes without approving, then executes a 2-of-3 transfer with two other approvals', async () => {
    const before = [await balance('jhcb.treasury', 'CNY'), await balance('hbsec.treasury', 'CNY')];
    const proposed = await call<SignedJson>('proposal.propose', {
      signer: 'jhcb-operations-1',
      action: transfer('125000', 'invoice 7'),
      expiresInMs: 3_600_000,
      approve: false,
    });
    assert.equal(proposed.status, 'pending');
    assert.equal(proposed.progress[0]?.weight, 0);

    const inbox = await call<InboxItemJson[]>('proposal.inbox', {});
    const item = inbox.find((i) => i.proposal.id === proposed.proposal)!;
    assert.deepEqual(item.awaiting, ['jhcb-operations-1', 'jhcb-treasury-1', 'jhcb-treasury-1-ks', 'jhcb-treasury-2']);
    assert.match(
      item.description,
      /Transfer 1250\.00 CNY \(125000 minor units\) from jhcb\.treasury to hbsec\.treasury/,
    );

    const first = await call<SignedJson>('proposal.approve', { signer: 'jhcb-treasury-1', id: proposed.proposal });
    assert.equal(first.status, 'pending');
    assert.equal(first.progress[0]?.weight, 1);
    const second = await call<SignedJson>('proposal.approve', { signer: 'jhcb-treasury-2', id: proposed.proposal });
    assert.equal(second.status, 'executed');
    assert.ok(second.height > first.height);
    assert.equal(await balance('jhcb.treasury', 'CNY'), before[0]! - 125000n);
    assert.equal(await balance('hbsec.treasury', 'CNY'), before[1]! + 125000n);
    const after = await call<InboxItemJson[]>('proposal.inbox', {});
    assert.ok(!after.some((i) => i.proposal.id === proposed.proposal));
  });

  it('opens a keystore key only with its passphrase, and refuses a wrong one without signing', async () => {
    const proposed = await call<SignedJson>('proposal.propose', {
      signer: 'jhcb-treasury-2',
      action: transfer('100'),
      expiresInMs: 3_600_000,
      approve: true,
    });
    const height = (await call<{ height: number }>('node.status', {})).height;
    await assert.rejects(call('proposal.approve', { signer: 'jhcb-treasury-1-ks', id: proposed.proposal }), {
      code: 'SECRET_REQUIRED',
    });
    await assert.rejects(
      call('proposal.approve', { signer: 'jhcb-treasury-1-ks', id: proposed.proposal, secret: 'not the passphrase' }),
      { code: 'KEYSTORE_BAD_PASSPHRASE' },
    );
    assert.equal((await call<{ height: number }>('node.status', {})).height, height, 'nothing was submitted');
    const done = await call<SignedJson>('proposal.approve', {
      signer: 'jhcb-treasury-1-ks',
      id: proposed.proposal,
      secret: PASSPHRASE,
    });
    assert.equal(done.status, 'executed');
  });

  it('rejects with a reason and cancels as the proposer, and reports ledger refusals with their code', async () => {
    const a = await call<SignedJson>('proposal.propose', {
      signer: 'jhcb-treasury-1',
      action: transfer('200'),
      expiresInMs: 3_600_000,
      approve: true,
    });
    const rejected = await call<SignedJson>('proposal.reject', {
      signer: 'jhcb-operations-1',
      id: a.proposal,
      reason: 'not in the payment plan',
    });
    assert.equal(rejected.progress[0]?.signatories.find((s) => s.name === 'jhcb-operations-1')?.status, 'rejected');
    const cancelled = await call<SignedJson>('proposal.cancel', { signer: 'jhcb-treasury-1', id: a.proposal });
    assert.equal(cancelled.status, 'cancelled');
    const detail = await call<{ trail: { event: { type: string; reason?: string } }[] }>('proposal.get', {
      id: a.proposal,
    });
    assert.deepEqual(
      detail.trail.map((e) => e.event.type),
      ['proposal.created', 'proposal.approved', 'proposal.rejected', 'proposal.cancelled'],
    );
    // Approving a closed proposal is the ledger's refusal, with its code.
    const refused = await call('proposal.approve', { signer: 'jhcb-treasury-2', id: a.proposal }).catch((e) => e);
    assert.ok(refused instanceof ApiCallError);
    assert.notEqual(refused.code, 'INTERNAL_ERROR');
  });

  it('refuses an unknown key and a signer of another member’s account', async () => {
    await assert.rejects(
      call('proposal.propose', { signer: 'nobody', action: transfer('1'), expiresInMs: 3_600_000, approve: true }),
      { code: 'UNKNOWN_SIGNER' },
    );
    const refused = await call('proposal.propose', {
      signer: 'lotus-treasury-1',
      action: transfer('1'),
      expiresInMs: 3_600_000,
      approve: true,
    }).catch((e) => e);
    assert.ok(refused instanceof ApiCallError && refused.code !== 'INTERNAL_ERROR', String(refused));
  });

  it('imports an offline approval file exactly as written, and refuses one changed by a byte', async () => {
    const proposed = await call<SignedJson>('proposal.propose', {
      signer: 'hbsec-treasury-1',
      action: { ...transfer('300'), from: 'hbsec.treasury', to: 'jhcb.treasury' },
      expiresInMs: 3_600_000,
      approve: true,
    });
    const request = await call<Parameters<typeof signRequest>[0]>('proposal.signingRequest', { id: proposed.proposal });
    const approval = await signRequest(request, net.signer('hbsec-treasury-2'), BigInt(Date.now()));
    const text = await offlineText(approval);
    await assert.rejects(call('proposal.importApproval', { file: text.replace('"version": 1', '"version":  1') }), {
      code: 'OFFLINE_FILE_MODIFIED',
    });
    const imported = await call<SignedJson>('proposal.importApproval', { file: text });
    assert.equal(imported.status, 'executed');
  });
});

/** The text writeOfflineFile writes, without touching the disk twice. */
async function offlineText(content: object): Promise<string> {
  const { writeOfflineFile } = await import('../../../main/node/offline/files.ts');
  const { mkdtempSync, rmSync } = await import('node:fs');
  const os = await import('node:os');
  const dir = mkdtempSync(path.join(os.tmpdir(), 'countersign-approval-'));
  try {
    const file = path.join(dir, 'approval.json');
    writeOfflineFile(file, content);
    return readFileSync(file, 'utf8');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
