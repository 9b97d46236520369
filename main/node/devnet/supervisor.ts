import { spawn, type ChildProcess } from 'node:child_process';
import { openSync } from 'node:fs';
import path from 'node:path';

/** The CLI entry point, run by the same Node binary as this process. */
const CLI = path.join(import.meta.dirname, '../cli/countersign.ts');

export interface SupervisedNode {
  readonly home: string;
  readonly child: ChildProcess;
  readonly logFile: string;
}

/**
 * Runs one `countersign start` child process per node home, each logging to HOME/node.log, and stops them all
 * together: `stop()` sends SIGTERM to every child and resolves when all have exited. A child that dies on its own is
 * reported through `onExit` (the others keep running: a network tolerates a stopped node).
 */
export function superviseNodes(
  homes: readonly string[],
  onExit: (home: string, code: number | null, signal: NodeJS.Signals | null) => void,
): { nodes: SupervisedNode[]; stop: () => Promise<void> } {
  const nodes = homes.map((home) => {
    const logFile = path.join(home, 'node.log');
    const out = openSync(logFile, 'a');
    const child = spawn(process.execPath, [CLI, 'start', '--home', home], {
      stdio: ['ignore', out, out],
      env: process.env,
    });
    child.on('exit', (code, signal) => onExit(home, code, signal));
    return { home, child, logFile };
  });
  const stop = async () => {
    await Promise.all(
      nodes.map(
        ({ child }) =>
          new Promise<void>((resolve) => {
            if (child.exitCode !== null || child.signalCode !== null) return resolve();
            child.once('exit', () => resolve());
            child.kill('SIGTERM');
          }),
      ),
    );
  };
  return { nodes, stop };
}
