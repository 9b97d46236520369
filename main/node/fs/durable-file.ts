import { closeSync, existsSync, fsyncSync, openSync, readFileSync, renameSync, writeSync } from 'node:fs';
import { open, rename } from 'node:fs/promises';
import path from 'node:path';

/**
 * Replaces a file's content so that after a crash at any instant the file holds either the old or the new content,
 * never a mix, and the new content is on disk before this returns: write a temporary file, fsync it, rename it over
 * the target, fsync the directory (the rename itself must be durable).
 */
export function writeFileDurably(file: string, content: string | Uint8Array): void {
  const tmp = `${file}.tmp`;
  const fd = openSync(tmp, 'w', 0o600);
  try {
    writeSync(fd, typeof content === 'string' ? Buffer.from(content, 'utf8') : content);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(tmp, file);
  const dir = openSync(path.dirname(file), 'r');
  try {
    fsyncSync(dir);
  } finally {
    closeSync(dir);
  }
}

/**
 * writeFileDurably's steps without blocking the event loop: the writes and fsyncs run on libuv's threads, so a
 * validator keeps reading the network and serving its API while consensus waits for its disk. Same guarantee: the
 * old or the new content after a crash at any instant, the new one durable when the promise resolves. The caller
 * must not start two writes of the same file at once (consensus and the signer guard serialise theirs).
 */
export async function writeFileDurablyAsync(file: string, content: string | Uint8Array): Promise<void> {
  const tmp = `${file}.tmp`;
  const fd = await open(tmp, 'w', 0o600);
  try {
    await fd.writeFile(typeof content === 'string' ? Buffer.from(content, 'utf8') : content);
    await fd.datasync();
  } finally {
    await fd.close();
  }
  await rename(tmp, file);
  const dir = await open(path.dirname(file), 'r');
  try {
    await dir.sync();
  } finally {
    await dir.close();
  }
}

/** The file's text, or undefined when it does not exist. */
export function readFileIfExists(file: string): string | undefined {
  return existsSync(file) ? readFileSync(file, 'utf8') : undefined;
}
