import { performance } from 'node:perf_hooks';
import { integerSetting } from '../../platform/config';
import { parseArgs } from './args';

/** What one mode of a benchmark did: how many requests, in how long, and each one's latency (ms). */
export interface Measure {
  requests: number;
  seconds: number;
  latencies: number[];
}

/**
 * Two modes in eight interleaved slices, so that a drift over the run (caches, autovacuum) or a
 * burst of activity elsewhere on the machine weighs on both alike.
 */
export function interleaved<Mode>(first: Mode, second: Mode): Mode[] {
  return [first, second, second, first, second, first, first, second];
}

/**
 * Runs up to `count` requests from `concurrency` concurrent clients, stopping early at `deadline`
 * (performance.now()).
 */
export async function measure(
  send: (index: number) => Promise<void>,
  options: { count: number; concurrency: number; deadline: number; onRequest?: () => void },
): Promise<Measure> {
  const latencies: number[] = [];
  let next = 0;
  const started = performance.now();
  const client = async () => {
    while (next < options.count && performance.now() < options.deadline) {
      const index = next++;
      const begin = performance.now();
      await send(index);
      latencies.push(performance.now() - begin);
      options.onRequest?.();
    }
  };
  await Promise.all(Array.from({ length: options.concurrency }, client));
  return { requests: latencies.length, seconds: (performance.now() - started) / 1000, latencies };
}

/** The slices of one mode as one measure. */
export function combine(parts: Measure[]): Measure {
  return {
    requests: parts.reduce((sum, part) => sum + part.requests, 0),
    seconds: parts.reduce((sum, part) => sum + part.seconds, 0),
    latencies: parts.flatMap((part) => part.latencies),
  };
}

export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

export function throughput(result: Measure): number {
  return result.requests / result.seconds;
}

export interface BenchmarkOptions {
  requests: number;
  concurrency: number;
  maxSeconds: number;
}

/**
 * `--requests`, `--concurrency`, `--max-seconds` and `--help` of every benchmark; null once the help is
 * printed.
 */
export function benchmarkOptions(
  argv: string[],
  help: string,
  defaults: { requests: number; concurrency: number },
): BenchmarkOptions | null {
  const { values, flags } = parseArgs(argv, {
    values: ['requests', 'concurrency', 'max-seconds'],
    flags: ['help'],
  });
  if (flags.has('help')) {
    console.log(help);
    return null;
  }
  const options = {
    requests: integerSetting({ REQUESTS: values.requests }, 'REQUESTS', defaults.requests),
    concurrency: integerSetting({ CONCURRENCY: values.concurrency }, 'CONCURRENCY', defaults.concurrency),
    maxSeconds: integerSetting({ MAX_SECONDS: values['max-seconds'] }, 'MAX_SECONDS', 120),
  };
  if (options.requests < 4 || options.concurrency < 1 || options.maxSeconds < 1)
    throw new Error('--requests must be at least 4, --concurrency and --max-seconds at least 1');
  return options;
}
