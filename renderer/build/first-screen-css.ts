// This file runs in Node at build time (vite.config.ts), never in the page: Node built-ins are what it is for.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Plugin } from 'vite';

/**
 * antd's zero-runtime stylesheet (antd/dist/antd.css) holds every component's rules: ~1 MB that the browser parses and
 * indexes before the first render. The first screen — the shell and the approvals inbox — uses a dozen components, so
 * the build also makes `virtual:antd-first-screen.css`: the same rules, in the same order, minus those that only style
 * other components. boot.tsx loads it with the UI code; the whole stylesheet follows once the inbox is up, and every
 * lazily loaded view or dialog waits for it (app/deferred.ts), so nothing else ever renders with half of antd's styles.
 * Since the whole sheet comes after the subset and repeats it in the same order, the final cascade is antd's own.
 */

export const FIRST_SCREEN_CSS = 'virtual:antd-first-screen.css';

/**
 * antd class prefixes (`ant-<prefix>` and `ant-<prefix>-…`) the first screen shows: the shell (layout, the header's
 * badge, tag and language switch; the navigation is plain links), the inbox (its tab switch, the awaiting list's tags,
 * buttons) and the selected proposal's detail (descriptions, timeline, alert, the hash's copy tooltip and its zoom, the
 * buttons' click wave). What only a later action shows (the signer filter's drop-down, the recent proposals' table,
 * messages after signing, the other animations) comes with the whole stylesheet.
 * test/e2e/console-flow.test.ts checks that every antd class on the first screen (an empty inbox) is covered.
 */
export const FIRST_SCREEN_PREFIXES = [
  'layout',
  'badge',
  'scroll-number',
  'tag',
  'typography',
  'segmented',
  'space',
  'spin',
  'row',
  'col',
  'empty',
  'btn',
  'alert',
  'descriptions',
  'timeline',
  'steps',
  'tooltip',
  'zoom',
  'wave',
] as const;

/** Whether an antd class (without the dot) is one the first screen can show. */
export function onFirstScreen(className: string, prefixes: readonly string[] = FIRST_SCREEN_PREFIXES): boolean {
  if (!className.startsWith('ant-')) return true;
  const rest = className.slice(4);
  return prefixes.some((p) => rest === p || rest.startsWith(`${p}-`));
}

export function firstScreenCss(): Plugin {
  const resolved = `\0${FIRST_SCREEN_CSS}`;
  return {
    name: 'countersign:first-screen-css',
    enforce: 'pre',
    resolveId(id) {
      return id === FIRST_SCREEN_CSS ? resolved : undefined;
    },
    load(id) {
      if (id !== resolved) return undefined;
      const file = createRequire(import.meta.url).resolve('antd/dist/antd.css');
      this.addWatchFile(file);
      return cssSubset(readFileSync(file, 'utf8'), (cls) => onFirstScreen(cls));
    },
  };
}

/**
 * The rules of `css` that can style an element whose antd classes `keep` accepts: a rule goes only when every selector
 * in its list requires a class `keep` refuses (a class inside :not(), :is(), :where() or :has() is not required, so it
 * never drops a rule). Grouping at-rules (@media, @supports, @container, @layer) are filtered inside and dropped when
 * emptied; other at-rules (@keyframes, @font-face, …) stay whole. Comments are dropped; strings are respected.
 */
export function cssSubset(css: string, keep: (className: string) => boolean): string {
  return filterBlock(css, 0, css.length, keep);
}

const GROUPING = /^@(?:media|supports|container|layer)\b/i;
const ANT_CLASS = /\.(ant-[\w-]+)/g;

function filterBlock(css: string, from: number, to: number, keep: (className: string) => boolean): string {
  let out = '';
  let i = from;
  while (i < to) {
    const open = scanTo(css, i, to, '{;}');
    if (open >= to || css[open] !== '{') {
      // A statement such as @charset or @import, or trailing whitespace.
      const text = css.slice(i, Math.min(open + 1, to)).trim();
      if (text && text !== '}') out += text;
      i = open + 1;
      continue;
    }
    const close = matchingBrace(css, open, to);
    const prelude = stripComments(css.slice(i, open)).trim();
    if (GROUPING.test(prelude)) {
      const inner = filterBlock(css, open + 1, close, keep);
      if (inner) out += `${prelude}{${inner}}`;
    } else if (prelude.startsWith('@') || selectorsKept(prelude, keep)) {
      out += `${prelude}${css.slice(open, close + 1)}`;
    }
    i = close + 1;
  }
  return out;
}

function selectorsKept(prelude: string, keep: (className: string) => boolean): boolean {
  return splitTopLevel(prelude).some((selector) =>
    [...withoutFunctionalPseudos(selector).matchAll(ANT_CLASS)].every((m) => keep(m[1]!)),
  );
}

/** A selector list split at its top-level commas (not those inside parentheses, brackets or strings). */
function splitTopLevel(list: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < list.length; i++) {
    const c = list[i]!;
    if (c === '"' || c === "'") i = skipString(list, i, list.length) - 1;
    else if (c === '(' || c === '[') depth++;
    else if (c === ')' || c === ']') depth--;
    else if (c === ',' && depth === 0) {
      parts.push(list.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(list.slice(start));
  return parts;
}

/** The selector with the arguments of its functional pseudo-classes (:not(…), :is(…), …) removed. */
function withoutFunctionalPseudos(selector: string): string {
  let out = '';
  let depth = 0;
  for (let i = 0; i < selector.length; i++) {
    const c = selector[i]!;
    if (c === '"' || c === "'") {
      const end = skipString(selector, i, selector.length);
      if (depth === 0) out += selector.slice(i, end);
      i = end - 1;
    } else if (c === '(') depth++;
    else if (c === ')') depth--;
    else if (depth === 0) out += c;
  }
  return out;
}

/** The index of the first of `chars` at or after `i` outside strings and comments, or `to`. */
function scanTo(css: string, i: number, to: number, chars: string): number {
  while (i < to) {
    const c = css[i]!;
    if (c === '"' || c === "'") i = skipString(css, i, to);
    else if (c === '/' && css[i + 1] === '*') i = skipComment(css, i, to);
    else if (chars.includes(c)) return i;
    else i++;
  }
  return to;
}

function matchingBrace(css: string, open: number, to: number): number {
  let depth = 0;
  let i = open;
  while (i < to) {
    const next = scanTo(css, i, to, '{}');
    if (next >= to) break;
    depth += css[next] === '{' ? 1 : -1;
    if (depth === 0) return next;
    i = next + 1;
  }
  throw new Error(`unbalanced braces in CSS from offset ${open}`);
}

function skipString(css: string, i: number, to: number): number {
  const quote = css[i];
  for (let j = i + 1; j < to; j++) {
    if (css[j] === '\\') j++;
    else if (css[j] === quote) return j + 1;
  }
  return to;
}

function skipComment(css: string, i: number, to: number): number {
  const end = css.indexOf('*/', i + 2);
  return end < 0 || end + 2 > to ? to : end + 2;
}

function stripComments(text: string): string {
  return text.replace(/\/\*[\s\S]*?\*\//g, '');
}
