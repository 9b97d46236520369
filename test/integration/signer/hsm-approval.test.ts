import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { hexToBytesStrict, keyId } from '../../../shared/crypto/index.ts';
import { buildTx } from '../../../main/node/client/build-tx.ts';
import type { CountersignNode } from '../../../main/node/node.ts';
import { makeDemoNetwork, startQuietNode } from '../../helpers/devnet.ts';
import { countersign as cli, countersignFails, countersignRaw } from '../../helpers/cli.ts';
import { createSoftHsmToken, type SoftHsmToken } from '../../helpers/softhsm.ts';

describe('hardware keys on a running devnet: keys generated on a SoftHSM2 token approve a real proposal', () => {
  const net = makeDemoNetwork({ blockIntervalMs: 30 });
  let token: SoftHsmToken;
  let node: CountersignNode;

  /** Runs the CLI with the token's PIN in its environment (SOFTHSM2_CONF is already in ours); returns its JSON. */
  const countersign = (...args: string[]) => cli(args, { COUNTERSIGN_PIN: token.pin });

  before(async () => {
    token = createSoftHsmToken({ label: 'treasury-hsm' });
    node = await startQuietNode(net.home);
  });
  after(async () => {
    await node.close();
    net.cleanup();
    token.cleanup();
  });

  it('keys pkcs11 slots lists the token', async () => {
    const { stdout } = await countersignRaw(['keys', 'pkcs11', 'slots', '--module', token.modulePath]);
    const slots = JSON.parse(stdout) as { token: { label: string } | null }[];
    assert.ok(slots.some((s) => s.token?.label === 'treasury-hsm'));
  });

  it('P-256 and Ed25519 keys generated on the token become signatories and co-sign a transfer that executes', async () => {
    const p256 = await countersign(
      'keys',
      'create',
      '--home',
      net.home,
      '--backend',
      'pkcs11',
      '--token',
      'treasury-hsm',
      '--module',
      token.modulePath,
      '--label',
      'hsm-p256',
      '--scheme',
      'p256',
    );
    const ed = await countersign(
      'keys',
      'create',
      '--home',
      net.home,
      '--backend',
      'pkcs11',
      '--token',
      'treasury-hsm',
      '--module',
      token.modulePath,
      '--label',
      'hsm-ed25519',
      '--scheme',
      'ed25519',
    );
    assert.equal(p256['backend'], 'pkcs11');
    assert.equal(keyId(hexToBytesStrict(p256['publicKey'] as string)), p256['id']);

    // Governance (two operations officers) registers the hardware keys and puts them on Jinhua's treasury account.
    const member = node.genesis.members[0]!.id;
    const now = BigInt(Date.now());
    const ops = [
      {
        type: 'signatory.add',
        publicKey: hexToBytesStrict(p256['publicKey'] as string),
        member,
        name: 'hsm-p256',
        roles: ['treasury'],
      },
      {
        type: 'signatory.add',
        publicKey: hexToBytesStrict(ed['publicKey'] as string),
        member,
        name: 'hsm-ed25519',
        roles: ['treasury'],
      },
      {
        type: 'policy.set',
        account: 'jhcb.treasury',
        policy: {
          signatories: [
            { signatory: p256['id'], weight: 1 },
            { signatory: ed['id'], weight: 1 },
          ],
          threshold: 2,
        },
      },
    ] as never[];
    const gov = await buildTx(
      node.genesis.chainId,
      ops,
      [net.signer('jhcb-operations-1'), net.signer('hbsec-operations-1')],
      { now },
    );
    await node.mempool.admit(gov.encoded);
    assert.equal(node.produceBlock()!.results[0]!.code, 'OK');

    // Propose with the P-256 key, approve with the Ed25519 key: both sign on the token, through the CLI.
    const proposed = await countersign(
      'propose',
      'transfer',
      '--home',
      net.home,
      '--from',
      'jhcb.treasury',
      '--to',
      'lotus.treasury',
      '--asset',
      'CNY',
      '--amount',
      '500.00',
      '--signer',
      'hsm-p256',
    );
    assert.equal(proposed['status'], 'pending');
    const approved = await countersign(
      'approve',
      proposed['proposal'] as string,
      '--home',
      net.home,
      '--signer',
      'hsm-ed25519',
    );
    assert.equal(approved['status'], 'executed');
    const balance = await countersign('balance', 'lotus.treasury', '--home', net.home);
    const cny = (balance['balances'] as { asset: string; amount: string }[]).find((b) => b.asset === 'CNY')!;
    assert.equal(BigInt(cny.amount), 500_000_00n + 500_00n);
  });

  it('a wrong PIN is refused with a clear error and nothing is submitted', async () => {
    const height = node.status().height;
    const err = await countersignFails(['approve', 'ab'.repeat(32), '--home', net.home, '--signer', 'hsm-p256'], {
      COUNTERSIGN_PIN: '000000',
    });
    assert.equal(err.code, 1);
    assert.match(err.stderr, /wrong PIN for token "?'?treasury-hsm/i);
    assert.match(err.stderr, /PKCS11_PIN_INCORRECT/);
    assert.equal(node.status().height, height);
  });
});
