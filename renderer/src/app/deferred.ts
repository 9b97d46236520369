import { lazy, type ComponentType, type LazyExoticComponent } from 'react';

/**
 * What the first render does not need, loaded after it. The start-up path carries only the shell and the inbox with
 * the part of antd's stylesheet they use (renderer/build/first-screen-css.ts); dialogs, the token prompt and the other
 * views are chunks of their own, and each waits for antd's whole stylesheet before it renders, so nothing is ever
 * shown half-styled. Once the inbox shows its data, the stylesheet and the inbox's dialogs are fetched while the
 * browser is idle, so the first click on "New transfer" or "Approve" does not wait.
 */

const prefetch: (() => Promise<unknown>)[] = [];
let prefetched = false;
let styles: Promise<unknown> | undefined;

/** antd's whole stylesheet (loaded once; a failed load is tried again on the next use). */
export function fullStyles(): Promise<unknown> {
  return (styles ??= retryable(
    () => import('./full-styles.ts'),
    () => (styles = undefined),
  ));
}

/** A React.lazy component from `load` that renders once antd's whole stylesheet is in. Render it inside <Suspense>. */
export function lazyWithStyles<P extends object>(
  load: () => Promise<ComponentType<P>>,
): LazyExoticComponent<ComponentType<P>> {
  return lazy(async () => ({ default: (await Promise.all([load(), fullStyles()]))[0] }));
}

/** Like lazyWithStyles, and fetched ahead by prefetchDeferred(): for what the first screen opens (its dialogs). */
export function deferred<P extends object>(
  load: () => Promise<ComponentType<P>>,
): LazyExoticComponent<ComponentType<P>> {
  let once: Promise<ComponentType<P>> | undefined;
  const get = () => (once ??= retryable(load, () => (once = undefined)));
  prefetch.push(get);
  return lazyWithStyles(get);
}

/** Whether the first screen is up and prefetchDeferred() has been called: deferred parts may render now. */
export function firstScreenDone(): boolean {
  return prefetched;
}

/** Fetches the whole stylesheet and every deferred chunk when the browser is next idle (once). */
export function prefetchDeferred(): void {
  if (prefetched) return;
  prefetched = true;
  const run = () => {
    void fullStyles().catch(() => {}); // a failure shows where it is needed
    for (const load of prefetch) void load().catch(() => {});
  };
  if (typeof window.requestIdleCallback === 'function') window.requestIdleCallback(run, { timeout: 1000 });
  else setTimeout(run, 100);
}

function retryable<T>(load: () => Promise<T>, forget: () => void): Promise<T> {
  return load().catch((err: unknown) => {
    forget();
    throw err;
  });
}
