/**
 * `npm start`: the app on a local devnet with demo data (.cache/devnet).
 *
 * - Where an Electron binary exists and a display is available: builds the renderer (when its sources changed) and
 *   the Electron bundle (dist/electron), then opens the desktop app on the devnet.
 * - Otherwise (our build machines: the binary cannot be downloaded): runs the same devnet with the browser console
 *   served by the node, and the devnet command prints the console's URL.
 *
 *   node scripts/start.ts [--console]     --console: the browser console even where Electron exists
 *   node scripts/start.ts --build-only    build the renderer and dist/electron, start nothing (npm run package:app)
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { buildElectron } from './build-electron.ts';
import { displayProblem, findElectronBinary } from './electron-binary.ts';

const root = path.resolve(import.meta.dirname, '..');
const devnet = path.join(root, '.cache', 'devnet');
const say = (line: string) => console.error(`countersign: ${line}`);

/** The renderer is rebuilt when any source under renderer/ or shared/ is newer than its built index.html. */
function rendererStale(): boolean {
  const built = path.join(root, 'renderer', 'dist', 'index.html');
  if (!existsSync(built)) return true;
  const builtAt = statSync(built).mtimeMs;
  const newer = (dir: string): boolean =>
    readdirSync(dir, { withFileTypes: true }).some((entry) => {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) return entry.name !== 'dist' && entry.name !== 'node_modules' && newer(full);
      return statSync(full).mtimeMs > builtAt;
    });
  return ['renderer', 'shared'].some((dir) => newer(path.join(root, dir)));
}

/** Rebuilds a stale renderer; a failed build falls back to the previous one. False: there is no renderer to show. */
function buildRenderer(): boolean {
  const built = existsSync(path.join(root, 'renderer', 'dist', 'index.html'));
  if (!rendererStale()) return true;
  say('building the renderer (vite build renderer)…');
  const vite = path.join(root, 'node_modules', 'vite', 'bin', 'vite.js');
  const run = spawnSync(process.execPath, [vite, 'build', 'renderer', '--logLevel', 'warn'], {
    cwd: root,
    stdio: 'inherit',
  });
  if (run.status === 0) return true;
  say(built ? 'the renderer build failed; using its previous build' : 'the renderer build failed');
  return built;
}

function run(command: string, args: string[]): Promise<number> {
  const child = spawn(command, args, { cwd: root, stdio: 'inherit' });
  // Ctrl-C reaches the child from the terminal by itself, and the node closes cleanly on that one signal (a second
  // SIGINT would not wait). So this process outlives it, and passes a SIGTERM on only if the child did not get the
  // interrupt (a kill aimed at this process alone); SIGTERM during a close changes nothing.
  process.on('SIGINT', () => setTimeout(() => child.exitCode === null && child.kill('SIGTERM'), 1_000));
  process.on('SIGTERM', () => child.kill('SIGTERM'));
  return new Promise((resolve) => child.on('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0))));
}

if (process.argv.includes('--build-only')) {
  if (!buildRenderer()) process.exit(1);
  await buildElectron();
  say('built renderer/dist and dist/electron');
  process.exit(0);
}

const forceConsole = process.argv.includes('--console');
const electron = forceConsole ? { found: false as const, reason: '--console was given' } : findElectronBinary(root);
const noDisplay = electron.found ? displayProblem() : undefined;

const haveRenderer = buildRenderer();
if (electron.found && noDisplay === undefined && haveRenderer) {
  say(`opening the desktop app (Electron ${electron.version}) on the devnet in ${path.relative(root, devnet)}`);
  await buildElectron();
  process.exitCode = await run(electron.path, [
    path.join(root, 'dist', 'electron', 'main.cjs'),
    '--devnet',
    devnet,
    '--dev',
  ]);
} else {
  const why = !electron.found ? electron.reason : (noDisplay ?? 'the renderer could not be built');
  say(`no desktop window: ${why}.`);
  say('running the devnet with the browser console instead; open the Console URL printed below.');
  process.exitCode = await run(process.execPath, [
    path.join(root, 'main', 'node', 'cli', 'countersign.ts'),
    'devnet',
    '--home',
    devnet,
  ]);
}
