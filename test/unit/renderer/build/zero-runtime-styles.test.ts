import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { describe, it } from 'node:test';
import { parseAst } from 'vite';
import { stubStyleFunctions } from '../../../../renderer/build/zero-runtime-styles.ts';

/**
 * The build's removal of antd's CSS-in-JS style functions (zero-runtime mode never calls them): on antd's own files,
 * every hook factory keeps its other arguments and the module keeps its exports; only the style function goes.
 */

interface Node {
  type: string;
  start: number;
  end: number;
  [key: string]: unknown;
}

const FACTORIES = new Set(['genStyleHooks', 'genSubStyleComponent', 'genComponentStyleHook']);

function factoryCalls(code: string): { name: string; args: string[] }[] {
  const calls: { name: string; args: string[] }[] = [];
  const walk = (n: unknown): void => {
    if (Array.isArray(n)) return n.forEach(walk);
    if (n === null || typeof n !== 'object') return;
    const node = n as Node;
    const callee = node['callee'] as (Node & { name?: string }) | undefined;
    if (node.type === 'CallExpression' && callee?.type === 'Identifier' && FACTORIES.has(callee.name ?? '')) {
      calls.push({ name: callee.name!, args: (node['arguments'] as Node[]).map((a) => code.slice(a.start, a.end)) });
    }
    for (const [k, v] of Object.entries(node)) if (k !== 'start' && k !== 'end') walk(v);
  };
  walk(parseAst(code));
  return calls;
}

function exportedNames(code: string): string[] {
  const body = (parseAst(code) as unknown as { body: Node[] }).body;
  return body
    .filter((n) => n.type.startsWith('Export'))
    .map((n) => code.slice(n.start, n.end).split(/[=(]/, 1)[0]!.trim())
    .sort();
}

const antdEs = path.join(path.dirname(createRequire(import.meta.url).resolve('antd/package.json')), 'es');
const styleModules = readdirSync(antdEs)
  .map((dir) => path.join(antdEs, dir, 'style'))
  .filter((dir) => statSync(dir, { throwIfNoEntry: false })?.isDirectory())
  .flatMap((dir) =>
    readdirSync(dir)
      .filter((f) => f.endsWith('.js'))
      .map((f) => path.join(dir, f)),
  );

describe('zero-runtime style stubs', () => {
  it('replaces only the style function of each hook factory call, in inline and named form', () => {
    const code = [
      "import { genStyleHooks, genSubStyleComponent } from '../../theme/internal';",
      'const genFooStyle = (token) => ({ [token.componentCls]: { color: token.colorText } });',
      'export const prepareComponentToken = (token) => ({ gap: token.padding });',
      "export default genStyleHooks('Foo', (token) => [genFooStyle(token)], prepareComponentToken, { order: 1 });",
      "export const Sub = genSubStyleComponent(['Foo', 'sub'], genFooStyle, prepareComponentToken);",
    ].join('\n');
    const out = stubStyleFunctions(code);
    assert.deepEqual(factoryCalls(out), [
      { name: 'genStyleHooks', args: ["'Foo'", '() => []', 'prepareComponentToken', '{ order: 1 }'] },
      { name: 'genSubStyleComponent', args: ["['Foo', 'sub']", '() => []', 'prepareComponentToken'] },
    ]);
    assert.match(out, /export const prepareComponentToken = \(token\) => \(\{ gap: token\.padding \}\);/);
  });

  it('leaves a module without hook factories as it is', () => {
    const code = 'export const genFocusStyle = (token) => ({ outline: token.lineWidthFocus });\n';
    assert.equal(stubStyleFunctions(code), code);
  });

  it("on every antd component style module: parses, keeps its exports and the factories' other arguments", () => {
    assert.ok(styleModules.length > 50, `found only ${styleModules.length} antd style modules`);
    let stubbed = 0;
    for (const file of styleModules) {
      const code = readFileSync(file, 'utf8');
      const out = stubStyleFunctions(code);
      const before = factoryCalls(code);
      const after = factoryCalls(out);
      assert.equal(after.length, before.length, file);
      after.forEach((call, i) => {
        assert.equal(call.args[1], '() => []', `${file}: ${call.name} style function`);
        assert.deepEqual(
          [call.args[0], ...call.args.slice(2)],
          [before[i]!.args[0], ...before[i]!.args.slice(2)],
          file,
        );
      });
      assert.deepEqual(exportedNames(out), exportedNames(code), file);
      if (before.length > 0) stubbed++;
    }
    // Table, Button, Menu and the rest: most component style modules declare their hooks this way.
    assert.ok(stubbed > 40, `only ${stubbed} modules had a hook factory call`);
  });
});
