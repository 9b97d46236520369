// This file runs in Node at build time (vite.config.ts), never in the page: Node built-ins are what it is for.
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';
import type { Plugin } from 'vite';

/**
 * Writes a Brotli (`.br`) and a gzip (`.gz`) copy beside every text file of the build, once, at the highest levels:
 * the node serves them with `Content-Encoding` to browsers that accept it (main/node/api/console.ts), so the start-up
 * path moves ~0.5 MB instead of ~2 MB and nothing is compressed while a page waits. A copy that would not save at least
 * a tenth is not written.
 */

const TEXT = /\.(?:js|mjs|css|html|svg|json|txt)$/;
const brotli = promisify(brotliCompress);
const gz = promisify(gzip);

export function precompress(opts: { minBytes?: number } = {}): Plugin {
  const minBytes = opts.minBytes ?? 1024;
  let outDir = '';
  return {
    name: 'countersign:precompress',
    apply: 'build',
    configResolved(config) {
      outDir = path.resolve(config.root, config.build.outDir);
    },
    async writeBundle(_options, bundle) {
      const files = Object.keys(bundle).filter((f) => TEXT.test(f));
      await Promise.all(
        files.map(async (file) => {
          const full = path.join(outDir, file);
          const body = await readFile(full);
          if (body.length < minBytes) return;
          const [br, gzipped] = await Promise.all([
            brotli(body, {
              params: {
                [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
                [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
                [constants.BROTLI_PARAM_SIZE_HINT]: body.length,
              },
            }),
            gz(body, { level: 9 }),
          ]);
          if (br.length < body.length * 0.9) await writeFile(`${full}.br`, br);
          if (gzipped.length < body.length * 0.9) await writeFile(`${full}.gz`, gzipped);
        }),
      );
    },
  };
}
