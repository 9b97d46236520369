import { noise } from '@chainsafe/libp2p-noise';
import { yamux } from '@chainsafe/libp2p-yamux';
import { generateKeyPairFromSeed } from '@libp2p/crypto/keys';
import type { Libp2p } from '@libp2p/interface';
import { tcp } from '@libp2p/tcp';
import { createLibp2p } from 'libp2p';
import { pino } from 'pino';
import { bytesToHex, generateSecretKey, publicKeyOf, signWithSecretKey } from '../../../shared/crypto/index.ts';
import {
  blockCodec,
  blockHash,
  commitCertificateCodec,
  proposalSignBytes,
  voteSignBytes,
  type ChainId,
  type ConsensusMessage,
  type Vote,
} from '../../../shared/domain/index.ts';
import {
  createP2PNode,
  nodeKeyFromSeed,
  type BlockSource,
  type NodeKey,
  type P2PEventName,
  type P2PEvents,
  type P2PLimits,
  type P2PNode,
  type PeerRole,
} from '../../../main/node/p2p/index.ts';
import { ChainBuilder, CHAIN_ID } from '../../helpers/storage-fixtures.ts';

/**
 * Real p2p nodes on 127.0.0.1 for the p2p integration tests: a registry of node keys, a validator set whose keys sign
 * real votes and proposals, and a block source over real blocks.
 */

export { CHAIN_ID };

/** Limits that make reconnection, pings and bans fast enough for tests. */
export const FAST_LIMITS: Partial<P2PLimits> = {
  pingIntervalMs: 200,
  reconnectBaseMs: 50,
  reconnectMaxMs: 400,
  dialTimeoutMs: 2_000,
  syncTimeoutMs: 5_000,
};

export const silentLog = pino({ level: process.env['P2P_TEST_LOG'] ?? 'silent' });

export interface Validator {
  readonly secretKey: Uint8Array;
  readonly publicKey: Uint8Array;
}

export function validator(seed: number): Validator {
  const secretKey = generateSecretKey('ed25519', new Uint8Array(32).fill(200 + seed));
  return { secretKey, publicKey: publicKeyOf('ed25519', secretKey) };
}

export const VALIDATORS = [validator(0), validator(1), validator(2), validator(3)];

export function nodeKey(index: number): NodeKey {
  return nodeKeyFromSeed(new Uint8Array(32).fill(index + 1));
}

/** The network's registry: node keys 0..members-1 (node 0 and 1 validators, the rest observers). */
export function registry(members: number) {
  const known = new Map<string, { name: string; role: PeerRole }>();
  for (let i = 0; i < members; i++) {
    known.set(bytesToHex(nodeKey(i).publicKey), { name: `node${i}`, role: i < 2 ? 'validator' : 'observer' });
  }
  return { lookup: (key: Uint8Array) => known.get(bytesToHex(key)) };
}

/** The consensus view p2p validates against: the four VALIDATORS, power 1, at every height; height is settable. */
export function gate(chainId = CHAIN_ID) {
  const keys = new Set(VALIDATORS.map((v) => bytesToHex(v.publicKey)));
  const view = {
    chainId,
    current: 1,
    height: () => view.current,
    validatorPower: (_height: number, key: Uint8Array) => (keys.has(bytesToHex(key)) ? 1 : 0),
  };
  return view;
}

/** Encoded blocks 1..count with commit certificates, served like a block store would. */
export function blockSource(count: number): BlockSource & { entries: { block: Uint8Array; commit: Uint8Array }[] } {
  const chain = new ChainBuilder();
  const entries = Array.from({ length: count }, () => {
    const committed = chain.next([]);
    return { block: blockCodec.encode(committed.block), commit: commitCertificateCodec.encode(committed.commit!) };
  });
  return {
    entries,
    height: () => entries.length,
    blocks(from, to, maxBytes) {
      const out = [];
      let bytes = 0;
      for (let h = from; h <= Math.min(to, entries.length); h++) {
        const entry = entries[h - 1]!;
        bytes += entry.block.length + entry.commit.length;
        if (bytes > maxBytes) break;
        out.push(entry);
      }
      return out;
    },
  };
}

export function signedVote(
  signer: Validator,
  opts: { height?: number; round?: number; chainId?: string; badSignature?: boolean } = {},
): ConsensusMessage {
  const vote: Vote = {
    chainId: (opts.chainId ?? CHAIN_ID) as ChainId,
    type: 'prevote',
    height: opts.height ?? 1,
    round: opts.round ?? 0,
    blockHash: new Uint8Array(32).fill(5),
    validator: signer.publicKey,
  };
  const signature = signWithSecretKey('ed25519', signer.secretKey, voteSignBytes(vote));
  if (opts.badSignature) signature[10]! ^= 1;
  return { kind: 'vote', vote: { vote, signature } };
}

export function signedProposal(signer: Validator, height = 1, round = 0): ConsensusMessage {
  const chain = new ChainBuilder();
  let committed = chain.next([]);
  while (committed.block.header.height < height) committed = chain.next([]);
  const block = committed.block;
  const proposal = {
    chainId: CHAIN_ID as ChainId,
    height,
    round,
    validRound: null,
    blockHash: blockHash(block.header),
    proposer: signer.publicKey,
  };
  const signature = signWithSecretKey('ed25519', signer.secretKey, proposalSignBytes(proposal));
  return { kind: 'proposal', proposal: { proposal, signature, block } };
}

/** Everything a node emitted, by event name, in order. */
export class Recorder {
  readonly events: { [K in P2PEventName]: P2PEvents[K][] } = {
    consensus: [],
    txs: [],
    'peer:status': [],
    'peer:connect': [],
    'peer:disconnect': [],
    'peer:offence': [],
  };

  constructor(node: P2PNode) {
    for (const name of Object.keys(this.events) as P2PEventName[]) {
      node.on(name, (event) => (this.events[name] as unknown[]).push(event));
    }
  }
}

export interface TestNode {
  readonly node: P2PNode;
  readonly recorder: Recorder;
  readonly gate: ReturnType<typeof gate>;
  readonly key: NodeKey;
}

export async function startNode(
  index: number,
  opts: {
    bootstrap?: string[];
    members?: number;
    port?: number;
    blocks?: BlockSource;
    limits?: Partial<P2PLimits>;
    random?: () => number;
  } = {},
): Promise<TestNode> {
  const key = nodeKey(index);
  const view = gate();
  const node = createP2PNode({
    chainId: CHAIN_ID,
    listen: [`/ip4/127.0.0.1/tcp/${opts.port ?? 0}`],
    bootstrap: opts.bootstrap ?? [],
    nodeKey: key,
    registry: registry(opts.members ?? 8),
    gate: view,
    blocks: opts.blocks ?? blockSource(0),
    log: silentLog,
    limits: { ...FAST_LIMITS, ...opts.limits },
    ...(opts.random ? { random: opts.random } : {}),
  });
  const recorder = new Recorder(node);
  await node.start();
  return { node, recorder, gate: view, key };
}

/** A bare libp2p node speaking TCP + Noise + Yamux with the given node key seed: a stranger, or a rogue member. */
export async function rawNode(seed: Uint8Array): Promise<Libp2p> {
  return createLibp2p({
    privateKey: await generateKeyPairFromSeed('Ed25519', seed),
    addresses: { listen: ['/ip4/127.0.0.1/tcp/0'] },
    transports: [tcp()],
    connectionEncrypters: [noise()],
    streamMuxers: [yamux()],
  });
}

/** Polls until `check` holds, or fails after `timeoutMs`. */
export async function waitFor(what: string, check: () => boolean, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(20);
  }
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

export function address(node: TestNode): string {
  return node.node.addresses()[0]!;
}
