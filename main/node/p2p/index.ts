export { createP2PNode } from './p2p-node.ts';
export type {
  BlockSource,
  ConsensusGate,
  P2PEventName,
  P2PEvents,
  P2PLimits,
  P2PListener,
  P2PNode,
  P2POptions,
  PeerIdentity,
  PeerRegistry,
  PeerRole,
  SyncedBlock,
} from './interface.ts';
export { DISCONNECTING_OFFENCES, Offence, P2PError, P2PErrorCode } from './errors.ts';
export {
  createNodeKeyFile,
  loadNodeKeyFile,
  nodeKeyFromSeed,
  nodeKeyOfPeerId,
  peerIdFromNodeKey,
  type NodeKey,
} from './node-key.ts';
export { DEFAULT_LIMITS, MAX_FRAME_BYTES, protocolId, type ProtocolName } from './protocols.ts';
