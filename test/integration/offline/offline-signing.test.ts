import assert from 'node:assert/strict';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { approvalFileSchema, signingRequestSchema, type SigningRequestFile } from '../../../shared/domain/index.ts';
import { createApiClient, type ApiClient } from '../../../main/node/api/index.ts';
import { buildTx, proposeOp } from '../../../main/node/client/build-tx.ts';
import { homePaths } from '../../../main/node/home/layout.ts';
import type { CountersignNode } from '../../../main/node/node.ts';
import { OfflineError } from '../../../main/node/offline/errors.ts';
import { readOfflineFile, writeOfflineFile } from '../../../main/node/offline/files.ts';
import { checkApprovalFile, openRequest, signRequest } from '../../../main/node/offline/signing.ts';
import { makeDemoNetwork, startQuietNode } from '../../helpers/devnet.ts';
import { countersignFails, countersignRaw } from '../../helpers/cli.ts';

describe('offline signing: export a request, sign it in another process with only the key, import the answer', () => {
  const net = makeDemoNetwork({ blockIntervalMs: 30 });
  const offline = mkdtempSync(path.join(os.tmpdir(), 'countersign-offline-'));
  let node: CountersignNode;
  let client: ApiClient;
  let proposal: string;

  before(async () => {
    node = await startQuietNode(net.home);
    client = createApiClient({
      url: node.endpoint!.url,
      token: readFileSync(path.join(net.home, 'api-token'), 'utf8').trim(),
    });
    const proposer = net.signer('lotus-treasury-1');
    const now = BigInt(Date.now());
    const action = {
      type: 'transfer',
      from: 'lotus.treasury',
      to: 'jhcb.treasury',
      asset: 'HKD',
      amount: 99_50n,
    } as never;
    const proposed = await proposeOp(node.genesis.chainId, action, proposer, {
      account: 'lotus.treasury',
      expiresAt: now + 3_600_000n,
    });
    const tx = await buildTx(node.genesis.chainId, [proposed.op], [proposer], { now });
    await node.mempool.admit(tx.encoded);
    node.produceBlock();
    proposal = proposed.proposalId;
    // The offline machine gets the signer's key file and nothing else.
    copyFileSync(path.join(homePaths(net.home).signatoryKeys, 'lotus-treasury-2.json'), path.join(offline, 'key.json'));
  });
  after(async () => {
    await node.close();
    net.cleanup();
    rmSync(offline, { recursive: true, force: true });
  });

  const request = () => path.join(offline, 'request.json');
  const answer = () => path.join(offline, 'approval.json');

  it('round trip: the proposal executes when the imported approval completes its policy', async () => {
    const req = (await client.call('proposal.signingRequest', { id: proposal })) as Omit<SigningRequestFile, 'digest'>;
    writeOfflineFile(request(), req);
    assert.match(
      req.summary.lines[0]!,
      /^Transfer 99.50 HKD \(9950 minor units\) from lotus.treasury to jhcb.treasury$/,
    );

    // Signed in a separate process that has no node, no home and no network: just the request and the key.
    const signed = await countersignRaw([
      'request',
      'sign',
      request(),
      '--key-file',
      path.join(offline, 'key.json'),
      '--out',
      answer(),
      '--yes',
    ]);
    assert.match(signed.stderr, /What the signed bytes say: Transfer 99.50 HKD/);

    const approval = readOfflineFile(answer(), approvalFileSchema, 'approval file');
    const { encodedTx } = checkApprovalFile(approval, node.genesis.chainId);
    await node.mempool.admit(encodedTx);
    const block = node.produceBlock()!;
    assert.equal(block.results[0]!.code, 'OK');
    const shown = (await client.call('proposal.get', { id: proposal })) as { proposal: { status: string } };
    assert.equal(shown.proposal.status, 'executed');
  });

  /** Every byte of the file, changed in two ways: each variant must be refused with an OfflineError and a reason. */
  function everyByteFlipIsRefused(file: string, check: (file: string) => unknown) {
    const original = readFileSync(file);
    const mutated = path.join(offline, 'mutated.json');
    let refused = 0;
    for (let i = 0; i < original.length; i++) {
      for (const mask of [0x01, 0x20]) {
        const bytes = Buffer.from(original);
        bytes[i]! ^= mask;
        writeFileSync(mutated, bytes);
        assert.throws(
          () => check(mutated),
          (err: unknown) => err instanceof OfflineError && err.message.length > 10,
          `byte ${i} ^ ${mask} was accepted`,
        );
        refused++;
      }
    }
    return refused;
  }

  it('a request with any byte changed is refused, with the reason', (t) => {
    const n = everyByteFlipIsRefused(request(), (f) =>
      openRequest(readOfflineFile(f, signingRequestSchema, 'signing request')),
    );
    t.diagnostic(`${n} altered requests refused`);
  });

  it('an approval file with any byte changed is refused, with the reason', (t) => {
    const n = everyByteFlipIsRefused(answer(), (f) =>
      checkApprovalFile(readOfflineFile(f, approvalFileSchema, 'approval file'), node.genesis.chainId),
    );
    t.diagnostic(`${n} altered approval files refused`);
  });

  it('an approval for another chain is refused', () => {
    const approval = readOfflineFile(answer(), approvalFileSchema, 'approval file');
    assert.throws(
      () => checkApprovalFile(approval, 'another-chain'),
      (e: unknown) => e instanceof OfflineError && e.code === 'OFFLINE_WRONG_CHAIN',
    );
  });

  it('import refuses a key outside the policy, and a proposal that is no longer pending', async () => {
    const importFails = async (file: string) =>
      (await countersignFails(['request', 'import', file, '--home', net.home])).stderr;
    // A fresh pending proposal, and a valid approval for it by a signatory of another member.
    const proposer = net.signer('lotus-treasury-1');
    const now = BigInt(Date.now());
    const action = { type: 'transfer', from: 'lotus.treasury', to: 'jhcb.treasury', asset: 'HKD', amount: 1n } as never;
    const p = await proposeOp(node.genesis.chainId, action, proposer, {
      account: 'lotus.treasury',
      expiresAt: now + 3_600_000n,
    });
    await node.mempool.admit((await buildTx(node.genesis.chainId, [p.op], [proposer], { now })).encoded);
    node.produceBlock();
    const req = (await client.call('proposal.signingRequest', { id: p.proposalId })) as Omit<
      SigningRequestFile,
      'digest'
    >;
    const outsider = path.join(offline, 'outsider.json');
    writeOfflineFile(outsider, await signRequest(req, net.signer('jhcb-treasury-1'), now));
    assert.match(await importFails(outsider), /OFFLINE_NOT_A_SIGNATORY/);
    // The first proposal executed in the round trip: its approval cannot be imported again.
    assert.match(await importFails(answer()), /OFFLINE_PROPOSAL_CLOSED/);
  });
});
