import assert from 'node:assert/strict';
import { readFileSync, statSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import type { CountersignNode } from '../../../main/node/node.ts';
import { makeDemoNetwork, startQuietNode } from '../../helpers/devnet.ts';
import { countersignRaw } from '../../helpers/cli.ts';

const PASSPHRASE = 'correct horse battery staple';

describe('encrypted keystore through the CLI', () => {
  const net = makeDemoNetwork({ blockIntervalMs: 30 });
  let node: CountersignNode;
  const cli = (passphrase: string, ...args: string[]) => countersignRaw(args, { COUNTERSIGN_PASSPHRASE: passphrase });

  before(async () => {
    node = await startQuietNode(net.home);
  });
  after(async () => {
    await node.close();
    net.cleanup();
  });

  it('creates a key whose file is owner-only and does not contain the key in the clear; keys list and show it', async () => {
    const created = JSON.parse(
      (await cli(PASSPHRASE, 'keys', 'create', '--home', net.home, '--label', 'alice', '--backend', 'software')).stdout,
    );
    assert.equal(created.backend, 'software');
    assert.equal(statSync(created.file).mode & 0o777, 0o600);
    assert.doesNotMatch(readFileSync(created.file, 'utf8'), /secretKey/);
    const listed = JSON.parse((await cli('', 'keys', 'list', '--home', net.home)).stdout) as {
      label: string;
      backend: string;
    }[];
    assert.ok(listed.some((k) => k.label === 'alice' && k.backend === 'software'));
    assert.ok(listed.some((k) => k.label === 'jhcb-treasury-1' && k.backend === 'dev-file'));
    const shown = JSON.parse((await cli('', 'keys', 'show', 'alice', '--home', net.home)).stdout);
    assert.equal(shown.id, created.id);
  });

  it('a wrong passphrase is refused; the right one unlocks (the node then refuses a key that is not a signatory)', async () => {
    const args = [
      'propose',
      'transfer',
      '--home',
      net.home,
      '--from',
      'jhcb.treasury',
      '--to',
      'hbsec.treasury',
      '--asset',
      'CNY',
      '--amount',
      '1.00',
      '--signer',
      'alice',
    ];
    const wrong = await cli('not the passphrase', ...args).then(
      () => assert.fail('accepted'),
      (e: { stderr: string }) => e.stderr,
    );
    assert.match(wrong, /KEYSTORE_BAD_PASSPHRASE/);
    const right = await cli(PASSPHRASE, ...args).then(
      () => assert.fail('accepted'),
      (e: { stderr: string }) => e.stderr,
    );
    assert.match(right, /TX_UNKNOWN_SIGNER/);
  });
});
