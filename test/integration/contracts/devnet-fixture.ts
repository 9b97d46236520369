import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { ContractDetailJson } from '../../../shared/api/index.ts';
import { operationSchema, type Operation } from '../../../shared/domain/index.ts';
import { createApiClient, type ApiClient } from '../../../main/node/api/index.ts';
import { approveOp, buildTx, proposeOp } from '../../../main/node/client/build-tx.ts';
import { waitForTx } from '../../../main/node/cli/context.ts';
import { createLogger } from '../../../main/node/log.ts';
import { CountersignNode } from '../../../main/node/node.ts';
import { makeDemoNetwork } from '../../helpers/devnet.ts';

/**
 * A running devnet (the demo consortium: jhcb, hbsec and lotus, each with 2-of-3 treasury and issuance accounts)
 * and what the contract tests do through its API: submit signed transactions, propose and approve, read
 * contracts, balances and timelines. Blocks come from the node's own producer (every 50 ms, and in an empty block
 * whenever a contract step falls due), so timed steps happen on block time as they would in production.
 *
 * The node's clock is the wall clock plus an offset the test moves forward (`advance`): a contract due in a week
 * falls due when the test says so, without waiting and without racing a loaded machine. Transactions are built
 * on the same clock, so the node admits them.
 */
export class ContractsDevnet {
  readonly net = makeDemoNetwork({ blockIntervalMs: 50 });
  node!: CountersignNode;
  client!: ApiClient;
  private offset = 0n;

  async start(): Promise<void> {
    process.env['COUNTERSIGN_LOG'] ??= 'silent';
    this.node = await CountersignNode.start({
      home: this.net.home,
      apiPort: 0,
      log: createLogger('test'),
      now: () => this.now(),
    });
    const token = readFileSync(path.join(this.net.home, 'api-token'), 'utf8').trim();
    this.client = createApiClient({ url: this.node.endpoint!.url, token, timeoutMs: 15_000 });
  }

  async stop(): Promise<void> {
    await this.node.close();
    this.net.cleanup();
  }

  get chainId(): string {
    return this.node.genesis.chainId;
  }

  /** The node's clock: what the producer stamps blocks with, and what timed terms are aimed at. */
  now(): bigint {
    return BigInt(Date.now()) + this.offset;
  }

  /** Moves the node's clock forward: the next block is at least this much later. */
  advance(ms: bigint): void {
    this.offset += ms;
  }

  /** Submits operations signed by the given demo signatories; resolves with the committed result (must be OK). */
  async submit(ops: readonly unknown[], labels: readonly string[]): Promise<{ tx: string; height: number }> {
    const result = await this.trySubmit(ops, labels);
    assert.equal(result.code, 'OK', result.message);
    return result;
  }

  async trySubmit(
    ops: readonly unknown[],
    labels: readonly string[],
  ): Promise<{ tx: string; height: number; code: string; message?: string }> {
    const parsed = ops.map((o) => operationSchema.parse(o));
    const built = await buildTx(
      this.chainId,
      parsed,
      labels.map((l) => this.net.signer(l)),
      { now: this.now() },
    );
    await this.client.call('tx.submit', { tx: Buffer.from(built.encoded).toString('hex') });
    const { code, message, height } = await waitForTx(this.client, built.id);
    return { tx: built.id, height, code, ...(message !== undefined && { message }) };
  }

  /**
   * The multisig path: `proposer` proposes the action under `account` with its approval, `approver` approves; the
   * action executes in the approving block. Returns the approving transaction.
   */
  async proposeAndApprove(
    action: unknown,
    account: string,
    proposer: string,
    approver: string,
  ): Promise<{ proposal: string; tx: string; height: number }> {
    const { op, proposalId } = await proposeOp(
      this.chainId,
      operationSchema.parse(action) as Extract<Operation, { type: `contract.${string}` }>,
      this.net.signer(proposer),
      { account, expiresAt: this.now() + 3_600_000n },
    );
    await this.submit([op], [proposer]);
    const approved = await this.submit([await approveOp(proposalId, this.net.signer(approver))], [approver]);
    const shown = (await this.client.call('proposal.get', { id: proposalId })) as { proposal: { status: string } };
    assert.equal(shown.proposal.status, 'executed');
    return { proposal: proposalId, ...approved };
  }

  async contract(id: string): Promise<ContractDetailJson> {
    return (await this.client.call('contract.get', { id })) as ContractDetailJson;
  }

  /** Polls until the contract reaches `status` (its timed step happens in a block the producer makes for it). */
  async waitFor(id: string, status: string): Promise<ContractDetailJson> {
    return this.waitUntil(id, (d) => d.contract.status === status, `is ${status}`);
  }

  async waitUntil(
    id: string,
    done: (detail: ContractDetailJson) => boolean,
    what: string,
    timeoutMs = 20_000,
  ): Promise<ContractDetailJson> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const detail = await this.contract(id);
      if (done(detail)) return detail;
      if (Date.now() > deadline) assert.fail(`contract ${id} (${detail.contract.status}) never ${what}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  async balance(account: string, asset: string): Promise<bigint> {
    const list = (await this.client.call('account.balances', { account })) as { asset: string; amount: string }[];
    return BigInt(list.find((b) => b.asset === asset)?.amount ?? '0');
  }

  /** The two treasury officers of a demo member: enough for its 2-of-3 accounts. */
  static officers(member: 'jhcb' | 'hbsec' | 'lotus'): string[] {
    return [`${member}-treasury-1`, `${member}-treasury-2`];
  }
}

/**
 * Checks a timeline against the steps expected, in order: each `tx:TYPE` step has a transaction id and each
 * `block:TYPE` step is a block event (txId ""), every step has a block height and time, and heights never go back.
 */
export function assertTimeline(detail: ContractDetailJson, expected: readonly string[]): void {
  const steps = detail.timeline.map((e) => {
    const type = (e.event as { type: string }).type;
    return `${e.txId === '' ? 'block' : 'tx'}:${type}`;
  });
  assert.deepEqual(steps, expected);
  let height = 0;
  for (const e of detail.timeline) {
    assert.ok(e.height >= height, 'the timeline is in chain order');
    height = e.height;
    assert.match(e.txId, /^(?:[0-9a-f]{64})?$/);
    assert.match(e.time, /^\d+$/);
    assert.equal((e.event as { contract?: string }).contract, detail.contract.id);
  }
}
