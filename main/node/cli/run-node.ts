import { CountersignNode, type NodeOptions } from '../node.ts';

/**
 * Runs a node in the foreground until SIGINT or SIGTERM, then closes it cleanly (the store is consistent at every
 * instant anyway: a block is one SQLite transaction). Resolves when the node has stopped.
 */
export async function runNodeUntilSignal(
  opts: NodeOptions,
  onStarted?: (node: CountersignNode) => Promise<void> | void,
): Promise<void> {
  const node = await CountersignNode.start(opts);
  let stopping = false;
  const stopped = new Promise<void>((resolve) => {
    const stop = (signal: string) => {
      if (stopping) return;
      stopping = true;
      node.log.info({ signal }, 'stopping');
      void node.close().then(resolve);
    };
    process.once('SIGINT', () => stop('SIGINT'));
    process.once('SIGTERM', () => stop('SIGTERM'));
  });
  await onStarted?.(node);
  await stopped;
}
