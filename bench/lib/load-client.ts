import { fork, type ChildProcess } from 'node:child_process';
import type { GeneratorCommand, GeneratorReply, RunResult } from './load-protocol.ts';
import type { TransferPlan } from './transfer-accounts.ts';

/** The bench's handle on the load generator process (load-generator.ts). */
export class LoadGenerator {
  private readonly child: ChildProcess;

  private constructor(child: ChildProcess) {
    this.child = child;
  }

  static async start(opts: {
    chainId: string;
    plan: TransferPlan;
    nodes: { wsUrl: string; token: string }[];
    connectionsPerNode?: number;
  }): Promise<LoadGenerator> {
    const child = fork(new URL('./load-generator.ts', import.meta.url), [], { stdio: 'inherit' });
    const gen = new LoadGenerator(child);
    await gen.ask({
      type: 'init',
      chainId: opts.chainId,
      plan: opts.plan,
      nodes: opts.nodes,
      connectionsPerNode: opts.connectionsPerNode ?? 4,
    });
    return gen;
  }

  get pid(): number {
    return this.child.pid!;
  }

  async prepare(count: number): Promise<{ count: number; ms: number }> {
    const reply = await this.ask({ type: 'prepare', count });
    if (reply.type !== 'prepared') throw new Error(`unexpected reply ${reply.type}`);
    return reply;
  }

  async run(rate: number, durationMs: number, warmupMs: number, settleMs: number): Promise<RunResult> {
    const reply = await this.ask({ type: 'run', rate, durationMs, warmupMs, settleMs });
    if (reply.type !== 'ran') throw new Error(`unexpected reply ${reply.type}`);
    return reply.result;
  }

  async close(): Promise<void> {
    if (this.child.exitCode !== null) return;
    const exited = new Promise((r) => this.child.once('exit', r));
    try {
      await this.ask({ type: 'close' });
    } catch {
      this.child.kill();
    }
    await exited;
  }

  private ask(command: GeneratorCommand): Promise<GeneratorReply> {
    return new Promise((resolve, reject) => {
      const onMessage = (reply: GeneratorReply) => {
        cleanup();
        if (reply.type === 'error') reject(new Error(`load generator: ${reply.message}`));
        else resolve(reply);
      };
      const onExit = (code: number | null) => {
        cleanup();
        reject(new Error(`the load generator exited (code ${code})`));
      };
      const cleanup = () => {
        this.child.off('message', onMessage);
        this.child.off('exit', onExit);
      };
      this.child.on('message', onMessage);
      this.child.on('exit', onExit);
      this.child.send(command);
    });
  }
}
