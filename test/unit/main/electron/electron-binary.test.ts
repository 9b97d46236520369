import assert from 'node:assert/strict';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { displayProblem, findElectronBinary } from '../../../../scripts/electron-binary.ts';

/** A project folder with an electron package, with or without a (stand-in) binary, as npm would leave it. */
function project(binary?: string) {
  const root = mkdtempSync(path.join(os.tmpdir(), 'countersign-electron-bin-'));
  writeFileSync(path.join(root, 'package.json'), '{"name":"p"}');
  const pkg = path.join(root, 'node_modules', 'electron');
  mkdirSync(pkg, { recursive: true });
  writeFileSync(path.join(pkg, 'package.json'), '{"name":"electron","version":"45.4.1"}');
  // If anything required the package, this would run: the finder must never load it (it would start a download).
  writeFileSync(path.join(pkg, 'index.js'), 'throw new Error("index.js must not be loaded")');
  if (binary !== undefined) {
    writeFileSync(path.join(pkg, 'path.txt'), 'electron');
    mkdirSync(path.join(pkg, 'dist'));
    writeFileSync(path.join(pkg, 'dist', 'electron'), binary);
    chmodSync(path.join(pkg, 'dist', 'electron'), 0o755);
  }
  roots.push(root);
  return root;
}
const roots: string[] = [];
after(() => roots.forEach((r) => rmSync(r, { recursive: true, force: true })));

describe('finding an Electron binary without triggering a download', { skip: process.platform === 'win32' }, () => {
  it('says why there is none when the binary was never downloaded', () => {
    const found = findElectronBinary(project());
    assert.equal(found.found, false);
    assert.match(found.found ? '' : found.reason, /path\.txt is missing: the binary was never downloaded/);
  });
  it('finds a binary that runs, with its version', () => {
    const found = findElectronBinary(project('#!/bin/sh\necho v45.4.1\n'));
    assert.equal(found.found && found.version, 'v45.4.1');
  });
  it('refuses a binary that does not run', () => {
    const found = findElectronBinary(project('#!/bin/sh\nexit 3\n'));
    assert.match(found.found ? '' : found.reason, /--version failed \(exit 3\)/);
  });
  it('needs a display on Linux', () => {
    if (process.platform !== 'linux') return;
    assert.match(displayProblem({}) ?? '', /no display/);
    assert.equal(displayProblem({ DISPLAY: ':0' }), undefined);
  });
});
