/**
 * The ceilings of this machine, measured the way the node uses each resource:
 *   1. Ed25519 verifications per second on one core (libsodium, the node's path; noble, the defining rule) and on
 *      every core at once (one worker thread per core);
 *   2. SQLite row writes per second inside transactions (WAL, synchronous = FULL, as the node's store), fsynced
 *      commits per second, and durable file writes per second (temp file, fsync, rename, fsync the directory: how the
 *      node writes its outbox entries, consensus WAL and signer state);
 *   3. libp2p loopback: round trips per second on one persistent stream (TCP + Noise + Yamux, lpStream), and
 *      one-way frames per second on it.
 *
 *   npm run bench:limits [-- --ms 1500]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { durableWritesPerSecond } from './lib/durable-writes.ts';
import { libp2pLoopback } from './lib/libp2p-loopback.ts';
import { machine, printTable, writeResult } from './lib/report.ts';
import { sqliteWrites } from './lib/sqlite-writes.ts';
import { verificationsAllCores, verificationsPerSecond } from './lib/verify-rate.ts';

const { values } = parseArgs({ options: { ms: { type: 'string', default: '1500' } } });
const ms = Number(values.ms);

const node = verificationsPerSecond('node', ms);
const noble = verificationsPerSecond('noble', ms);
const allCores = await verificationsAllCores(ms);
// The disk is measured where the network benchmarks put the nodes' homes (os.tmpdir()).
const dir = mkdtempSync(path.join(os.tmpdir(), 'countersign-limits-'));
let sqlite;
let durableWrites;
try {
  sqlite = sqliteWrites(path.join(dir, 'writes.sqlite'), ms);
  durableWrites = durableWritesPerSecond(dir, ms);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
const p2p = await libp2pLoopback(ms);

const { cores } = machine();
const rows = [
  { limit: 'Ed25519 verifications/s, one core, libsodium (node)', value: node },
  { limit: 'Ed25519 verifications/s, one core, noble', value: noble },
  { limit: `Ed25519 verifications/s, ${cores} cores at once, libsodium (node)`, value: allCores },
  { limit: `  ÷ (${cores} × one core): how the cores scale`, value: (allCores / (cores * node)).toFixed(2) },
  { limit: `SQLite row writes/s, ${sqlite.rowsPerTx}-row transactions, WAL + FULL`, value: sqlite.rowsPerSecond },
  { limit: 'SQLite fsynced commits/s, one row each', value: sqlite.commitsPerSecond },
  { limit: 'durable file writes/s (temp + fsync + rename + fsync dir)', value: durableWrites },
  { limit: 'libp2p round trips/s, one persistent stream, 32-byte frames', value: p2p.roundTripsPerSecond },
  { limit: `libp2p one-way frames/s, one stream, ${p2p.frameBytes}-byte frames`, value: p2p.framesPerSecond },
];
console.log('The limits of this machine:\n');
printTable(rows);
const file = writeResult('limits', {
  ed25519: { perCoreNode: node, perCoreNoble: noble, allCoresNode: allCores },
  sqlite,
  durableFileWritesPerSecond: durableWrites,
  libp2p: p2p,
  rows,
});
console.log(`\nwritten to ${file}`);
