// This file runs in Node at build time (vite.config.ts), never in the page.
import { parseAst, type Plugin } from 'vite';

/**
 * antd generates its CSS in the page (CSS-in-JS) unless told not to: every component's `style/` module holds the
 * functions that would build its rules, and hands them to a hook factory — `genStyleHooks('Button', styleFn, …)`. The
 * console runs antd in zero-runtime mode (LocaleProvider's `zeroRuntime: true`; the rules come from antd's static
 * stylesheet, first-screen-css.ts), where those hooks return before ever calling `styleFn`. The functions are dead code
 * the browser still has to download and parse at start-up: about a fifth of the UI code's bytes.
 *
 * This plugin replaces that argument with `() => []` in antd's component style modules, so the bundler drops the
 * functions. Nothing else changes: the factories still make the same hooks, which still return the same class names
 * and register the theme's CSS variables; component tokens (the factories' third argument) are kept. It is correct
 * only while every antd component renders under a ConfigProvider with `zeroRuntime: true` — the console's one root
 * does (boot.tsx → LocaleProvider), and messages and modals come from `App.useApp()` inside it. Were runtime styles
 * ever turned back on, components would render unstyled by CSS-in-JS (antd's static sheet would still style them).
 */

/** antd's per-component style modules (antd/es/<component>/style/*.js), the only files this plugin touches. */
const STYLE_MODULE = /[\\/]node_modules[\\/]antd[\\/]es[\\/][^\\/]+[\\/]style[\\/][^\\/]+\.js$/;

/** antd's hook factories (theme/util/genStyleUtils), whose second argument is the style function. */
const HOOK_FACTORIES = new Set(['genStyleHooks', 'genSubStyleComponent', 'genComponentStyleHook']);

const STUB = '() => []';

export function zeroRuntimeStyles(): Plugin {
  return {
    name: 'countersign:zero-runtime-styles',
    apply: 'build',
    transform(code, id) {
      if (!STYLE_MODULE.test(id)) return null;
      const out = stubStyleFunctions(code);
      return out === code ? null : { code: out, map: null };
    },
  };
}

interface AstNode {
  type: string;
  start: number;
  end: number;
}

/**
 * `code` with the style-function argument of every hook-factory call replaced by a function that returns no rules
 * (unchanged when there is none). Calls are found in the parsed module, not by text, so formatting cannot fool it.
 */
export function stubStyleFunctions(code: string): string {
  const spans: { start: number; end: number }[] = [];
  visit(parseAst(code) as unknown as AstNode, (node) => {
    if (node.type !== 'CallExpression') return;
    const { callee, arguments: args } = node as AstNode & { callee: AstNode & { name?: string }; arguments: AstNode[] };
    const styleFn = args[1];
    if (callee.type === 'Identifier' && HOOK_FACTORIES.has(callee.name ?? '') && styleFn) spans.push(styleFn);
  });
  // A call nested inside a style function goes with it: only the outermost spans are cut, from the last one back.
  const outermost = spans.filter((s) => !spans.some((o) => o !== s && o.start <= s.start && s.end <= o.end));
  let out = code;
  for (const { start, end } of outermost.sort((a, b) => b.start - a.start)) {
    out = out.slice(0, start) + STUB + out.slice(end);
  }
  return out;
}

/** Calls `fn` on every node of an ESTree tree, parents before children. */
function visit(node: unknown, fn: (node: AstNode) => void): void {
  if (Array.isArray(node)) {
    for (const child of node) visit(child, fn);
    return;
  }
  if (node === null || typeof node !== 'object' || typeof (node as AstNode).type !== 'string') return;
  fn(node as AstNode);
  for (const [key, value] of Object.entries(node)) {
    if (key !== 'start' && key !== 'end' && value !== null && typeof value === 'object') visit(value, fn);
  }
}
