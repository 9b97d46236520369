import { utilityProcess } from 'electron';
import { HostClient } from './host-client.ts';
import { hostArgv, type HostArgs } from './host-protocol.ts';

/**
 * Starts the node host in an Electron utility process: a Node environment of its own (not the main process, not a
 * renderer), so SQLite commits and signature verification never block the window or the main event loop.
 * utilityProcess rather than child_process.fork: the RunAsNode fuse is off, and fork needs it.
 */
export function startNodeHost(entry: string, args: HostArgs, log: (message: string) => void): HostClient {
  const child = utilityProcess.fork(entry, hostArgv(args), {
    serviceName: 'Countersign node',
    stdio: 'inherit',
  });
  return new HostClient(
    {
      post: (message) => child.postMessage(message),
      onMessage: (listener) => void child.on('message', listener),
      onExit: (listener) => void child.once('exit', listener),
      kill: () => void child.kill(),
    },
    { onProtocolError: log },
  );
}
