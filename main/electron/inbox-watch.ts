import { z } from 'zod';

/**
 * What the tray and the OS notifications show: how many proposals wait for one of this node's keys, and which ones
 * newly started waiting since the last look. Pure: main.ts feeds it `proposal.inbox` results.
 */

const inboxItem = z
  .object({
    proposal: z.object({ id: z.string(), expiresAt: z.string().optional() }).loose(),
    description: z.string().optional(),
    awaiting: z.array(z.string()).optional(),
  })
  .loose();
/** `proposal.inbox` answers an array of items (or an object holding `items`). */
const inboxResult = z.union([z.array(inboxItem), z.object({ items: z.array(inboxItem) }).loose()]);

export interface AwaitingItem {
  readonly id: string;
  readonly description: string;
  readonly awaiting: readonly string[];
}

export function awaitingItems(result: unknown): AwaitingItem[] | undefined {
  const parsed = inboxResult.safeParse(result);
  if (!parsed.success) return undefined;
  const items = Array.isArray(parsed.data) ? parsed.data : parsed.data.items;
  return items.map((i) => ({ id: i.proposal.id, description: i.description ?? '', awaiting: i.awaiting ?? [] }));
}

export interface InboxChange {
  readonly count: number;
  /** Items not seen waiting before; on the first look, empty (the summary notification covers those). */
  readonly fresh: readonly AwaitingItem[];
  readonly first: boolean;
}

export class InboxWatch {
  private known: Set<string> | undefined;

  update(items: readonly AwaitingItem[]): InboxChange {
    const first = this.known === undefined;
    const fresh = first ? [] : items.filter((i) => !this.known!.has(i.id));
    this.known = new Set(items.map((i) => i.id));
    return { count: items.length, fresh, first };
  }
}

export function awaitingText(count: number): string {
  if (count === 0) return 'nothing awaits your signature';
  return `${count} proposal${count === 1 ? '' : 's'} await${count === 1 ? 's' : ''} your signature`;
}

export function trayTooltip(count: number): string {
  return `Countersign — ${awaitingText(count)}`;
}

/** The notifications to show for a change: one per fresh item (at most `max`), else one summary. */
export function notificationsFor(change: InboxChange, max = 3): { title: string; body: string; proposal?: string }[] {
  if (change.first) {
    return change.count === 0 ? [] : [{ title: 'Awaiting your signature', body: awaitingText(change.count) }];
  }
  if (change.fresh.length === 0) return [];
  if (change.fresh.length > max) {
    return [{ title: 'Awaiting your signature', body: `${change.fresh.length} new proposals wait for your approval` }];
  }
  return change.fresh.map((item) => ({
    title: 'Awaiting your signature',
    body: `${item.description || `Proposal ${item.id.slice(0, 12)}`}${item.awaiting.length > 0 ? ` (${item.awaiting.join(', ')})` : ''}`,
    proposal: item.id,
  }));
}
