import { fork, type ChildProcess } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { HostClient } from '../../../main/electron/host-client.ts';
import { buildElectron } from '../../../scripts/build-electron.ts';

export const repoRoot = path.resolve(import.meta.dirname, '../../..');

/**
 * A throw-away copy of the app's project layout in the OS temp folder: the Electron bundle built into
 * dist/electron, the renderer (the real build when there is one, else a one-page stand-in), package.json,
 * electron-builder.yml, and node_modules linked to the repository's. The repository's own dist/ is never touched.
 */
export async function makeAppProject(): Promise<{ dir: string; cleanup: () => void }> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'countersign-app-'));
  for (const file of ['package.json', 'electron-builder.yml']) cpSync(path.join(repoRoot, file), path.join(dir, file));
  symlinkSync(path.join(repoRoot, 'node_modules'), path.join(dir, 'node_modules'), 'dir');
  await buildElectron(path.join(dir, 'dist', 'electron'));
  const renderer = path.join(repoRoot, 'renderer', 'dist');
  if (existsSync(path.join(renderer, 'index.html'))) {
    cpSync(renderer, path.join(dir, 'renderer', 'dist'), { recursive: true });
  } else {
    mkdirSync(path.join(dir, 'renderer', 'dist'), { recursive: true });
    writeFileSync(path.join(dir, 'renderer', 'dist', 'index.html'), '<!doctype html><title>Countersign</title>\n');
  }
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/**
 * Starts a built node host (node-host.mjs) as the app does, but as a Node child process with an IPC channel instead
 * of an Electron utility process: the same bundle and the same protocol, driven by the app's own HostClient.
 */
export function startHost(
  entry: string,
  args: string[],
): { client: HostClient; child: ChildProcess; stderr: () => string } {
  const child = fork(entry, args, {
    stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
    env: { ...process.env, COUNTERSIGN_LOG: 'warn' },
  });
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
  const client = new HostClient(
    {
      post: (m) => void child.send(m),
      onMessage: (l) => void child.on('message', l),
      onExit: (l) => void child.once('exit', (code) => l(code ?? 1)),
      kill: () => void child.kill('SIGKILL'),
    },
    { timeoutMs: 20_000 },
  );
  return { client, child, stderr: () => stderr };
}

/** `proposal.propose` params for a demo transfer (jhcb.treasury → hbsec.treasury, CNY minor units). */
export function transferProposal(signer: string, amount: string, approve: boolean) {
  return {
    signer,
    action: { type: 'transfer', from: 'jhcb.treasury', to: 'hbsec.treasury', asset: 'CNY', amount },
    expiresInMs: 3_600_000,
    approve,
  };
}
