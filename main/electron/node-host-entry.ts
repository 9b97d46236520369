import { parseHostArgv } from './host-protocol.ts';
import { runNodeHost, type HostPort } from './node-host.ts';

/**
 * Entry point of the node host process. Under Electron it is a utility process and talks over
 * `process.parentPort`; under plain Node (tests of the built bundle) it is a child_process.fork child and talks over
 * the IPC channel. Either way the node itself is the same code the CLI runs.
 */
interface ParentPortLike {
  postMessage(message: unknown): void;
  on(event: 'message', listener: (event: { data: unknown }) => void): void;
}

const parentPort = (process as unknown as { parentPort?: ParentPortLike }).parentPort;
let port: HostPort;
if (parentPort !== undefined) {
  port = { post: (m) => parentPort.postMessage(m), onMessage: (l) => parentPort.on('message', (e) => l(e.data)) };
} else if (process.send !== undefined) {
  const send = process.send.bind(process);
  port = { post: (m) => void send(m), onMessage: (l) => void process.on('message', l) };
} else {
  console.error('countersign node host: start me from the app (utility process) or with child_process.fork');
  process.exit(2);
}

void runNodeHost(port, parseHostArgv(process.argv.slice(2)), (code) => process.exit(code));
