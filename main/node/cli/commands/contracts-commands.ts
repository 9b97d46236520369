import { randomBytes } from 'node:crypto';
import type { Command } from 'commander';
import type { ContractDetailJson, ContractTemplateJson } from '../../../../shared/api/index.ts';
import { parseAmount } from '../../../../shared/finance/index.ts';
import type { Action } from '../../../../shared/domain/index.ts';
import type { ApiClient } from '../../api/index.ts';
import { buildTx, proposeOp } from '../../client/build-tx.ts';
import { apiClientFor, CliError, waitForTx } from '../context.ts';
import { toJson } from '../json.ts';
import { addSignerOptions, openSignerFromOptions, release, type SignerOptions } from '../signers.ts';

const UNITS = { s: 1000n, m: 60_000n, h: 3_600_000n, d: 86_400_000n } as const;

/** "90m", "24h", "7d", "30s" → ms; plain digits are ms already. */
function duration(text: string, what: string): bigint {
  if (/^\d+$/.test(text)) return BigInt(text);
  const m = /^(\d+)(s|m|h|d)$/.exec(text);
  if (!m)
    throw new CliError('BAD_ARGUMENT', `${what} must look like 30s, 90m, 24h, 7d or a number of ms, got "${text}"`);
  return BigInt(m[1]!) * UNITS[m[2] as keyof typeof UNITS];
}

/** A block time: ms since the epoch, "+90m"-style from now, or an ISO 8601 date. */
function time(text: string, what: string, now: bigint): bigint {
  if (/^\d+$/.test(text)) return BigInt(text);
  if (text.startsWith('+')) return now + duration(text.slice(1), what);
  const parsed = Date.parse(text);
  if (Number.isNaN(parsed)) {
    throw new CliError('BAD_ARGUMENT', `${what} must be ms since the epoch, +DURATION or an ISO date, got "${text}"`);
  }
  return BigInt(parsed);
}

function keyValue(text: string, what: string): [string, string] {
  const eq = text.indexOf('=');
  if (eq <= 0) throw new CliError('BAD_ARGUMENT', `${what} must look like name=value, got "${text}"`);
  return [text.slice(0, eq), text.slice(eq + 1)];
}

const collect = (value: string, previous: string[]) => [...previous, value];

/**
 * Turns `--term name=value` texts into the terms the ledger checks, by the template's term kinds: amounts in the
 * asset's units ("1250.00", by the decimals of the asset its spec names), times as ms / +90m / ISO dates,
 * durations as 90m / 7d / ms, counts as numbers, the rest as text.
 */
async function parseTerms(
  client: ApiClient,
  template: ContractTemplateJson,
  texts: readonly string[],
  now: bigint,
): Promise<Record<string, string | bigint>> {
  const raw = new Map(texts.map((t) => keyValue(t, '--term')));
  const terms: Record<string, string | bigint> = {};
  let decimals: Map<string, number> | undefined;
  for (const [name, value] of raw) {
    const spec = template.terms.find((t) => t.name === name) ?? (name === 'signBy' ? { kind: 'time' } : undefined);
    if (!spec) {
      const known = ['signBy', ...template.terms.map((t) => t.name)].join(', ');
      throw new CliError('BAD_TERMS', `${template.id} has no term "${name}"; its terms are ${known}`);
    }
    const what = `--term ${name}`;
    switch (spec.kind) {
      case 'amount': {
        const assetTerm = 'asset' in spec ? spec.asset : undefined;
        const asset = assetTerm !== undefined ? raw.get(assetTerm) : undefined;
        if (asset === undefined) throw new CliError('BAD_TERMS', `${what}: give its asset with --term ${assetTerm}=ID`);
        decimals ??= new Map(
          ((await client.call('asset.list', {})) as { id: string; decimals: number }[]).map((a) => [a.id, a.decimals]),
        );
        const d = decimals.get(asset);
        if (d === undefined) throw new CliError('UNKNOWN_ASSET', `${what}: asset "${asset}" does not exist`);
        terms[name] = parseAmount(value, d, what);
        break;
      }
      case 'time':
        terms[name] = time(value, what, now);
        break;
      case 'duration':
        terms[name] = duration(value, what);
        break;
      case 'count':
        if (!/^\d+$/.test(value)) throw new CliError('BAD_TERMS', `${what} must be a whole number`);
        terms[name] = BigInt(value);
        break;
      default:
        terms[name] = value;
    }
  }
  return terms;
}

async function findTemplate(client: ApiClient, spec: string, version?: string): Promise<ContractTemplateJson> {
  const [id, at] = spec.split('@');
  const wanted = version ?? at;
  const all = (await client.call('contract.templates', {})) as ContractTemplateJson[];
  const versions = all.filter((t) => t.id === id);
  if (versions.length === 0) {
    throw new CliError(
      'UNKNOWN_TEMPLATE',
      `no template "${id}"; known: ${[...new Set(all.map((t) => t.id))].join(', ')}`,
    );
  }
  const found =
    wanted === undefined
      ? versions.reduce((a, b) => (b.version > a.version ? b : a))
      : versions.find((t) => String(t.version) === wanted);
  if (!found) throw new CliError('UNKNOWN_TEMPLATE', `template ${id} has no version ${wanted}`);
  return found;
}

async function getContract(client: ApiClient, id: string): Promise<ContractDetailJson> {
  return (await client.call('contract.get', { id })) as ContractDetailJson;
}

/**
 * Proposes a contract action under `account`'s policy with the signer's approval, as `propose transfer` does: it
 * executes at once when that approval satisfies the policy, else other signatories approve it
 * (`countersign approve PROPOSAL`). Prints the proposal, its progress and the contract afterwards.
 */
async function proposeContractAction(
  opts: SignerOptions & { home: string; expiresIn: string },
  action: Action,
  account: string,
  contractId: string,
): Promise<void> {
  const { client, home, chainId } = apiClientFor(opts.home);
  const signer = await openSignerFromOptions({ ...opts, home });
  const now = BigInt(Date.now());
  const { op, proposalId } = await proposeOp(chainId, action, signer, {
    account,
    expiresAt: now + duration(opts.expiresIn, '--expires-in'),
  });
  const built = await buildTx(chainId, [op], [signer], { now });
  release(signer);
  await client.call('tx.submit', { tx: Buffer.from(built.encoded).toString('hex') });
  const result = await waitForTx(client, built.id);
  if (result.code !== 'OK') throw new CliError(result.code, result.message ?? 'the proposal was refused');
  const shown = (await client.call('proposal.get', { id: proposalId })) as {
    proposal: { status: string; closed?: { code: string; message?: string } };
    progress: unknown;
  };
  const closed = shown.proposal.closed;
  if (shown.proposal.status === 'failed' && closed) throw new CliError(closed.code, closed.message ?? 'failed');
  let contract: ContractDetailJson['contract'] | null = null;
  if (shown.proposal.status === 'executed') contract = (await getContract(client, contractId)).contract;
  console.log(
    toJson({
      contract: contractId,
      proposal: proposalId,
      tx: built.id,
      height: result.height,
      status: shown.proposal.status,
      progress: shown.progress,
      ...(contract && { contractStatus: contract.status }),
    }),
  );
}

const signerCommand = (cmd: Command) =>
  addSignerOptions(cmd, { homeRequired: true }).option(
    '--expires-in <duration>',
    'how long approvals are collected (e.g. 90m, 24h, 7d)',
    '24h',
  );

export function registerContractsCommands(program: Command): void {
  const contracts = program.command('contracts').description('co-signed contracts: templates, drafts, signatures');

  contracts
    .command('templates')
    .description('the contract templates, their roles and terms (JSON)')
    .requiredOption('--home <dir>', 'node home or network directory')
    .action(async (opts: { home: string }) => {
      console.log(toJson(await apiClientFor(opts.home).client.call('contract.templates', {})));
    });

  contracts
    .command('list')
    .description('contracts, by id (JSON)')
    .requiredOption('--home <dir>', 'node home or network directory')
    .option('--status <status>', 'drafted | active | executed | expired | terminated | defaulted')
    .option('--party <account>', 'only contracts this account is a party to')
    .option('--template <id>', 'only contracts of this template')
    .action(async (opts: { home: string; status?: string; party?: string; template?: string }) => {
      const params = {
        ...(opts.status !== undefined && { status: opts.status }),
        ...(opts.party !== undefined && { party: opts.party }),
        ...(opts.template !== undefined && { template: opts.template }),
      };
      console.log(toJson(await apiClientFor(opts.home).client.call('contract.list', params as never)));
    });

  contracts
    .command('show')
    .description('a contract with its signatures, holdings and timeline (JSON)')
    .argument('<id>', 'contract id')
    .requiredOption('--home <dir>', 'node home or network directory')
    .action(async (id: string, opts: { home: string }) => {
      console.log(toJson(await getContract(apiClientFor(opts.home).client, id)));
    });

  signerCommand(
    contracts
      .command('create')
      .description("draft a contract; the first --party is the drafter, whose account's policy approves the draft"),
  )
    .requiredOption('--template <id[@version]>', 'template id (countersign contracts templates), e.g. escrow@1')
    .option('--party <role=account>', 'a party, e.g. payer=jhcb.treasury (repeat; drafter first)', collect, [])
    .option('--term <name=value>', 'a term, e.g. amount=1250.00 or expiresAt=+7d (repeat)', collect, [])
    .option('--id <contract>', 'the contract id (default: TEMPLATE-RANDOM)')
    .action(
      async (
        opts: SignerOptions & {
          home: string;
          expiresIn: string;
          template: string;
          party: string[];
          term: string[];
          id?: string;
        },
      ) => {
        const { client } = apiClientFor(opts.home);
        const template = await findTemplate(client, opts.template);
        const parties = opts.party.map((p) => {
          const [role, account] = keyValue(p, '--party');
          return { role, account };
        });
        if (parties.length === 0) throw new CliError('BAD_PARTIES', 'name the parties with --party role=account');
        const terms = await parseTerms(client, template, opts.term, BigInt(Date.now()));
        const id = opts.id ?? `${template.id}-${randomBytes(4).toString('hex')}`;
        const action = {
          type: 'contract.create',
          contract: id,
          template: template.id,
          version: template.version,
          parties,
          terms,
        } as Action;
        await proposeContractAction(opts, action, parties[0]!.account, id);
      },
    );

  signerCommand(
    contracts
      .command('sign')
      .description("sign a contract for a party, under the party account's policy (the last signature activates it)")
      .argument('<id>', 'contract id'),
  )
    .requiredOption('--party <role>', 'the role signed for, e.g. payer')
    .action(async (id: string, opts: SignerOptions & { home: string; expiresIn: string; party: string }) => {
      const { contract } = await getContract(apiClientFor(opts.home).client, id);
      const party = contract.parties.find((p) => p.role === opts.party);
      if (!party) throw new CliError('NOT_A_PARTY', `contract ${id} has no party "${opts.party}"`);
      // The ledger decides, but a proposal for a step that cannot happen would only wait for approvals in vain.
      if (contract.status !== 'drafted')
        throw new CliError('CONTRACT_NOT_DRAFTED', `contract ${id} is ${contract.status}`);
      const action = { type: 'contract.sign', contract: id, party: opts.party } as Action;
      await proposeContractAction(opts, action, party.account, id);
    });

  signerCommand(
    contracts
      .command('attest')
      .description('attest a fact for a party (an escrow condition, an insured event)')
      .argument('<id>', 'contract id'),
  )
    .requiredOption('--party <role>', 'the attesting role, e.g. agent or oracle')
    .requiredOption('--fact <fact>', 'the fact attested, as the terms name it')
    .action(
      async (id: string, opts: SignerOptions & { home: string; expiresIn: string; party: string; fact: string }) => {
        const { contract } = await getContract(apiClientFor(opts.home).client, id);
        const party = contract.parties.find((p) => p.role === opts.party);
        if (!party) throw new CliError('NOT_A_PARTY', `contract ${id} has no party "${opts.party}"`);
        if (contract.status !== 'active') {
          throw new CliError('CONTRACT_NOT_ACTIVE', `contract ${id} is ${contract.status}`);
        }
        const action = { type: 'contract.attest', contract: id, party: opts.party, fact: opts.fact } as Action;
        await proposeContractAction(opts, action, party.account, id);
      },
    );

  signerCommand(
    contracts
      .command('terminate')
      .description("propose ending a contract early: every party's account must approve")
      .argument('<id>', 'contract id'),
  )
    .requiredOption('--reason <text>', 'why')
    .requiredOption('--account <account>', "the party account whose signatory proposes (the signer's)")
    .action(
      async (
        id: string,
        opts: SignerOptions & { home: string; expiresIn: string; reason: string; account: string },
      ) => {
        const action = { type: 'contract.terminate', contract: id, reason: opts.reason } as Action;
        await proposeContractAction(opts, action, opts.account, id);
      },
    );
}
