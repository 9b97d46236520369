import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { decodeCanonical } from '../../../../shared/encoding/index.ts';
import { blockCodec, txCodec, txId, blockHashHex, type Block, type Tx } from '../../../../shared/domain/index.ts';
import { toJson } from '../json.ts';

type Kind = 'auto' | 'tx' | 'block' | 'raw';

/** `countersign inspect FILE`: shows what canonical bytes (a transaction, a block, any value) mean, as JSON. */
export function registerInspect(program: Command): void {
  program
    .command('inspect')
    .description('decode a canonical CBOR file (transaction, block or any value) and print it as JSON')
    .argument('<file>', 'file to read, or - for standard input')
    .option('--as <kind>', 'auto | tx | block | raw', 'auto')
    .action((file: string, opts: { as: Kind }) => {
      const bytes = new Uint8Array(readFileSync(file === '-' ? 0 : file));
      console.log(toJson(inspect(bytes, opts.as)));
    });
}

export function inspect(bytes: Uint8Array, kind: Kind): object {
  if (kind === 'tx') return describeTx(txCodec.decode(bytes));
  if (kind === 'block') return describeBlock(blockCodec.decode(bytes));
  if (kind === 'raw') return { kind: 'value', value: decodeCanonical(bytes) };
  // auto: the strict decoders refuse anything that is not exactly their kind, so trying them in turn is safe.
  for (const k of ['tx', 'block'] as const) {
    try {
      return inspect(bytes, k);
    } catch {
      // not this kind
    }
  }
  return inspect(bytes, 'raw');
}

function describeTx(tx: Tx) {
  return { kind: 'transaction', id: txId(tx.body), ...tx };
}

function describeBlock(block: Block) {
  return { kind: 'block', hash: blockHashHex(block.header), ...block };
}
