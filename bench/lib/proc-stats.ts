import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

/** CPU and memory of a process (all its threads) from Linux's /proc, as `top` reads them. */

let ticksPerSecond: number | undefined;

/** USER_HZ: the unit of utime and stime in /proc/PID/stat (100 on every common Linux). */
function clockTicks(): number {
  if (ticksPerSecond === undefined) {
    try {
      ticksPerSecond = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
    } catch {
      ticksPerSecond = 100;
    }
  }
  return ticksPerSecond;
}

/** CPU seconds (every thread) the process has used so far, in user and system mode; undefined once it is gone. */
export function cpuSeconds(pid: number): { user: number; system: number } | undefined {
  let stat: string;
  try {
    stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return undefined;
  }
  // The command name (field 2) is in parentheses and may hold spaces: count fields after the last ')'.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  // Fields 14 and 15 of stat (utime, stime) are the 12th and 13th after the name.
  return { user: Number(fields[11]) / clockTicks(), system: Number(fields[12]) / clockTicks() };
}

/** Resident memory in MiB (VmRSS of /proc/PID/status); undefined once the process is gone. */
export function rssMiB(pid: number): number | undefined {
  try {
    const m = /^VmRSS:\s+(\d+) kB$/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) / 1024 : undefined;
  } catch {
    return undefined;
  }
}

/** Samples the CPU and peak RSS of some processes over a window: start(), then stop() gives each one's figures. */
export class ProcSampler {
  private readonly pids: readonly number[];
  private cpuAtStart: ({ user: number; system: number } | undefined)[] = [];
  private startedAt = 0;
  private peak: number[] = [];
  private timer: NodeJS.Timeout | undefined;

  constructor(pids: readonly number[]) {
    this.pids = pids;
  }

  start(): void {
    this.startedAt = performance.now();
    this.cpuAtStart = this.pids.map(cpuSeconds);
    this.peak = this.pids.map(() => 0);
    this.sample();
    this.timer = setInterval(() => this.sample(), 250);
  }

  /**
   * Per process: CPU use as a share of one core (1.0 = one core busy all the time), the part of it in the kernel
   * (system calls: file and socket I/O), and peak RSS in MiB.
   */
  stop(): { pid: number; cpuCores: number; systemCores: number; rssPeakMiB: number }[] {
    clearInterval(this.timer);
    this.sample();
    const seconds = (performance.now() - this.startedAt) / 1000;
    return this.pids.map((pid, i) => {
      const end = cpuSeconds(pid);
      const start = this.cpuAtStart[i];
      const user = end && start ? end.user - start.user : Number.NaN;
      const system = end && start ? end.system - start.system : Number.NaN;
      return {
        pid,
        cpuCores: (user + system) / seconds,
        systemCores: system / seconds,
        rssPeakMiB: Math.round(this.peak[i]!),
      };
    });
  }

  private sample(): void {
    this.pids.forEach((pid, i) => {
      const rss = rssMiB(pid);
      if (rss !== undefined && rss > this.peak[i]!) this.peak[i] = rss;
    });
  }
}
