/** The start-up marks the e2e run reads (docs/console.md): when the entry ran, when the UI code was in, when the
 * inbox first showed real data. Marked once each; the page's own clock, so the test's polling adds nothing. */
export type StartupMark = 'countersign:start' | 'countersign:boot' | 'countersign:inbox';

export function markOnce(name: StartupMark): void {
  if (performance.getEntriesByName(name).length === 0) performance.mark(name);
}

/**
 * Marks `name` once the frame holding what was just committed has been painted, not when React committed it: a
 * requestAnimationFrame callback runs before that frame's paint, and a task queued from it runs after the paint.
 * `then` runs right after the mark: what should wait until the first screen is on it.
 */
export function markAfterPaint(name: StartupMark, then?: () => void): void {
  requestAnimationFrame(() => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      markOnce(name);
      then?.();
    };
    channel.port2.postMessage(null);
  });
}
