import { pino, type Logger } from 'pino';

export type { Logger };

/**
 * The node's structured logger (JSON lines on stderr, so stdout stays free for command output). Set
 * COUNTERSIGN_LOG=debug|info|warn|error|silent to change the level.
 */
export function createLogger(name: string): Logger {
  return pino({ name, level: process.env['COUNTERSIGN_LOG'] ?? 'info' }, pino.destination(2));
}
