import { parentPort, workerData } from 'node:worker_threads';
import { verificationsPerSecond } from './verify-rate.ts';

/** One core's share of verificationsAllCores: verifies for `ms` and reports its rate. */
parentPort!.postMessage(verificationsPerSecond('node', (workerData as { ms: number }).ms));
