/**
 * Small helpers shared by the benchmark sections: percentiles, the machine's load, progress lines
 * (stderr, so stdout carries only the table), and bounded waits (no loop here runs unbounded).
 */
import { cpus, loadavg } from 'node:os'
import { performance } from 'node:perf_hooks'

export interface Summary {
  n: number
  p50: number
  p95: number
  p99: number
  min: number
  max: number
  mean: number
}

/** Nearest-rank percentile of an ascending array (q in 0..1). */
export function percentile(sorted: number[], q: number): number {
  if (sorted.length === 0) return Number.NaN
  const rank = Math.max(1, Math.ceil(q * sorted.length))
  return sorted[Math.min(sorted.length, rank) - 1] as number
}

export function summarize(samples: number[]): Summary {
  const sorted = [...samples].sort((a, b) => a - b)
  const sum = sorted.reduce((a, b) => a + b, 0)
  return {
    n: sorted.length,
    p50: percentile(sorted, 0.5),
    p95: percentile(sorted, 0.95),
    p99: percentile(sorted, 0.99),
    min: sorted[0] ?? Number.NaN,
    max: sorted.at(-1) ?? Number.NaN,
    mean: sorted.length ? sum / sorted.length : Number.NaN
  }
}

export const median = (samples: number[]): number =>
  percentile(
    [...samples].sort((a, b) => a - b),
    0.5
  )

export const now = (): number => performance.now()

/** "1.23 0.98 0.77" (1, 5, 15 minutes). */
export function loadAverage(): string {
  return loadavg()
    .map((l) => l.toFixed(2))
    .join(' ')
}

export function cpuCount(): number {
  return cpus().length
}

const started = performance.now()
/** A progress line on stderr, with the elapsed time and the 1-minute load average. */
export function progress(message: string): void {
  const t = ((performance.now() - started) / 1000).toFixed(1).padStart(6)
  process.stderr.write(`[bench ${t}s load ${loadavg()[0]?.toFixed(2)}] ${message}\n`)
}

export const sleep = (ms: number): Promise<void> =>
  new Promise((resolve) => setTimeout(resolve, ms))

/** Reject if `promise` does not settle within `ms` (the benchmark must never hang). */
export function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: no result within ${ms} ms`)), ms)
  })
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer))
}

export const fmt = (value: number, digits = 2): string =>
  Number.isFinite(value) ? value.toFixed(digits) : 'n/a'

/**
 * `n` samples of each of two measurements, taken in alternating blocks (a×block, b×block, …):
 * load from other processes lands on both alike, and one path's aftermath (GC, a disk flush)
 * does not land on every sample of the other.
 */
export async function alternating(
  n: number,
  block: number,
  a: () => Promise<number>,
  b: () => Promise<number>
): Promise<[number[], number[]]> {
  const as: number[] = []
  const bs: number[] = []
  while (as.length < n) {
    const k = Math.min(block, n - as.length)
    for (let i = 0; i < k; i++) as.push(await a())
    for (let i = 0; i < k; i++) bs.push(await b())
  }
  return [as, bs]
}
