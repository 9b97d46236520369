import type { SubscriptionTopicName } from '../../shared/api/index.ts';

/**
 * Which windows asked for which topics. The node host sends every event to the main process once; the main process
 * forwards it only to the web contents that subscribed, and forgets a web contents when it is destroyed.
 */
export class SubscriptionRegistry {
  private readonly byContents = new Map<number, Set<SubscriptionTopicName>>();

  add(webContentsId: number, topic: SubscriptionTopicName): void {
    let topics = this.byContents.get(webContentsId);
    if (topics === undefined) this.byContents.set(webContentsId, (topics = new Set()));
    topics.add(topic);
  }

  /** False when the web contents was not subscribed to the topic. */
  remove(webContentsId: number, topic: SubscriptionTopicName): boolean {
    const topics = this.byContents.get(webContentsId);
    const removed = topics?.delete(topic) ?? false;
    if (topics?.size === 0) this.byContents.delete(webContentsId);
    return removed;
  }

  drop(webContentsId: number): void {
    this.byContents.delete(webContentsId);
  }

  subscribers(topic: SubscriptionTopicName): number[] {
    return [...this.byContents].filter(([, topics]) => topics.has(topic)).map(([id]) => id);
  }
}
