import type { Command } from 'commander';
import { formatAmount, parseAmount } from '../../../../shared/finance/index.ts';
import { approveOp, buildTx, proposeOp } from '../../client/build-tx.ts';
import { apiClientFor, CliError, waitForTx } from '../context.ts';
import { addSignerOptions, openSignerFromOptions, release, type SignerOptions } from '../signers.ts';
import { findHomeKey } from '../../signer/registry.ts';
import { toJson } from '../json.ts';
import type { Action } from '../../../../shared/domain/index.ts';

const HOUR_MS = 3_600_000n;

/** "90m", "24h", "7d" → milliseconds. */
function duration(text: string): bigint {
  const m = /^(\d+)(m|h|d)$/.exec(text);
  if (!m) throw new CliError('BAD_ARGUMENT', `duration must look like 90m, 24h or 7d, got "${text}"`);
  const unit = { m: 60_000n, h: HOUR_MS, d: 24n * HOUR_MS }[m[2] as 'm' | 'h' | 'd'];
  return BigInt(m[1]!) * unit;
}

export function registerLedgerCommands(program: Command): void {
  program
    .command('block')
    .description('print a block as JSON')
    .argument('<height>', 'block height')
    .requiredOption('--home <dir>', 'node home or network directory')
    .action(async (height: string, opts: { home: string }) => {
      const h = Number(height);
      if (!Number.isInteger(h) || h < 1)
        throw new CliError('BAD_ARGUMENT', `height must be a whole number ≥ 1, got "${height}"`);
      const { client } = apiClientFor(opts.home);
      const { hash, header, txs, ...rest } = (await client.call('block.get', { height: h })) as {
        header: { appHash: string };
        hash: string;
        txs: unknown[];
      };
      console.log(toJson({ height: h, hash, appHash: header.appHash, txCount: txs.length, header, ...rest, txs }));
    });

  program
    .command('balance')
    .description("print an account's balances")
    .argument('<account>', 'account id, e.g. jhcb.treasury')
    .requiredOption('--home <dir>', 'node home or network directory')
    .action(async (account: string, opts: { home: string }) => {
      const { client } = apiClientFor(opts.home);
      const list = (await client.call('account.balances', { account })) as {
        asset: string;
        amount: string;
        decimals: number;
      }[];
      console.log(
        toJson({
          account,
          balances: list.map((b) => ({ ...b, formatted: formatAmount(BigInt(b.amount), b.decimals) })),
        }),
      );
    });

  const propose = program.command('propose').description('propose an action for co-signing');
  addSignerOptions(
    propose
      .command('transfer')
      .description('propose a transfer; the proposer approves it at once, others approve with "countersign approve"'),
    { homeRequired: true },
  )
    .requiredOption('--from <account>', 'account to debit')
    .requiredOption('--to <account>', 'account to credit')
    .requiredOption('--asset <asset>', 'asset id, e.g. CNY')
    .requiredOption('--amount <decimal>', "amount in the asset's units, e.g. 1250.00")
    .option('--expires-in <duration>', 'how long approvals are collected (e.g. 90m, 24h, 7d)', '24h')
    .option('--memo <text>', 'a note carried with the transfer')
    .action(
      async (
        opts: SignerOptions & {
          home: string;
          from: string;
          to: string;
          asset: string;
          amount: string;
          expiresIn: string;
          memo?: string;
        },
      ) => {
        const { client, home, chainId } = apiClientFor(opts.home);
        const assets = (await client.call('asset.list', {})) as { id: string; decimals: number }[];
        const asset = assets.find((a) => a.id === opts.asset);
        if (!asset)
          throw new CliError(
            'UNKNOWN_ASSET',
            `asset "${opts.asset}" does not exist; known: ${assets.map((a) => a.id).join(', ')}`,
          );
        const amount = parseAmount(opts.amount, asset.decimals, '--amount');
        const signer = await openSignerFromOptions({ ...opts, home });
        const now = BigInt(Date.now());
        const action = {
          type: 'transfer',
          from: opts.from,
          to: opts.to,
          asset: opts.asset,
          amount,
          ...(opts.memo !== undefined && { memo: opts.memo }),
        } as Action;
        const { op, proposalId } = await proposeOp(chainId, action, signer, {
          account: opts.from,
          expiresAt: now + duration(opts.expiresIn),
        });
        const built = await buildTx(chainId, [op], [signer], { now });
        release(signer);
        await client.call('tx.submit', { tx: Buffer.from(built.encoded).toString('hex') });
        const result = await waitForTx(client, built.id);
        if (result.code !== 'OK') throw new CliError(result.code, result.message ?? 'the proposal was refused');
        const shown = (await client.call('proposal.get', { id: proposalId })) as {
          proposal: { status: string };
          progress: unknown;
        };
        console.log(
          toJson({
            proposal: proposalId,
            tx: built.id,
            height: result.height,
            status: shown.proposal.status,
            progress: shown.progress,
          }),
        );
      },
    );

  addSignerOptions(
    program
      .command('approve')
      .description('approve a proposal as a signatory')
      .argument('<proposal>', 'proposal id (64 hex digits)'),
    { homeRequired: true },
  ).action(async (proposal: string, opts: SignerOptions & { home: string }) => {
    if (!/^[0-9a-f]{64}$/.test(proposal))
      throw new CliError('BAD_ARGUMENT', 'proposal id must be 64 lower-case hex digits');
    const { client, home, chainId } = apiClientFor(opts.home);
    const signer = await openSignerFromOptions({ ...opts, home });
    const built = await buildTx(chainId, [await approveOp(proposal, signer)], [signer], { now: BigInt(Date.now()) });
    release(signer);
    await client.call('tx.submit', { tx: Buffer.from(built.encoded).toString('hex') });
    const result = await waitForTx(client, built.id);
    if (result.code !== 'OK') throw new CliError(result.code, result.message ?? 'the approval was refused');
    const shown = (await client.call('proposal.get', { id: proposal })) as {
      proposal: { status: string };
      progress: unknown;
    };
    console.log(
      toJson({
        proposal,
        tx: built.id,
        height: result.height,
        status: shown.proposal.status,
        progress: shown.progress,
      }),
    );
  });

  const proposalCmd = program.command('proposal').description('inspect proposals');
  proposalCmd
    .command('show')
    .description('a proposal with its approvals, progress and full trail')
    .argument('<proposal>', 'proposal id')
    .requiredOption('--home <dir>', 'node home or network directory')
    .action(async (proposal: string, opts: { home: string }) => {
      const { client } = apiClientFor(opts.home);
      console.log(toJson(await client.call('proposal.get', { id: proposal })));
    });
  proposalCmd
    .command('list')
    .description('proposals, newest first')
    .requiredOption('--home <dir>', 'node home or network directory')
    .option('--status <status>', 'pending | executed | failed | rejected | cancelled | expired')
    .option('--awaiting <label>', 'only those this signatory (a key in the home) can still approve')
    .action(async (opts: { home: string; status?: string; awaiting?: string }) => {
      const { client, home } = apiClientFor(opts.home);
      const params = {
        ...(opts.status !== undefined && { status: opts.status }),
        ...(opts.awaiting !== undefined && { awaiting: findHomeKey(home, opts.awaiting).id }),
      };
      console.log(toJson(await client.call('proposal.list', params as never)));
    });
}
