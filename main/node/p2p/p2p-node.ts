import { noise } from '@chainsafe/libp2p-noise';
import { yamux } from '@chainsafe/libp2p-yamux';
import { generateKeyPairFromSeed } from '@libp2p/crypto/keys';
import type { Connection, Libp2p, PeerId, Stream } from '@libp2p/interface';
import { peerIdFromString } from '@libp2p/peer-id';
import { tcp } from '@libp2p/tcp';
import { multiaddr } from '@multiformats/multiaddr';
import { createLibp2p } from 'libp2p';
import type { PeerJson } from '../../../shared/api/types.ts';
import type { ConsensusMessage } from '../../../shared/domain/index.ts';
import type { Logger } from '../log.ts';
import { DISCONNECTING_OFFENCES, P2PError, P2PErrorCode as E, type Offence } from './errors.ts';
import { P2PEmitter } from './events.ts';
import { GossipInbox } from './gossip.ts';
import { readFrames } from './inbound.ts';
import type {
  P2PEventName,
  P2PLimits,
  P2PListener,
  P2PNode,
  P2POptions,
  PeerIdentity,
  SyncedBlock,
} from './interface.ts';
import { nodeKeyFromSeed, nodeKeyOfPeerId } from './node-key.ts';
import { PeerBook } from './peer-book.ts';
import {
  DEFAULT_LIMITS,
  GOSSIP_PROTOCOLS,
  MAX_FRAME_BYTES,
  protocolId,
  readBufferBytes,
  type GossipProtocol,
} from './protocols.ts';
import { BootstrapDialer, type BootstrapTarget } from './reconnect.ts';
import { PeerSession } from './session.ts';
import { requestSync, serveSync, SyncViolation } from './sync-protocol.ts';
import { statusMessageCodec, type StatusMessage } from './wire.ts';

export function createP2PNode(opts: P2POptions): P2PNode {
  return new P2PHost(opts);
}

/**
 * The node's libp2p host on a permissioned network: TCP + Noise + Yamux, nothing else (no discovery, DHT or identify:
 * peers come from the bootstrap list and the registry). Every connection is gated on the registry; every inbound
 * frame goes through GossipInbox before anything else sees it.
 */
class P2PHost implements P2PNode {
  readonly peerId: string;
  private readonly opts: P2POptions;
  private readonly limits: P2PLimits;
  private readonly log: Logger;
  private readonly now: () => number;
  private readonly events: P2PEmitter;
  private readonly book: PeerBook;
  private readonly inbox: GossipInbox;
  private readonly dialer: BootstrapDialer;
  private readonly sessions = new Map<string, PeerSession>();
  private libp2p: Libp2p | undefined;
  private status: { height: number; hash: Uint8Array | null };
  private stopped = false;

  constructor(opts: P2POptions) {
    this.opts = opts;
    this.limits = { ...DEFAULT_LIMITS, ...opts.limits };
    this.log = opts.log.child({ module: 'p2p' });
    this.now = opts.now ?? Date.now;
    this.peerId = nodeKeyFromSeed(opts.nodeKey.privateKey).peerId;
    this.events = new P2PEmitter(this.log);
    this.book = new PeerBook(this.limits, this.now);
    this.status = { height: opts.blocks.height(), hash: null };
    this.inbox = new GossipInbox({
      gate: opts.gate,
      heightWindow: this.limits.heightWindow,
      seenCacheSize: this.limits.seenCacheSize,
      txSeenTtlMs: this.limits.txSeenTtlMs,
      now: this.now,
      log: this.log,
      offend: (peer, offence, reason) => this.offend(peer, offence, reason),
      relay: (protocol, frame, except) => this.sendToAll(protocol, frame, except),
      emit: (event, payload) => this.events.emit(event, payload),
      onStatus: (peer, message) => this.onStatus(peer, message),
    });
    this.dialer = new BootstrapDialer({
      targets: opts.bootstrap.map((address) => this.bootstrapTarget(address)).filter((t) => t.peerId !== this.peerId),
      dial: (target) => this.dial(target),
      isConnected: (peer) => this.sessions.has(peer),
      banRemainingMs: (peer) => this.book.banRemainingMs(peer),
      baseMs: this.limits.reconnectBaseMs,
      maxMs: this.limits.reconnectMaxMs,
      random: opts.random ?? Math.random,
      log: this.log,
    });
  }

  async start(): Promise<void> {
    if (this.libp2p) return;
    this.stopped = false;
    const deny = (peer: PeerId) => !this.admits(peer.toString());
    const libp2p = await createLibp2p({
      start: false,
      privateKey: await generateKeyPairFromSeed('Ed25519', this.opts.nodeKey.privateKey),
      addresses: { listen: [...this.opts.listen] },
      transports: [tcp()],
      connectionEncrypters: [noise()],
      streamMuxers: [yamux()],
      connectionGater: {
        denyDialPeer: deny,
        denyInboundEncryptedConnection: deny,
        denyOutboundEncryptedConnection: deny,
      },
      connectionManager: {
        dialTimeout: this.limits.dialTimeoutMs,
        reconnectRetries: 0, // BootstrapDialer reconnects, with our backoff
        // libp2p's default (5 inbound connections per second per host) refuses the peers of a loopback testnet that
        // all restart at once; every connection is gated on the registry anyway.
        inboundConnectionThreshold: 100,
      },
    });
    for (const protocol of GOSSIP_PROTOCOLS) {
      await libp2p.handle(
        protocolId(this.opts.chainId, protocol),
        (stream, connection) => void this.readGossip(protocol, stream, connection),
        { maxInboundStreams: 4, maxOutboundStreams: 4 },
      );
    }
    await libp2p.handle(
      protocolId(this.opts.chainId, 'sync'),
      (stream, connection) => void this.serveSync(stream, connection),
      { maxInboundStreams: 2, maxOutboundStreams: 4 },
    );
    libp2p.addEventListener('peer:connect', (event) => this.onConnect(event.detail));
    libp2p.addEventListener('peer:disconnect', (event) => this.onDisconnect(event.detail.toString()));
    this.libp2p = libp2p; // before start: connections may arrive while it starts
    try {
      await libp2p.start();
    } catch (err) {
      this.libp2p = undefined;
      throw err;
    }
    this.log.info({ peerId: this.peerId, addresses: this.addresses() }, 'p2p listening');
    this.dialer.start();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.dialer.stop();
    for (const session of this.sessions.values()) session.close();
    const libp2p = this.libp2p;
    this.libp2p = undefined;
    await libp2p?.stop();
    this.sessions.clear();
    for (const record of this.book.list()) record.connected = false;
  }

  addresses(): string[] {
    return (this.libp2p?.getMultiaddrs() ?? []).map((address) => address.toString());
  }

  broadcastConsensus(message: ConsensusMessage): void {
    this.sendToAll('consensus', this.inbox.ownConsensus(message), new Set());
  }

  broadcastTx(encodedTx: Uint8Array): void {
    const holders = this.inbox.ownTx(encodedTx);
    // Validators dial every validator of the registry, so one that got a transaction from a validator need not pass
    // it to the others: its origin already did (flooding it again cost each validator every transaction three times
    // over with four validators). Observers, and anything that came from an observer or the API, still go to all.
    const fromValidator = [...holders].some((id) => this.sessions.get(id)?.identity.role === 'validator');
    for (const [peerId, session] of this.sessions) {
      if (holders.has(peerId) || (fromValidator && session.identity.role === 'validator')) continue;
      session.sendTx(encodedTx);
    }
  }

  penalise(peerId: string, offence: Offence, reason: string): void {
    this.offend(peerId, offence, reason);
  }

  announceHeight(height: number, hash: Uint8Array): void {
    this.status = { height, hash };
    this.sendToAll('status', statusMessageCodec.encode({ kind: 'status', height, hash }), new Set());
  }

  async requestBlocks(peerId: string, from: number, to: number): Promise<SyncedBlock[]> {
    if (!Number.isSafeInteger(from) || !Number.isSafeInteger(to) || from < 1 || to < from) {
      throw new P2PError(E.BAD_RANGE, `bad sync range ${from}..${to}: need 1 <= from <= to`);
    }
    let stream: Stream;
    try {
      stream = await this.openStream(peerId, protocolId(this.opts.chainId, 'sync'));
    } catch (err) {
      if (err instanceof P2PError) throw err;
      throw new P2PError(E.NOT_CONNECTED, `cannot open a sync stream to ${peerId}: ${(err as Error).message}`);
    }
    try {
      return await requestSync(stream, this.opts.chainId, from, to, this.limits);
    } catch (err) {
      if (!(err instanceof SyncViolation)) throw err;
      this.offend(peerId, err.offence, err.message);
      throw new P2PError(E.BAD_RESPONSE, `peer ${peerId} sent a bad sync answer: ${err.message}`);
    }
  }

  peers(): PeerJson[] {
    return this.book.list().map((record) => this.book.toJson(record));
  }

  bestPeers(minHeight: number): string[] {
    return this.book
      .list()
      .filter((record) => record.connected && record.height >= minHeight)
      .sort((a, b) => b.height - a.height || (a.latencyMs ?? Infinity) - (b.latencyMs ?? Infinity))
      .map((record) => record.peerId);
  }

  on<K extends P2PEventName>(event: K, listener: P2PListener<K>): void {
    this.events.on(event, listener);
  }

  off<K extends P2PEventName>(event: K, listener: P2PListener<K>): void {
    this.events.off(event, listener);
  }

  /** The registry's identity for a peer id, if it is a member. */
  private identityOf(peerId: string): PeerIdentity | undefined {
    const key = nodeKeyOfPeerId(peerId);
    const entry = key && this.opts.registry.lookup(key);
    return entry ? { peerId, name: entry.name, role: entry.role } : undefined;
  }

  /** The connection gater's rule: a member of the registry, not banned. */
  private admits(peerId: string): boolean {
    return !this.stopped && this.identityOf(peerId) !== undefined && !this.book.isBanned(peerId);
  }

  private onConnect(peer: PeerId): void {
    const peerId = peer.toString();
    const identity = this.identityOf(peerId);
    if (!identity) return this.hangUp(peerId); // left the registry since the gater let it in
    if (this.sessions.has(peerId) || this.stopped) return;
    const address = this.libp2p?.getConnections(peer)[0]?.remoteAddr.toString() ?? '';
    const record = this.book.ensure(identity, address);
    record.connected = true;
    const session = new PeerSession({
      identity,
      open: (protocol) => this.openStream(peerId, protocolId(this.opts.chainId, protocol)),
      onStall: () => this.hangUp(peerId),
      limits: this.limits,
      log: this.log,
      now: this.now,
    });
    this.sessions.set(peerId, session);
    this.dialer.connected(peerId);
    this.log.info({ peer: peerId, name: identity.name, address }, 'p2p peer connected');
    session.send('status', statusMessageCodec.encode({ kind: 'status', ...this.status }));
    session.startPinging(this.limits.pingIntervalMs);
    this.events.emit('peer:connect', identity);
  }

  private onDisconnect(peerId: string): void {
    const session = this.sessions.get(peerId);
    if (!session) return;
    session.close();
    this.sessions.delete(peerId);
    const record = this.book.get(peerId);
    if (record) record.connected = false;
    this.log.info({ peer: peerId, name: session.identity.name }, 'p2p peer disconnected');
    if (!this.stopped) this.dialer.disconnected(peerId);
    this.events.emit('peer:disconnect', session.identity);
  }

  private onStatus(peerId: string, message: StatusMessage): void {
    const session = this.sessions.get(peerId);
    // The peer's first status can overtake libp2p's connect event: the record may not exist yet.
    const identity = this.book.get(peerId) ?? this.identityOf(peerId);
    if (!identity) return;
    const record = this.book.ensure(identity);
    if (message.kind === 'ping') {
      session?.send('status', statusMessageCodec.encode({ kind: 'pong', nonce: message.nonce }));
    } else if (message.kind === 'pong') {
      const rtt = session?.pong(message.nonce);
      if (rtt !== undefined) record.latencyMs = rtt;
    } else {
      record.height = message.height;
      this.events.emit('peer:status', { peerId, height: message.height });
    }
  }

  private async readGossip(protocol: GossipProtocol, stream: Stream, connection: Connection): Promise<void> {
    const peerId = connection.remotePeer.toString();
    try {
      const offence = await readFrames(
        stream,
        MAX_FRAME_BYTES[protocol],
        readBufferBytes(protocol, this.limits.syncMaxBytes),
        (frame) => this.inbox.onFrame(protocol, peerId, frame),
      );
      if (offence) this.offend(peerId, offence, `${protocol} stream`);
    } catch (err) {
      this.log.warn({ err, peer: peerId, protocol }, 'p2p inbound stream failed');
    } finally {
      if (stream.status === 'open') stream.abort(new Error('read loop ended'));
    }
  }

  private async serveSync(stream: Stream, connection: Connection): Promise<void> {
    const peerId = connection.remotePeer.toString();
    try {
      const offence = await serveSync(stream, this.opts.blocks, this.limits, this.log);
      if (offence) this.offend(peerId, offence, 'sync request');
    } catch (err) {
      this.log.warn({ err, peer: peerId }, 'p2p sync serving failed');
    }
  }

  /** Penalises a peer; disconnects it for protocol breaks and bans. Returns whether it is being disconnected. */
  private offend(peerId: string, offence: Offence, reason: string): boolean {
    const { score, banned } = this.book.penalise(peerId, offence);
    const disconnect = banned || DISCONNECTING_OFFENCES.has(offence);
    this.log.warn({ peer: peerId, offence, reason, score, banned }, 'p2p peer misbehaved');
    this.events.emit('peer:offence', { peerId, offence, score, banned });
    if (disconnect) this.hangUp(peerId);
    return disconnect;
  }

  private hangUp(peerId: string): void {
    this.libp2p?.hangUp(peerIdFromString(peerId)).catch((err: unknown) => {
      this.log.warn({ err, peer: peerId }, 'p2p hang-up failed');
    });
  }

  private sendToAll(protocol: GossipProtocol, frame: Uint8Array, except: ReadonlySet<string>): void {
    for (const [peerId, session] of this.sessions) {
      if (!except.has(peerId)) session.send(protocol, frame);
    }
  }

  private async openStream(peerId: string, protocol: string): Promise<Stream> {
    if (!this.libp2p) throw new P2PError(E.NOT_STARTED, 'p2p node is not started');
    const connection = this.libp2p.getConnections(peerIdFromString(peerId)).find((c) => c.status === 'open');
    if (!connection) throw new P2PError(E.NOT_CONNECTED, `not connected to peer ${peerId}`);
    return connection.newStream(protocol, { signal: AbortSignal.timeout(this.limits.dialTimeoutMs) });
  }

  private async dial(target: BootstrapTarget): Promise<void> {
    if (!this.libp2p) return;
    await this.libp2p.dial(multiaddr(target.address), { signal: AbortSignal.timeout(this.limits.dialTimeoutMs) });
  }

  private bootstrapTarget(address: string): BootstrapTarget {
    let peerId: string | undefined;
    try {
      peerId = multiaddr(address)
        .getComponents()
        .findLast((c) => c.name === 'p2p')?.value;
    } catch (err) {
      throw new P2PError(E.BAD_ADDRESS, `bootstrap address "${address}": ${(err as Error).message}`);
    }
    if (!peerId) throw new P2PError(E.BAD_ADDRESS, `bootstrap address "${address}" must end with /p2p/<peer id>`);
    const identity = this.identityOf(peerId);
    if (!identity) this.log.warn({ address }, 'p2p bootstrap peer is not in the registry; it will be refused');
    else this.book.ensure(identity, address);
    return { peerId, address };
  }
}
