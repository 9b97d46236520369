import { markOnce } from './app/startup-mark.ts';
import { startUp } from './api/pick-transport.ts';

/**
 * Start-up, in two steps so the node is asked for the home view's data before the UI code (React, antd) has even been
 * parsed: this small entry picks the transport — the Electron bridge in the app, else a WebSocket to the node that
 * served the page with the token from the URL fragment — and warms the inbox's first calls; then the UI is loaded and
 * rendered (boot.tsx), and its first calls take the answers already on their way.
 */
markOnce('countersign:start');
const start = startUp();
if ('client' in start) {
  const c = start.client;
  c.warm('node.status', {});
  c.warm('proposal.inbox', {});
  c.warm('proposal.list', { limit: 100 });
  c.warm('account.list', {});
  c.warm('asset.list', {});
  c.warm('member.list', {});
  c.warm('signatory.list', {});
  c.warm('signer.list', {});
}
void import('./app/boot.tsx').then((m) => m.boot(start));
