import type { Command } from 'commander';
import { parseAmount } from '../../../../shared/finance/index.ts';
import type { Action } from '../../../../shared/domain/index.ts';
import type { ApiClient } from '../../api/index.ts';
import { apiClientFor, CliError } from '../context.ts';
import { toJson } from '../json.ts';
import { addSignerOptions, openSignerFromOptions, release, type SignerOptions } from '../signers.ts';
import { registerSettlementIsoCommands } from './settlement-iso-commands.ts';
import { blockTime, duration, instructionOrNull, proposeAll } from './settlement-submit.ts';

const MODES = ['rtgs', 'scheduled', 'deferred-net'] as const;
const PRIORITIES = ['urgent', 'normal'] as const;
const STATUSES = ['queued', 'held', 'settled', 'cancelled', 'expired'] as const;

function oneOf<T extends string>(value: string, allowed: readonly T[], what: string): T {
  if (!(allowed as readonly string[]).includes(value)) {
    throw new CliError('BAD_ARGUMENT', `${what} must be one of ${allowed.join(', ')}, got "${value}"`);
  }
  return value as T;
}

async function assetDecimals(client: ApiClient, asset: string, what: string): Promise<number> {
  const assets = (await client.call('asset.list', {})) as { id: string; decimals: number }[];
  const found = assets.find((a) => a.id === asset);
  if (!found) {
    throw new CliError(
      'UNKNOWN_ASSET',
      `${what}: asset "${asset}" does not exist; known: ${assets.map((a) => a.id).join(', ')}`,
    );
  }
  return found.decimals;
}

/** `countersign settlement ...`: the queue, instructions and queue actions (docs/settlement.md). */
export function registerSettlementCommands(program: Command): void {
  const settlement = program
    .command('settlement')
    .description('settlement instructions: RTGS, scheduled and deferred-net queues, DvP, ISO 20022 files');

  settlement
    .command('queue')
    .description("the queue as JSON: open instructions in queue order, each cycle's next cut-off and net positions")
    .requiredOption('--home <dir>', 'node home or network directory')
    .option('--mode <mode>', `only this mode: ${MODES.join(' | ')}`)
    .option('--status <status>', `instructions with this status instead of the open ones: ${STATUSES.join(' | ')}`)
    .option('--limit <n>', 'at most this many instructions (1-500)', '200')
    .action(async (opts: { home: string; mode?: string; status?: string; limit: string }) => {
      const limit = Number(opts.limit);
      if (!Number.isInteger(limit) || limit < 1 || limit > 500) {
        throw new CliError('BAD_ARGUMENT', `--limit must be a whole number from 1 to 500, got "${opts.limit}"`);
      }
      const params = {
        limit,
        ...(opts.mode !== undefined && { mode: oneOf(opts.mode, MODES, '--mode') }),
        ...(opts.status !== undefined && { status: oneOf(opts.status, STATUSES, '--status') }),
      };
      const { client } = apiClientFor(opts.home);
      console.log(toJson(await client.call('settlement.queue', params)));
    });

  settlement
    .command('show')
    .description('one instruction with its trail (submission, queue actions, waits, settlement)')
    .argument('<instruction>', 'instruction id')
    .requiredOption('--home <dir>', 'node home or network directory')
    .action(async (id: string, opts: { home: string }) => {
      const { client } = apiClientFor(opts.home);
      console.log(toJson(await client.call('settlement.instruction', { id })));
    });

  addSignerOptions(
    settlement
      .command('instruct')
      .description(
        'submit a payment (or, with --against-*, a DvP) instruction as a proposal the signer approves at once; ' +
          'it enters the queue when the debtor account\'s policy is met (co-signers: "countersign approve ID")',
      ),
    { homeRequired: true },
  )
    .requiredOption('--id <instruction>', 'instruction id: a-z, 0-9, ".", "_", "-" (unique on the ledger)')
    .requiredOption('--from <account>', 'debtor account (pays --amount of --asset)')
    .requiredOption('--to <account>', 'creditor account')
    .requiredOption('--asset <asset>', 'asset id, e.g. CNY')
    .requiredOption('--amount <decimal>', "amount in the asset's units, e.g. 1250.00")
    .option('--mode <mode>', MODES.join(' | '), 'rtgs')
    .option('--priority <priority>', PRIORITIES.join(' | '), 'normal')
    .option('--settle-at <time>', 'scheduled: when to settle; deferred-net: not before (ms, +90m or ISO date)')
    .option('--expires-at <time>', 'give up if not settled by then (ms, +90m or ISO date)')
    .option('--against-asset <asset>', 'DvP: the asset --to delivers to --from in exchange')
    .option('--against-amount <decimal>', 'DvP: how much of --against-asset')
    .option('--approval-window <duration>', 'how long the proposal collects approvals (90m, 24h, 7d)', '24h')
    .action(
      async (
        opts: SignerOptions & {
          home: string;
          id: string;
          from: string;
          to: string;
          asset: string;
          amount: string;
          mode: string;
          priority: string;
          settleAt?: string;
          expiresAt?: string;
          againstAsset?: string;
          againstAmount?: string;
          approvalWindow: string;
        },
      ) => {
        if ((opts.againstAsset === undefined) !== (opts.againstAmount === undefined)) {
          throw new CliError('BAD_ARGUMENT', 'a DvP needs both --against-asset and --against-amount');
        }
        const { client, home, chainId } = apiClientFor(opts.home);
        const now = BigInt(Date.now());
        const legs = [
          {
            from: opts.from,
            to: opts.to,
            asset: opts.asset,
            amount: parseAmount(opts.amount, await assetDecimals(client, opts.asset, '--asset'), '--amount'),
          },
        ];
        if (opts.againstAsset !== undefined) {
          const decimals = await assetDecimals(client, opts.againstAsset, '--against-asset');
          legs.push({
            from: opts.to,
            to: opts.from,
            asset: opts.againstAsset,
            amount: parseAmount(opts.againstAmount!, decimals, '--against-amount'),
          });
        }
        const action = {
          type: 'settlement.instruct',
          instruction: opts.id,
          mode: oneOf(opts.mode, MODES, '--mode'),
          priority: oneOf(opts.priority, PRIORITIES, '--priority'),
          legs,
          ...(opts.settleAt !== undefined && { settleAt: blockTime(opts.settleAt, '--settle-at', now) }),
          ...(opts.expiresAt !== undefined && { expiresAt: blockTime(opts.expiresAt, '--expires-at', now) }),
        } as Action;
        const window = duration(opts.approvalWindow, '--approval-window');
        const signer = await openSignerFromOptions({ ...opts, home });
        try {
          const done = await proposeAll(client, chainId, signer, [{ action, account: opts.from }], window);
          const instruction = await instructionOrNull(client, opts.id);
          console.log(
            toJson({
              instruction: opts.id,
              proposal: done.proposals[0],
              tx: done.tx,
              height: done.height,
              state: instruction,
            }),
          );
        } finally {
          release(signer);
        }
      },
    );

  for (const action of ['hold', 'release', 'cancel', 'reprioritise'] as const) {
    const cmd = addSignerOptions(
      settlement
        .command(action)
        .description(`${action} a queued instruction, under the debtor account's policy (as a proposal)`)
        .argument('<instruction>', 'instruction id'),
      { homeRequired: true },
    ).option('--approval-window <duration>', 'how long the proposal collects approvals (90m, 24h, 7d)', '24h');
    if (action === 'reprioritise') cmd.requiredOption('--priority <priority>', PRIORITIES.join(' | '));
    cmd.action(
      async (id: string, opts: SignerOptions & { home: string; approvalWindow: string; priority?: string }) => {
        const { client, home, chainId } = apiClientFor(opts.home);
        const current = await instructionOrNull(client, id);
        if (!current) throw new CliError('UNKNOWN_INSTRUCTION', `instruction "${id}" does not exist`);
        const debtor = (current['legs'] as { from: string }[])[0]!.from;
        const op = {
          type: 'settlement.action',
          instruction: id,
          action,
          ...(opts.priority !== undefined && { priority: oneOf(opts.priority, PRIORITIES, '--priority') }),
        } as Action;
        const window = duration(opts.approvalWindow, '--approval-window');
        const signer = await openSignerFromOptions({ ...opts, home });
        try {
          const done = await proposeAll(client, chainId, signer, [{ action: op, account: debtor }], window);
          const instruction = await instructionOrNull(client, id);
          console.log(
            toJson({
              instruction: id,
              action,
              proposal: done.proposals[0],
              tx: done.tx,
              height: done.height,
              state: instruction,
            }),
          );
        } finally {
          release(signer);
        }
      },
    );
  }

  registerSettlementIsoCommands(settlement);
}
