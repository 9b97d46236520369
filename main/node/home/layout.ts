import path from 'node:path';

/**
 * A node home: everything one node owns, in one directory.
 *
 *   config.json        the node's settings (role, API address, block interval)
 *   genesis.json       the network's genesis document
 *   data/ledger.sqlite the chain and state (SQLite, WAL)
 *   api-token          bearer token for the local API (mode 0600)
 *   keys/validator.json          the node's validator key (validators only)
 *   keys/node.json               the node's p2p identity (networks of several nodes)
 *   data/signer-state.json       the validator's last signed (height, round, step): the double-sign guard
 *   data/consensus-wal.json      the validator's consensus state, persisted before each message it sends
 *   data/outbox/                 transactions submitted here and not yet seen committed (observers)
 *   keys/signatories/NAME.json   signatory keys kept on this machine (devnet: all demo signatories)
 */
export function homePaths(home: string) {
  return {
    home,
    config: path.join(home, 'config.json'),
    genesis: path.join(home, 'genesis.json'),
    data: path.join(home, 'data'),
    database: path.join(home, 'data', 'ledger.sqlite'),
    keys: path.join(home, 'keys'),
    validatorKey: path.join(home, 'keys', 'validator.json'),
    nodeKey: path.join(home, 'keys', 'node.json'),
    signerState: path.join(home, 'data', 'signer-state.json'),
    consensusWal: path.join(home, 'data', 'consensus-wal.json'),
    outbox: path.join(home, 'data', 'outbox'),
    signatoryKeys: path.join(home, 'keys', 'signatories'),
  };
}
export type HomePaths = ReturnType<typeof homePaths>;
