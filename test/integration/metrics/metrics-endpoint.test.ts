import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { createApiClient } from '../../../main/node/api/index.ts';
import { buildTx } from '../../../main/node/client/build-tx.ts';
import { createLogger } from '../../../main/node/log.ts';
import { CountersignNode } from '../../../main/node/node.ts';
import { makeDemoNetwork, startQuietNode } from '../../helpers/devnet.ts';

/** One sample line of the Prometheus text format: name{labels} value (prom-client writes NaN as "Nan", which Prometheus parses). */
const SAMPLE = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(\{[^}]*\})? (-?[0-9.e+-]+|NaN|Nan|[+-]Inf)$/;

function samples(text: string): Map<string, number> {
  const out = new Map<string, number>();
  for (const line of text.split('\n')) {
    if (line === '' || line.startsWith('#')) continue;
    const m = SAMPLE.exec(line);
    assert.ok(m, `not a Prometheus sample line: ${line}`);
    out.set(m[1]! + (m[2] ?? ''), Number(m[3]));
  }
  return out;
}

describe('metrics listener: /metrics, /healthz and /readyz of a real node', () => {
  // Blocks are produced explicitly (node.produceBlock) so nothing races the assertions.
  const net = makeDemoNetwork({ blockIntervalMs: 60_000 });
  let node: CountersignNode;
  let url: string;

  before(async () => {
    process.env['COUNTERSIGN_LOG'] ??= 'silent';
    node = await CountersignNode.start({
      home: net.home,
      apiPort: 0,
      log: createLogger('test'),
      metrics: { host: '127.0.0.1', port: 0 },
    });
    url = node.metricsUrl!;
  });
  after(async () => {
    await node.close();
    net.cleanup();
  });

  it('is off unless configured', async () => {
    const other = makeDemoNetwork({ blockIntervalMs: 60_000 });
    const plain = await startQuietNode(other.home);
    try {
      assert.equal(plain.metricsUrl, undefined);
    } finally {
      await plain.close();
      other.cleanup();
    }
  });

  it('serves the chain figures in the text format, every family with HELP and TYPE, countersign_ prefixed', async () => {
    const res = await fetch(`${url}/metrics`);
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-type') ?? '', /^text\/plain; version=0\.0\.4/);
    const text = await res.text();
    const s = samples(text);
    assert.equal(s.get('countersign_chain_height'), node.status().height);
    assert.equal(s.get('countersign_validators'), 1);
    assert.equal(s.get('countersign_mempool_transactions'), 0);
    assert.ok((s.get('countersign_db_size_bytes') ?? 0) > 0, 'the database has a size');
    assert.ok((s.get('countersign_disk_free_bytes') ?? 0) > 0, 'the disk has free space');
    const families = [...text.matchAll(/^# TYPE (\S+) (\S+)$/gm)].map((m) => m[1]!);
    assert.ok(families.length > 20, `expected many families, got ${families.length}`);
    for (const f of families) {
      assert.ok(f.startsWith('countersign_'), `${f} lacks the countersign_ prefix`);
      assert.ok(text.includes(`# HELP ${f} `), `${f} has no HELP`);
    }
    for (const name of s.keys()) assert.ok(name.startsWith('countersign_'), `${name} lacks the prefix`);
  });

  it('counts a committed block: transactions by result, per-block histogram, the new height', async () => {
    const tx = await buildTx(
      'countersign-test',
      [{ type: 'transfer', from: 'jhcb.treasury', to: 'hbsec.treasury', asset: 'CNY', amount: 100n } as never],
      [net.signer('jhcb-treasury-1'), net.signer('jhcb-treasury-2')],
      { now: BigInt(Date.now()) },
    );
    await node.submitTx(tx.encoded);
    const before = samples(await (await fetch(`${url}/metrics`)).text());
    assert.equal(before.get('countersign_mempool_transactions'), 1);
    const block = node.produceBlock();
    assert.ok(block, 'a block was produced');
    const after = samples(await (await fetch(`${url}/metrics`)).text());
    assert.equal(after.get('countersign_chain_height'), block.block.header.height);
    assert.equal(after.get('countersign_transactions_committed_total{result="OK"}'), 1);
    assert.equal(after.get('countersign_block_transactions_count'), 1);
    assert.equal(after.get('countersign_block_transactions_sum'), 1);
    assert.equal(after.get('countersign_block_commit_latency_seconds_count'), 1);
    assert.equal(after.get('countersign_chain_last_block_timestamp_seconds'), Number(block.block.header.time) / 1000);
  });

  it('counts API calls by method and result, and refused transactions by reason', async () => {
    const token = readFileSync(path.join(net.home, 'api-token'), 'utf8').trim();
    const client = createApiClient({ url: node.endpoint!.url, token });
    await client.call('node.status', {});
    const tx = await buildTx(
      'another-chain',
      [{ type: 'transfer', from: 'jhcb.treasury', to: 'hbsec.treasury', asset: 'CNY', amount: 1n } as never],
      [net.signer('jhcb-treasury-1')],
      { now: BigInt(Date.now()) },
    );
    await assert.rejects(client.call('tx.submit', { tx: Buffer.from(tx.encoded).toString('hex') }));
    const s = samples(await (await fetch(`${url}/metrics`)).text());
    assert.equal(s.get('countersign_api_requests_total{method="node.status",result="ok"}'), 1);
    assert.equal(s.get('countersign_api_requests_total{method="tx.submit",result="TX_WRONG_CHAIN"}'), 1);
    assert.equal(s.get('countersign_mempool_refused_total{reason="TX_WRONG_CHAIN"}'), 1);
  });

  it('/healthz answers ok; /readyz says ready with no reasons; other paths and methods are refused', async () => {
    const health = await fetch(`${url}/healthz`);
    assert.equal(health.status, 200);
    assert.deepEqual(await health.json(), { status: 'ok' });
    const ready = await fetch(`${url}/readyz`);
    assert.equal(ready.status, 200);
    assert.deepEqual(await ready.json(), { ready: true, reasons: [] });
    assert.equal((await fetch(`${url}/api`)).status, 404);
    assert.equal((await fetch(`${url}/metrics`, { method: 'POST' })).status, 405);
  });
});
