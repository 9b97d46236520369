/**
 * Builds the Electron main process, the node host and the preload into dist/electron/ (docs/desktop.md says why):
 *
 *   main.cjs                 main process (one CommonJS file)    ← main/electron/main.ts
 *   node-host.mjs            the node, in a utility process (ESM) ← main/electron/node-host-entry.ts
 *   tx-preparer-worker.mjs   the node's verification worker      ← main/node/execution/tx-preparer-worker.ts
 *   preload.cjs              the preload: one CommonJS file, as sandboxed preloads must be
 *   *-[hash].mjs             code the entries share
 *   icon.png                 the app icon (512 px, drawn by main/electron/tray-icon.ts)
 *
 * Node's type stripping cannot run the sources in a packaged app (not inside app.asar, not under node_modules, not in
 * every Electron's embedded Node), so the TypeScript is bundled with Vite (Rolldown). Everything is bundled except
 * electron, Node's built-ins and the native modules (better-sqlite3, pkcs11js, sodium-native), which stay in
 * node_modules and are unpacked from the asar by electron-builder.
 *
 *   node scripts/build-electron.ts [--out DIR]
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import path from 'node:path';
import { build, type Plugin } from 'vite';
import { trayIconPng } from '../main/electron/tray-icon.ts';

const root = path.resolve(import.meta.dirname, '..');
export const DEFAULT_OUT_DIR = path.join(root, 'dist', 'electron');

export const NATIVE_MODULES = ['better-sqlite3', 'pkcs11js', 'sodium-native'];
const external = [
  'electron',
  /^electron\//,
  /^node:/,
  ...builtinModules,
  ...NATIVE_MODULES.flatMap((m) => [m, new RegExp(`^${m}/`)]),
];

/**
 * `new Worker(new URL('./x.ts', import.meta.url))`: the worker file becomes its own entry chunk x.mjs in the same
 * flat output folder, and the URL is rewritten to it, so workers load from the bundle as they do from the sources.
 */
function workerUrls(): Plugin {
  const pattern = /new URL\(\s*(['"])(\.{1,2}\/[^'"]+)\.ts\1\s*,\s*import\.meta\.url\s*\)/g;
  return {
    name: 'countersign-worker-urls',
    transform(code, id) {
      if (!id.endsWith('.ts') || !code.includes('import.meta.url')) return null;
      let changed = false;
      const out = code.replace(pattern, (_match, _quote: string, relative: string) => {
        const file = path.resolve(path.dirname(id), `${relative}.ts`);
        const name = path.basename(relative);
        this.emitFile({ type: 'chunk', id: file, fileName: `${name}.mjs` });
        changed = true;
        return `new URL('./${name}.mjs', import.meta.url)`;
      });
      return changed ? { code: out, map: null } : null;
    },
  };
}

/**
 * The preload needs the contract's method names, not its zod schemas: for the preload build the contract module is
 * replaced by its method list and error codes, computed from the real contract at build time. The preload stays a
 * few kilobytes with nothing in it but the bridge.
 */
function contractMethodsOnly(): Plugin {
  const contract = path.join(root, 'shared/api/contract.ts');
  return {
    name: 'countersign-contract-methods-only',
    async load(id) {
      if (path.resolve(id) !== contract) return null;
      const real = (await import(contract)) as { API_METHODS: string[]; RpcErrorCode: Record<string, number> };
      return [
        `export const API_METHODS = ${JSON.stringify(real.API_METHODS)};`,
        `export const RpcErrorCode = ${JSON.stringify(real.RpcErrorCode)};`,
      ].join('\n');
    },
  };
}

const common = {
  configFile: false as const,
  root,
  logLevel: 'warn' as const,
  publicDir: false as const,
  ssr: { noExternal: true as const, external: ['electron', ...NATIVE_MODULES] },
};

/**
 * main.cjs: the main process as one CommonJS file. Not ESM: an ESM entry is loaded asynchronously, so the app's
 * `ready` can come before its top level has run, and protocol.registerSchemesAsPrivileged and app.enableSandbox
 * must run before `ready`. CommonJS runs the whole file first.
 */
export async function buildMain(dir: string): Promise<void> {
  await build({
    ...common,
    define: { 'import.meta.dirname': '__dirname' },
    build: {
      ssr: true,
      outDir: dir,
      emptyOutDir: false,
      target: 'node22',
      minify: false,
      sourcemap: false,
      rolldownOptions: {
        input: { main: path.join(root, 'main/electron/main.ts') },
        external,
        output: { format: 'cjs', entryFileNames: '[name].cjs', codeSplitting: false },
      },
    },
  });
}

/** node-host.mjs and the node's verification worker (ESM, as utility processes and workers load it). */
export async function buildNodeHost(dir: string): Promise<void> {
  await build({
    ...common,
    plugins: [workerUrls()],
    build: {
      ssr: true,
      outDir: dir,
      emptyOutDir: false,
      target: 'node22',
      minify: false,
      sourcemap: false,
      rolldownOptions: {
        input: { 'node-host': path.join(root, 'main/electron/node-host-entry.ts') },
        external,
        output: { format: 'es', entryFileNames: '[name].mjs', chunkFileNames: '[name]-[hash].mjs' },
      },
    },
  });
}

/** preload.cjs: one self-contained CommonJS file whose only import is electron. */
export async function buildPreload(dir: string): Promise<void> {
  await build({
    ...common,
    plugins: [contractMethodsOnly()],
    build: {
      ssr: true,
      outDir: dir,
      emptyOutDir: false,
      target: 'node22',
      minify: false,
      sourcemap: false,
      rolldownOptions: {
        input: { preload: path.join(root, 'main/electron/preload.ts') },
        external: ['electron'],
        output: { format: 'cjs', entryFileNames: '[name].cjs', codeSplitting: false },
      },
    },
  });
}

export async function buildElectron(dir = DEFAULT_OUT_DIR): Promise<void> {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  await buildNodeHost(dir);
  await buildMain(dir);
  await buildPreload(dir);
  writeFileSync(path.join(dir, 'icon.png'), trayIconPng(0, 512));
}

if (import.meta.main) {
  const flag = process.argv.indexOf('--out');
  const dir =
    flag >= 0 && process.argv[flag + 1] !== undefined ? path.resolve(process.argv[flag + 1]!) : DEFAULT_OUT_DIR;
  const started = performance.now();
  await buildElectron(dir);
  console.log(`Electron bundle built in ${Math.round(performance.now() - started)} ms: ${path.relative(root, dir)}/`);
}
