import { readFileSync, writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import type { Account, Action, Asset, Instruction } from '../../../../shared/domain/index.ts';
import { buildPacs002, Iso20022Error, pacs009ToInstructions, parsePacs009 } from '../../iso20022/index.ts';
import { apiClientFor, CliError } from '../context.ts';
import { toJson } from '../json.ts';
import { addSignerOptions, openSignerFromOptions, release, type SignerOptions } from '../signers.ts';
import { duration, instructionOrNull, proposeAll } from './settlement-submit.ts';

/** `settlement import FILE.xml` (pacs.009 → instructions) and `settlement export-status --out FILE.xml` (pacs.002). */
export function registerSettlementIsoCommands(settlement: Command): void {
  addSignerOptions(
    settlement
      .command('import')
      .description(
        'import a pacs.009.001.08 file as payment instructions: the whole file is checked first (a problem is ' +
          'refused naming its element), then every instruction is proposed in one transaction',
      )
      .argument('<file>', 'pacs.009 XML file'),
    { homeRequired: true },
  )
    .option('--mode <mode>', 'rtgs | deferred-net, for transactions without SttlmTmReq/FrTm', 'rtgs')
    .option('--priority <priority>', 'urgent | normal, for transactions without SttlmPrty', 'normal')
    .option('--approval-window <duration>', 'how long the proposals collect approvals (90m, 24h, 7d)', '24h')
    .option('--dry-run', 'check and map the file, print the instructions, submit nothing')
    .action(
      async (
        file: string,
        opts: SignerOptions & {
          home: string;
          mode: string;
          priority: string;
          approvalWindow: string;
          dryRun?: boolean;
        },
      ) => {
        if (opts.mode !== 'rtgs' && opts.mode !== 'deferred-net') {
          throw new CliError('BAD_ARGUMENT', `--mode must be rtgs or deferred-net, got "${opts.mode}"`);
        }
        if (opts.priority !== 'urgent' && opts.priority !== 'normal') {
          throw new CliError('BAD_ARGUMENT', `--priority must be urgent or normal, got "${opts.priority}"`);
        }
        let text: string;
        try {
          text = readFileSync(file, 'utf8');
        } catch (err) {
          throw new CliError('FILE_UNREADABLE', `cannot read ${file}: ${(err as Error).message}`);
        }
        const { client, home, chainId } = apiClientFor(opts.home);
        const accounts = new Map(
          ((await client.call('account.list', {})) as Account[]).map((a) => [a.id as string, a]),
        );
        const assets = (await client.call('asset.list', {})) as Asset[];
        const instructions = inFile(file, () =>
          pacs009ToInstructions(
            parsePacs009(text),
            { account: (id) => accounts.get(id), assets: () => assets },
            { mode: opts.mode as 'rtgs' | 'deferred-net', priority: opts.priority as 'urgent' | 'normal' },
          ),
        );
        // The ledger would refuse a duplicate when the proposal executes; refuse the whole file before that.
        for (const i of instructions) {
          if (await instructionOrNull(client, i.instruction)) {
            throw new CliError('ALREADY_EXISTS', `${file}: instruction "${i.instruction}" is already on the ledger`);
          }
        }
        if (opts.dryRun) {
          console.log(toJson({ file, instructions }));
          return;
        }
        const signer = await openSignerFromOptions({ ...opts, home });
        try {
          const actions = instructions.map((i) => ({ action: i as Action, account: i.legs[0]!.from as string }));
          const done = await proposeAll(
            client,
            chainId,
            signer,
            actions,
            duration(opts.approvalWindow, '--approval-window'),
          );
          console.log(
            toJson({
              file,
              tx: done.tx,
              height: done.height,
              instructions: instructions.map((i, n) => ({ instruction: i.instruction, proposal: done.proposals[n] })),
            }),
          );
        } finally {
          release(signer);
        }
      },
    );

  settlement
    .command('export-status')
    .description(
      'write a pacs.002.001.10 status report: ACSC for settled payments (RJCT for cancelled and expired with --include-rejected)',
    )
    .requiredOption('--home <dir>', 'node home or network directory')
    .requiredOption('--out <file>', 'where to write the XML')
    .option('--include-rejected', 'also report cancelled and expired payments as RJCT')
    .option('--msg-id <id>', "the report's GrpHdr/MsgId (at most 35 characters)")
    .action(async (opts: { home: string; out: string; includeRejected?: boolean; msgId?: string }) => {
      const now = BigInt(Date.now());
      const msgId = opts.msgId ?? `CSSTS${now}`;
      if (msgId.length < 1 || msgId.length > 35)
        throw new CliError('BAD_ARGUMENT', '--msg-id must be 1 to 35 characters');
      const { client } = apiClientFor(opts.home);
      const statuses = opts.includeRejected ? ['settled', 'cancelled', 'expired'] : ['settled'];
      const instructions: Instruction[] = [];
      for (const status of statuses) {
        const queue = (await client.call('settlement.queue', { status, limit: 500 } as never)) as {
          instructions: Instruction[];
        };
        instructions.push(...queue.instructions.map(fromJson));
      }
      instructions.sort((a, b) => (a.seq < b.seq ? -1 : a.seq > b.seq ? 1 : 0));
      const assets = new Map(((await client.call('asset.list', {})) as Asset[]).map((a) => [a.id as string, a]));
      const xml = buildPacs002(instructions, { msgId, createdAt: now, assets });
      writeFileSync(opts.out, xml);
      const reported = instructions.filter((i) => i.kind === 'payment');
      console.log(toJson({ out: opts.out, msgId, reported: reported.length }));
    });
}

/** Iso20022Error names the element; the CLI adds the file. */
function inFile<T>(file: string, work: () => T): T {
  try {
    return work();
  } catch (err) {
    if (err instanceof Iso20022Error) throw new CliError(err.code, `${file}: ${err.message}`);
    throw err;
  }
}

/** The API's JSON (amounts and times as strings) back into an Instruction's bigints. */
function fromJson(i: Instruction): Instruction {
  const big = (v: unknown) => BigInt(v as string);
  return {
    ...i,
    seq: big(i.seq),
    legs: i.legs.map((l) => ({ ...l, amount: big(l.amount) })),
    submitted: { ...i.submitted, time: big(i.submitted.time) },
    ...(i.closed && { closed: { ...i.closed, time: big(i.closed.time) } }),
  } as Instruction;
}
