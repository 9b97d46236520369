/**
 * The passphrases and PINs the user unlocked for this session, held by the main process so the page never keeps
 * one. A held secret is added to a signing call that names its key without a secret. Everything is forgotten at
 * once on lock (idle, screen lock, suspend, or the user's request). JavaScript strings cannot be wiped, so forgetting
 * means dropping the only reference; the node opens and closes the key for each signature anyway.
 */
export class SigningSession {
  private readonly secrets = new Map<string, string>();
  private readonly listeners = new Set<(reason: string) => void>();

  hold(label: string, secret: string): void {
    this.secrets.set(label, secret);
  }

  secretFor(label: string): string | undefined {
    return this.secrets.get(label);
  }

  get size(): number {
    return this.secrets.size;
  }

  /** Forgets every secret and tells the listeners why (also when nothing was held: the page may hold its own state). */
  lock(reason: string): void {
    this.secrets.clear();
    for (const listener of this.listeners) listener(reason);
  }

  onLock(listener: (reason: string) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
