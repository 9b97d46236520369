import path from 'node:path';

/**
 * A node home: everything one node owns, in one directory.
 *
 *   config.json        the node's settings (role, API address, block interval)
 *   genesis.json       the network's genesis document
 *   data/ledger.sqlite the chain and state (SQLite, WAL)
 *   api-token          bearer token for the local API (mode 0600)
 *   keys/validator.json          the node's validator key (validators only)
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
    signatoryKeys: path.join(home, 'keys', 'signatories'),
  };
}
export type HomePaths = ReturnType<typeof homePaths>;
