import type { HtmlTagDescriptor, Plugin, Rollup } from 'vite';

/**
 * The entry script (main.tsx) is tiny so it can ask the node for the home view's data at once; the UI code it then
 * imports (boot.tsx: React, antd, the inbox) would only be requested after the entry has run. These hints in
 * index.html let the browser fetch that code and its stylesheet while it is still parsing the page: `modulepreload`
 * for every chunk the entry's dynamic imports need, `preload` for their CSS (Vite's loader then finds it in cache).
 * The tags are plain <link>s to files of this origin: the CSP's `script-src 'self'` and `style-src 'self'` cover them.
 */
export function preloadHints(): Plugin {
  return {
    name: 'countersign:preload-hints',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler(html, ctx) {
        const { bundle, chunk: entry } = ctx;
        if (!bundle || !entry) return html;
        const chunks = new Set<string>();
        const css = new Set<string>();
        const visit = (fileName: string) => {
          if (fileName === entry.fileName || chunks.has(fileName)) return;
          const chunk = bundle[fileName];
          if (chunk?.type !== 'chunk') return;
          chunks.add(fileName);
          for (const c of (chunk as Rollup.OutputChunk).viteMetadata?.importedCss ?? []) css.add(c);
          for (const imported of chunk.imports) visit(imported);
        };
        for (const dynamic of entry.dynamicImports) visit(dynamic);
        const link = (attrs: Record<string, string | boolean>): HtmlTagDescriptor => ({
          tag: 'link',
          attrs,
          injectTo: 'head',
        });
        return {
          html,
          tags: [
            ...[...css].map((f) => link({ rel: 'preload', as: 'style', crossorigin: true, href: `./${f}` })),
            ...[...chunks].map((f) => link({ rel: 'modulepreload', crossorigin: true, href: `./${f}` })),
          ],
        };
      },
    },
  };
}
