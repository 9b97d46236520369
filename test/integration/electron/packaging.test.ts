import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { makeAppProject, repoRoot, startHost } from './app-project.ts';

/**
 * electron-builder.yml packed for real, offline: `electron-builder --dir --linux` with a stand-in Electron folder
 * (TOOLCHAIN.md: the binary cannot be downloaded here). The stand-in "binary" carries Electron's fuse sentinel and
 * default fuse wire, so the fuses electron-builder flips can be read back. Then the asar is listed with
 * @electron/asar (what electron-builder itself uses), and the packed node is extracted and started.
 */

const asar = createRequire(import.meta.url)('@electron/asar') as {
  listPackage(archive: string, options?: object): string[];
  statFile(archive: string, file: string): { unpacked?: boolean; size?: number };
  extractFile(archive: string, file: string): Buffer;
  extractAll(archive: string, dest: string): void;
};

/** The native modules, and the packages sodium-native loads its prebuild with (require-addon and what it needs). */
const NATIVE_PACKAGES = [
  'better-sqlite3',
  'pkcs11js',
  'sodium-native',
  'require-addon',
  'which-runtime',
  'bare-addon-resolve',
  'bare-module-resolve',
  'bare-semver',
];

const SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
// Electron 45's default wire (version 1, 8 fuses): RunAsNode on, cookie encryption off, NODE_OPTIONS on, inspect on,
// asar integrity off, only-asar off, browser V8 snapshot off, file:// extra privileges on.
const DEFAULT_WIRE = '10110001';
const FUSES = [
  'runAsNode',
  'enableCookieEncryption',
  'enableNodeOptionsEnvironmentVariable',
  'enableNodeCliInspectArguments',
  'enableEmbeddedAsarIntegrityValidation',
  'onlyLoadAppFromAsar',
  'loadBrowserProcessSpecificV8Snapshot',
  'grantFileProtocolExtraPrivileges',
];

let project: Awaited<ReturnType<typeof makeAppProject>>;
let standIn: string;
let unpackedApp: string;
let archive: string;
let builderLog = '';

before(async () => {
  project = await makeAppProject();
  standIn = mkdtempSync(path.join(os.tmpdir(), 'countersign-electron-standin-'));
  writeFileSync(
    path.join(standIn, 'electron'),
    Buffer.concat([
      Buffer.from('#!/bin/sh\n# stand-in Electron\n'),
      Buffer.from(SENTINEL),
      Buffer.from([1, 8]),
      Buffer.from(`${DEFAULT_WIRE}\n`),
    ]),
  );
  chmodSync(path.join(standIn, 'electron'), 0o755);
  writeFileSync(path.join(standIn, 'LICENSE'), 'stand-in\n');

  const cli = path.join(repoRoot, 'node_modules', 'electron-builder', 'cli.js');
  const run = spawnSync(
    process.execPath,
    [cli, '--dir', '--linux', '--x64', `-c.electronDist=${standIn}`, '-c.electronVersion=45.4.1'],
    {
      cwd: project.dir,
      encoding: 'utf8',
      timeout: 80_000,
      env: { ...process.env, CSC_IDENTITY_AUTO_DISCOVERY: 'false' },
    },
  );
  builderLog = `${run.stdout}\n${run.stderr}`;
  assert.equal(run.status, 0, `electron-builder failed:\n${builderLog.slice(-4000)}`);
  unpackedApp = path.join(project.dir, 'dist', 'app', 'linux-unpacked');
  archive = path.join(unpackedApp, 'resources', 'app.asar');
});
after(() => {
  project.cleanup();
  rmSync(standIn, { recursive: true, force: true });
});

describe('packaging (electron-builder --dir with a stand-in Electron)', { timeout: 120_000 }, () => {
  it('packs the built app into resources/app.asar with the bundled entry as main', () => {
    assert.ok(existsSync(archive), `no app.asar in ${unpackedApp}`);
    const files = new Set(asar.listPackage(archive).map((f) => f.replace(/^[\\/]/, '').replaceAll('\\', '/')));
    for (const f of [
      'package.json',
      'dist/electron/main.cjs',
      'dist/electron/node-host.mjs',
      'dist/electron/tx-preparer-worker.mjs',
      'dist/electron/preload.cjs',
      'renderer/dist/index.html',
    ]) {
      assert.ok(files.has(f), `${f} missing from the asar`);
    }
    const pkg = JSON.parse(asar.extractFile(archive, 'package.json').toString('utf8')) as { main?: string };
    assert.equal(pkg.main, 'dist/electron/main.cjs');
    assert.ok(![...files].some((f) => f.endsWith('.ts')), 'TypeScript sources are not shipped');
    const modules = new Set([...files].filter((f) => f.startsWith('node_modules/')).map((f) => f.split('/')[1]));
    assert.deepEqual(
      [...modules].sort(),
      [...NATIVE_PACKAGES].sort(),
      'only the native modules and their loaders come from node_modules',
    );
  });

  it('keeps the native modules out of the bundle: it imports them, node_modules provides them', () => {
    const bundle = asar
      .listPackage(archive)
      .map((f) => f.replace(/^[\\/]/, '').replaceAll('\\', '/'))
      .filter((f) => /^dist\/electron\/[^/]+\.(mjs|cjs)$/.test(f))
      .map((f) => asar.extractFile(archive, f).toString('utf8'))
      .join('\n');
    for (const name of ['better-sqlite3', 'sodium-native']) {
      assert.match(bundle, new RegExp(`from ["']${name}["']|require\\(["']${name}["']\\)`), `${name} is not imported`);
    }
    // sodium-native's own code (its loader, its argument checks) would be bundled with it.
    assert.doesNotMatch(bundle, /require-addon|crypto_sign_verify_detached = function/, 'sodium-native was bundled');
  });

  it('unpacks every native module (*.node) next to the asar, byte for byte', () => {
    const natives = asar
      .listPackage(archive)
      .map((f) => f.replace(/^[\\/]/, ''))
      .filter((f) => f.endsWith('.node'));
    const expected = [
      `node_modules/better-sqlite3/prebuilds/${process.platform}-${process.arch}.node`,
      'node_modules/pkcs11js/build/Release/pkcs11.node',
      `node_modules/sodium-native/prebuilds/${process.platform}-${process.arch}/sodium-native.node`,
    ];
    assert.deepEqual(natives.sort(), expected.sort());
    for (const file of natives) {
      assert.equal(asar.statFile(archive, file).unpacked, true, `${file} is inside the asar`);
      const unpacked = path.join(unpackedApp, 'resources', 'app.asar.unpacked', file);
      assert.ok(existsSync(unpacked), `${unpacked} missing`);
      assert.deepEqual(readFileSync(unpacked), readFileSync(path.join(repoRoot, file)), `${file} differs`);
    }
  });

  it('flips the Electron fuses in the packaged binary as electron-builder.yml says', () => {
    const binary = readFileSync(path.join(unpackedApp, 'countersign'));
    const at = binary.indexOf(SENTINEL) + SENTINEL.length;
    assert.ok(at >= SENTINEL.length, 'fuse sentinel not found');
    const wire = binary.subarray(at + 2, at + 2 + binary[at + 1]!).toString('latin1');
    const fuses = Object.fromEntries(FUSES.map((name, i) => [name, wire[i] === '1']));
    assert.deepEqual(fuses, {
      runAsNode: false,
      enableCookieEncryption: true,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      loadBrowserProcessSpecificV8Snapshot: false,
      grantFileProtocolExtraPrivileges: false,
    });
  });

  it('ships a preload that loads nothing but electron (sandboxed preloads cannot)', () => {
    const preload = asar.extractFile(archive, 'dist/electron/preload.cjs').toString('utf8');
    const required = [...preload.matchAll(/require\(\s*["']([^"']+)["']\s*\)/g)].map((m) => m[1]);
    assert.deepEqual([...new Set(required)], ['electron']);
  });

  it("the packed sodium-native loads from the asar's files alone and verifies RFC 8032 TEST 1", () => {
    const extracted = mkdtempSync(path.join(os.tmpdir(), 'countersign-asar-'));
    try {
      asar.extractAll(archive, extracted);
      const vectors = JSON.parse(readFileSync(path.join(repoRoot, 'test/vectors/rfc8032-ed25519.json'), 'utf8')) as {
        vectors: { name: string; publicKey: string; message: string; signature: string }[];
      };
      const v = vectors.vectors.find((t) => t.name === 'TEST 1')!;
      const sodiumDir = JSON.stringify(path.join(extracted, 'node_modules', 'sodium-native'));
      const script = [
        `const sodium = require(${sodiumDir});`,
        `const hex = (h) => Buffer.from(h, 'hex');`,
        `const [sig, msg, key] = [hex('${v.signature}'), hex('${v.message}'), hex('${v.publicKey}')];`,
        `const ok = sodium.crypto_sign_verify_detached(sig, msg, key);`,
        `const loaded = Object.keys(require.cache).filter((f) => f.includes('node_modules'));`,
        `console.log(JSON.stringify({ ok, loaded }));`,
      ].join('\n');
      const run = spawnSync(process.execPath, ['-e', script], { cwd: extracted, encoding: 'utf8', timeout: 20_000 });
      assert.equal(run.status, 0, run.stderr);
      const out = JSON.parse(run.stdout) as { ok: boolean; loaded: string[] };
      assert.equal(out.ok, true);
      assert.ok(
        out.loaded.some((f) => f.endsWith('sodium-native.node')),
        'the prebuild was loaded',
      );
      for (const f of out.loaded) assert.ok(f.startsWith(extracted), `${f} is not from the extracted asar`);
    } finally {
      rmSync(extracted, { recursive: true, force: true });
    }
  });

  it('the packed node starts from what the asar holds (bundle + packed native modules) and serves a call', async () => {
    const extracted = mkdtempSync(path.join(os.tmpdir(), 'countersign-asar-'));
    try {
      asar.extractAll(archive, extracted);
      assert.ok(!existsSync(path.join(extracted, 'node_modules', 'zod')), 'nothing else from node_modules');
      mkdirSync(path.join(extracted, 'devnet'));
      const host = startHost(path.join(extracted, 'dist', 'electron', 'node-host.mjs'), [
        '--devnet',
        path.join(extracted, 'devnet'),
      ]);
      const ready = await host.client.ready.catch((err: Error) => assert.fail(`${err.message}\n${host.stderr()}`));
      assert.ok(ready.height >= 1);
      const status = await host.client.call('node.status', {});
      assert.ok(status.ok && (status.value as { chainId: string }).chainId === 'countersign-devnet');
      assert.equal(await host.client.stop(), 0);
    } finally {
      rmSync(extracted, { recursive: true, force: true });
    }
    assert.ok(statSync(archive).size < 20 * 1024 * 1024, 'the asar holds the bundle, not all of node_modules');
  });
});
