import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

/**
 * Reads the .cpuprofile files `node --cpu-prof` writes (one per thread: CPU.<date>.<time>.<pid>.<thread>.<seq>) and
 * says where the time went: self time per function and per source file, idle excluded.
 */

interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
}
interface ProfileNode {
  id: number;
  callFrame: CallFrame;
  children?: number[];
}
interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

export interface ProfileSummary {
  readonly file: string;
  /** 0 for the main thread, ≥ 1 for worker threads. */
  readonly thread: number;
  /** Sampled time that was not idle, ms. */
  readonly busyMs: number;
  readonly totalMs: number;
  readonly topFunctions: { name: string; ms: number; share: number }[];
  readonly topFiles: { file: string; ms: number; share: number }[];
  /**
   * Inclusive time of the project's own functions (main/, shared/): everything that ran below them, libraries and
   * system calls included. Says which of our code paths the time belongs to (who called fsync, zod, cborg...).
   */
  readonly topOwnInclusive: { name: string; ms: number; share: number }[];
}

/** A source location as a short name: the project's own path, a package name, or Node's internals. */
function sourceOf(url: string, functionName: string): string {
  if (url === '') return functionName.startsWith('(') ? functionName : '(native)';
  const nm = url.lastIndexOf('/node_modules/');
  if (nm >= 0) {
    const parts = url.slice(nm + '/node_modules/'.length).split('/');
    return parts[0]!.startsWith('@') ? `${parts[0]}/${parts[1]}` : parts[0]!;
  }
  if (url.startsWith('node:')) return 'node:internal';
  const root = path.join(import.meta.dirname, '..', '..') + path.sep;
  const file = url.replace(/^file:\/\//, '');
  return file.startsWith(root) ? file.slice(root.length) : file;
}

export function summarizeProfile(file: string, top = 15): ProfileSummary {
  // The ranking helper below keeps the `top` largest entries of a map.
  const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const selfUs = new Map<number, number>();
  profile.samples.forEach((id, i) => selfUs.set(id, (selfUs.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));
  const fns = new Map<string, number>();
  const files = new Map<string, number>();
  let total = 0;
  let busy = 0;
  for (const [id, us] of selfUs) {
    total += us;
    const { functionName, url, lineNumber } = byId.get(id)!.callFrame;
    if (functionName === '(idle)') continue;
    busy += us;
    const source = sourceOf(url, functionName);
    const name =
      url === '' ? functionName || '(anonymous)' : `${functionName || '(anonymous)'} ${source}:${lineNumber + 1}`;
    fns.set(name, (fns.get(name) ?? 0) + us);
    files.set(source, (files.get(source) ?? 0) + us);
  }
  const ranked = <K extends string>(m: Map<string, number>, key: K) =>
    [...m.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(
        ([k, us]) =>
          ({ [key]: k, ms: Math.round(us / 1000), share: busy === 0 ? 0 : us / busy }) as Record<K, string> & {
            ms: number;
            share: number;
          },
      );
  // Inclusive time of our own functions: walk each sampled node's stack once, counting each function once.
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const own = new Map<string, number>();
  for (const [id, us] of selfUs) {
    if (byId.get(id)!.callFrame.functionName === '(idle)') continue;
    const seen = new Set<string>();
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
      const { functionName, url, lineNumber } = byId.get(at)!.callFrame;
      const source = sourceOf(url, functionName);
      if (!/^(main|shared)\//.test(source)) continue;
      const name = `${functionName || '(anonymous)'} ${source}:${lineNumber + 1}`;
      if (seen.has(name)) continue;
      seen.add(name);
      own.set(name, (own.get(name) ?? 0) + us);
    }
  }
  const thread = Number(/\.(\d+)\.\d+\.cpuprofile$/.exec(path.basename(file))?.[1] ?? 0);
  return {
    file,
    thread,
    busyMs: Math.round(busy / 1000),
    totalMs: Math.round(total / 1000),
    topFunctions: ranked(fns, 'name'),
    topFiles: ranked(files, 'file'),
    topOwnInclusive: ranked(own, 'name'),
  };
}

/** Every profile in `dir` (one per thread of one process), main thread first. */
export function summarizeProfileDir(dir: string, top = 15): ProfileSummary[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.cpuprofile'))
    .map((f) => summarizeProfile(path.join(dir, f), top))
    .sort((a, b) => a.thread - b.thread);
}
