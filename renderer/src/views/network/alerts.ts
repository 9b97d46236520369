import type { StatusJson } from '../../../../shared/api/types.ts';

/** How far behind the tip a validator may be before operators are told. */
export const LAG_ALERT_BLOCKS = 5;

export interface NetworkAlert {
  key: string;
  kind: 'disconnected' | 'lagging' | 'missedVotes' | 'syncing' | 'noPeers' | 'outbox';
  level: 'warning' | 'error' | 'info';
  values: Record<string, string>;
}

/** What an operator should look at, derived from node.status alone (so the same rules hold in CLI and UI). */
export function networkAlerts(s: StatusJson): NetworkAlert[] {
  const out: NetworkAlert[] = [];
  for (const v of s.validators) {
    if (v.self) continue;
    if (!v.connected)
      out.push({ key: `d-${v.publicKey}`, kind: 'disconnected', level: 'error', values: { name: v.name } });
    else if (v.height !== null && s.height - v.height > LAG_ALERT_BLOCKS) {
      out.push({
        key: `l-${v.publicKey}`,
        kind: 'lagging',
        level: 'warning',
        values: { name: v.name, blocks: String(s.height - v.height) },
      });
    }
    if (v.missedVotes > 0) {
      out.push({
        key: `m-${v.publicKey}`,
        kind: 'missedVotes',
        level: 'warning',
        values: { name: v.name, count: String(v.missedVotes) },
      });
    }
  }
  if (s.sync.syncing) {
    out.push({
      key: 'sync',
      kind: 'syncing',
      level: 'info',
      values: { height: String(s.height), target: String(s.sync.targetHeight) },
    });
  }
  if (s.validators.length > 1 && s.peers.length > 0 && !s.peers.some((p) => p.connected)) {
    out.push({ key: 'peers', kind: 'noPeers', level: 'error', values: {} });
  }
  if (s.outbox > 0) out.push({ key: 'outbox', kind: 'outbox', level: 'info', values: { count: String(s.outbox) } });
  return out;
}
