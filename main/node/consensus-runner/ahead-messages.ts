/**
 * Consensus messages of heights the machine has not reached yet, kept until it does.
 *
 * p2p passes each distinct message on once: a vote or proposal it has seen is dropped when it comes again, so the
 * re-gossip of an already delivered message never reaches consensus a second time. A validator that is behind —
 * just restarted, syncing, or finishing the previous block — gets the others' messages for the height they work on
 * before its machine is there. Its machine buffers only the next height, and a machine made anew (after sync, or for
 * a new validator set) starts empty. Without this buffer those messages were lost for good: the validator then waited
 * forever in a round the others had voted in (with one validator of four down, the network stalled).
 *
 * Bounded: heights up to `maxAhead` above the current one, `maxVotes` votes and `maxProposals` proposals (a proposal
 * carries its block) in all; p2p has already checked each message's signature and window.
 */
export class AheadMessages<T> {
  private readonly byHeight = new Map<number, Map<string, { kind: 'vote' | 'proposal'; item: T }>>();
  private readonly limits: { maxAhead: number; maxVotes: number; maxProposals: number };
  private votes = 0;
  private proposals = 0;

  constructor(limits: { maxAhead: number; maxVotes: number; maxProposals: number }) {
    this.limits = limits;
  }

  /** Keeps `item` of `height` when it is above `current` and within the limits; the same `key` is kept once. */
  keep(current: number, height: number, kind: 'vote' | 'proposal', key: string, item: T): boolean {
    if (height <= current || height > current + this.limits.maxAhead) return false;
    if (kind === 'vote' ? this.votes >= this.limits.maxVotes : this.proposals >= this.limits.maxProposals) return false;
    let messages = this.byHeight.get(height);
    if (messages === undefined) this.byHeight.set(height, (messages = new Map()));
    if (messages.has(key)) return false;
    messages.set(key, { kind, item });
    if (kind === 'vote') this.votes++;
    else this.proposals++;
    return true;
  }

  /** The messages kept for `height`, in arrival order; forgets them and those of every lower height. */
  take(height: number): T[] {
    const taken: T[] = [];
    for (const [h, messages] of [...this.byHeight]) {
      if (h > height) continue;
      this.byHeight.delete(h);
      for (const { kind, item } of messages.values()) {
        if (kind === 'vote') this.votes--;
        else this.proposals--;
        if (h === height) taken.push(item);
      }
    }
    return taken;
  }

  get size(): number {
    return this.votes + this.proposals;
  }
}
