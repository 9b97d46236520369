import { noise } from '@chainsafe/libp2p-noise';
import { yamux } from '@chainsafe/libp2p-yamux';
import type { Libp2p } from '@libp2p/interface';
import { tcp } from '@libp2p/tcp';
import { lpStream } from '@libp2p/utils';
import { createLibp2p } from 'libp2p';

const PROTOCOL = '/countersign-bench/echo/1.0.0';

/** A bare libp2p node as the network's nodes build theirs: TCP, Noise, Yamux on 127.0.0.1, nothing else. */
function loopbackNode(): Promise<Libp2p> {
  return createLibp2p({
    addresses: { listen: ['/ip4/127.0.0.1/tcp/0'] },
    transports: [tcp()],
    connectionEncrypters: [noise()],
    streamMuxers: [yamux()],
  });
}

export interface LoopbackResult {
  /** Request/response round trips per second on one persistent stream, one at a time. */
  readonly roundTripsPerSecond: number;
  /** Frames per second one way on one persistent stream, pipelined (gossip-like), of `frameBytes` each. */
  readonly framesPerSecond: number;
  readonly frameBytes: number;
}

/**
 * Two libp2p nodes in this process, one connection, one persistent length-prefixed stream (lpStream, as p2p/ uses):
 * echo round trips for `ms`, then one-way frames for `ms`. Both ends share this process's thread, as two nodes on
 * one machine share its cores.
 */
export async function libp2pLoopback(ms = 1500, frameBytes = 256): Promise<LoopbackResult> {
  const server = await loopbackNode();
  const client = await loopbackNode();
  try {
    let received = 0;
    await server.handle(PROTOCOL, (stream) => {
      void (async () => {
        const lp = lpStream(stream);
        try {
          for (;;) {
            const frame = (await lp.read()).subarray();
            if (frame[0] === 1)
              await lp.write(frame); // 1 = echo me; 0 = one-way
            else received++;
          }
        } catch {
          // the client closed the stream
        }
      })();
    });
    const stream = await client.dialProtocol(server.getMultiaddrs()[0]!, PROTOCOL);
    const lp = lpStream(stream);
    const echo = new Uint8Array(32).fill(1);
    const warmUntil = performance.now() + 300;
    while (performance.now() < warmUntil) {
      await lp.write(echo);
      await lp.read();
    }
    let trips = 0;
    let start = performance.now();
    while (performance.now() - start < ms) {
      await lp.write(echo);
      await lp.read();
      trips++;
    }
    const roundTripsPerSecond = Math.round(trips / ((performance.now() - start) / 1000));

    const frame = new Uint8Array(frameBytes);
    let sent = 0;
    start = performance.now();
    while (performance.now() - start < ms) {
      for (let k = 0; k < 64; k++) {
        await lp.write(frame);
        sent++;
      }
    }
    // Count what arrived, not what was queued: wait until the server has read every frame sent.
    while (received < sent) await new Promise((r) => setTimeout(r, 1));
    const framesPerSecond = Math.round(sent / ((performance.now() - start) / 1000));
    await stream.close();
    return { roundTripsPerSecond, framesPerSecond, frameBytes };
  } finally {
    await client.stop();
    await server.stop();
  }
}
