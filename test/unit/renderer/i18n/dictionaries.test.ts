import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { en } from '../../../../renderer/src/i18n/en.ts';
import { zhCN } from '../../../../renderer/src/i18n/zh-CN.ts';

/**
 * Both languages are complete: the same keys, the same {{placeholders}} in each text, and every key the views ask
 * for (literal keys, and the fixed prefix of keys built at run time) exists. A missing key would show its raw name.
 */

type Tree = { [k: string]: string | Tree };

function leaves(tree: Tree, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [k, v] of Object.entries(tree)) {
    const key = prefix ? `${prefix}.${k}` : k;
    if (typeof v === 'string') out.set(key, v);
    else for (const [kk, vv] of leaves(v, key)) out.set(kk, vv);
  }
  return out;
}

function lookup(tree: Tree, key: string): string | Tree | undefined {
  let node: string | Tree | undefined = tree;
  for (const part of key.split('.')) {
    if (typeof node !== 'object') return undefined;
    node = node[part];
  }
  return node;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const file = path.join(dir, name);
    if (statSync(file).isDirectory()) return sourceFiles(file);
    return /\.(ts|tsx)$/.test(name) && !file.includes(`${path.sep}i18n${path.sep}`) ? [file] : [];
  });
}

const placeholders = (text: string) => [...text.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();
const english = leaves(en as Tree);
const chinese = leaves(zhCN as Tree);

describe('translations', () => {
  it('have the same keys in English and Chinese', () => {
    assert.deepEqual([...chinese.keys()].sort(), [...english.keys()].sort());
  });

  it('use the same placeholders in both languages, and no empty Chinese text where English has one', () => {
    for (const [key, text] of english) {
      const zh = chinese.get(key)!;
      assert.deepEqual(placeholders(zh), placeholders(text), key);
      if (text !== '') assert.notEqual(zh, '', key);
      if (/[A-Za-z]{4,}/.test(text) && !/^[A-Z0-9 #/()'’-]+$/.test(text)) {
        assert.notEqual(zh, text, `${key} is not translated`);
      }
    }
  });

  it('cover every key the views use', () => {
    const files = sourceFiles(path.join(import.meta.dirname, '../../../../renderer/src'));
    let literal = 0;
    let dynamic = 0;
    for (const file of files) {
      const text = readFileSync(file, 'utf8');
      for (const m of text.matchAll(/\bt\(\s*'([a-zA-Z0-9_.-]+)'/g)) {
        literal += 1;
        assert.equal(typeof lookup(en as Tree, m[1]!), 'string', `${m[1]} (${path.basename(file)})`);
      }
      // t(`settlement.modes.${m}`): the fixed part must name a group of texts.
      for (const m of text.matchAll(/\bt\(\s*`([a-zA-Z0-9_.-]+)\.\$\{/g)) {
        dynamic += 1;
        assert.equal(typeof lookup(en as Tree, m[1]!), 'object', `${m[1]}.* (${path.basename(file)})`);
      }
    }
    assert.ok(literal > 100 && dynamic > 10, `found ${literal} literal and ${dynamic} built keys`);
  });
});
