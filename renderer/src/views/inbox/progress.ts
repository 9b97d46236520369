import type { GuardProgressJson } from '../../../../shared/api/types.ts';
import type { Translate } from '../../format/describe.ts';

/**
 * A policy's progress in one line, as a signatory reads it: "2 of 3: jhcb-treasury-1 ✓ jhcb-treasury-2 ✓
 * jhcb-operations-1 pending" — the policy's threshold of its signatories, then each of them and where they stand.
 * Weighted policies add the weight collected ("weight 3 of 5").
 */
export function progressLine(g: GuardProgressJson, t: Translate): string {
  const who = g.signatories.map((s) => `${s.name} ${mark(s.status, t)}`).join(' ');
  const weighted = g.signatories.some((s) => s.weight !== 1);
  const head = weighted
    ? t('progress.weighted', { weight: String(g.weight), threshold: String(g.threshold) })
    : t('progress.count', { threshold: String(g.threshold), count: String(g.signatories.length) });
  return `${head}: ${who}`;
}

export function mark(status: GuardProgressJson['signatories'][number]['status'], t: Translate): string {
  return status === 'approved' ? '✓' : status === 'rejected' ? `✗ ${t('progress.rejected')}` : t(`progress.${status}`);
}

/** The labels of this node's keys that can still approve: pending in a policy that is not yet satisfied. */
export function approvableBy(
  progress: readonly GuardProgressJson[],
  signers: readonly { label: string; id: string }[],
): string[] {
  const ids = new Set<string>();
  for (const g of progress) {
    if (g.satisfied) continue;
    for (const s of g.signatories) if (s.status === 'pending') ids.add(s.id);
  }
  return signers.filter((s) => ids.has(s.id)).map((s) => s.label);
}
