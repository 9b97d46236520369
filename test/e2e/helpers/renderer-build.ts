import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

/**
 * The end-to-end tests drive the built console (renderer/dist), so they build it first when it is missing or older
 * than any of its sources — `npm test` on a clean checkout included. Test files run in parallel processes: a lock
 * directory makes one build while the others wait for it.
 */

const ROOT = path.resolve(import.meta.dirname, '../../..');
const DIST_INDEX = path.join(ROOT, 'renderer/dist/index.html');
const SOURCES = [
  'renderer/src',
  'renderer/public',
  'renderer/build',
  'renderer/index.html',
  'renderer/vite.config.ts',
  'shared',
];
const LOCK = path.join(os.tmpdir(), `countersign-renderer-build-${Buffer.from(ROOT).toString('hex').slice(-16)}.lock`);
const run = promisify(execFile);

function newestMtime(p: string): number {
  if (!existsSync(p)) return 0;
  const s = statSync(p);
  if (!s.isDirectory()) return s.mtimeMs;
  return Math.max(s.mtimeMs, ...readdirSync(p).map((name) => newestMtime(path.join(p, name))));
}

function fresh(): boolean {
  if (!existsSync(DIST_INDEX)) return false;
  const built = statSync(DIST_INDEX).mtimeMs;
  return SOURCES.every((s) => newestMtime(path.join(ROOT, s)) <= built);
}

export async function ensureRendererBuilt(): Promise<void> {
  if (fresh()) return;
  const deadline = Date.now() + 240_000;
  for (;;) {
    try {
      mkdirSync(LOCK);
      break;
    } catch {
      // Another test process is building; a lock older than the deadline is from a build that died.
      if (existsSync(LOCK) && Date.now() - statSync(LOCK).mtimeMs > 240_000)
        rmSync(LOCK, { recursive: true, force: true });
      if (Date.now() > deadline) throw new Error(`gave up waiting for the renderer build lock ${LOCK}`);
      await new Promise((r) => setTimeout(r, 250));
    }
  }
  try {
    if (fresh()) return;
    const started = Date.now();
    await run(
      process.execPath,
      [path.join(ROOT, 'node_modules/vite/bin/vite.js'), 'build', 'renderer', '--logLevel', 'warn'],
      {
        cwd: ROOT,
        maxBuffer: 16 * 1024 * 1024,
      },
    );
    console.log(`# built the console (renderer/dist) in ${Date.now() - started} ms`);
  } finally {
    rmSync(LOCK, { recursive: true, force: true });
  }
}
