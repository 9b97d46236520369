import type { Stream } from '@libp2p/interface';
import { lpStream } from '@libp2p/utils';
import { Offence } from './errors.ts';

/** Whether the read loop goes on after a frame. */
export type FrameOutcome = 'continue' | 'stop';

/**
 * Reads length-prefixed frames from an inbound stream until it ends, one at a time: the next frame is read only after
 * `onFrame` returned, so a fast sender cannot queue work on us (what it sends meanwhile waits in a bounded buffer).
 * The length prefix is checked against `maxFrameBytes` before any of the frame is buffered. Resolves with the offence
 * the stream ended on, if it was the sender's fault (oversized frame, bad length prefix, flooding), else undefined.
 */
export async function readFrames(
  stream: Stream,
  maxFrameBytes: number,
  maxBufferBytes: number,
  onFrame: (frame: Uint8Array) => FrameOutcome,
): Promise<Offence | undefined> {
  const lp = lpStream(stream, { maxDataLength: maxFrameBytes, maxBufferSize: maxBufferBytes });
  for (;;) {
    let frame: Uint8Array;
    try {
      frame = (await lp.read()).subarray();
    } catch (err) {
      return offenceOf(err);
    }
    if (onFrame(frame) === 'stop') return undefined;
  }
}

/** Offences a read error reveals; anything else is the stream ending (closed, reset, connection gone). */
export function offenceOf(err: unknown): Offence | undefined {
  const name = err instanceof Error ? err.name : '';
  if (name === 'InvalidDataLengthError') return Offence.OVERSIZED;
  if (name === 'InvalidDataLengthLengthError' || name === 'InvalidMessageLengthError') return Offence.MALFORMED;
  if (name === 'StreamBufferError') return Offence.FLOOD;
  return undefined;
}
