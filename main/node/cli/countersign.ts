#!/usr/bin/env node
/**
 * `countersign`: the command-line interface. Each command lives in commands/ and registers itself here; commands are
 * thin and call the node's public facade or its API.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Command, CommanderError } from 'commander';
import { registerContractsCommands } from './commands/contracts-commands.ts';
import { registerInspect } from './commands/inspect.ts';
import { registerKeysCommands } from './commands/keys-commands.ts';
import { registerLedgerCommands } from './commands/ledger-commands.ts';
import { registerNetworkCommands } from './commands/network-commands.ts';
import { registerNodeCommands } from './commands/node-commands.ts';
import { registerRequestCommands } from './commands/request-commands.ts';
import { registerSettlementCommands } from './commands/settlement-commands.ts';

const pkg = JSON.parse(readFileSync(path.join(import.meta.dirname, '../../../package.json'), 'utf8')) as {
  version: string;
};

export function buildProgram(): Command {
  const program = new Command('countersign')
    .description('Countersign: multi-signature ledger node and tools')
    .version(pkg.version)
    .showHelpAfterError()
    .exitOverride();
  registerNodeCommands(program);
  registerNetworkCommands(program);
  registerLedgerCommands(program);
  registerSettlementCommands(program);
  registerContractsCommands(program);
  registerRequestCommands(program);
  registerKeysCommands(program);
  registerInspect(program);
  return program;
}

async function main(argv: string[]): Promise<number> {
  try {
    await buildProgram().parseAsync(argv);
    return 0;
  } catch (err) {
    if (err instanceof CommanderError) return err.exitCode; // commander has already printed the message
    console.error(`countersign: ${describeError(err)}`);
    return 1;
  }
}

/** One line a person can act on: the error's code (where it has one) and its message. */
function describeError(err: unknown): string {
  if (!(err instanceof Error)) return String(err);
  const code = (err as { code?: unknown }).code;
  return typeof code === 'string' ? `${err.message} [${code}]` : err.message;
}

process.exitCode = await main(process.argv);
