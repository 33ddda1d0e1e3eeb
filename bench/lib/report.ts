/**
 * The one table `npm run bench` prints, and the JSON file it can write. Each section records its
 * figures here: a JSON key (milliseconds, MB/s, bytes or counts, as the key's suffix says), a row
 * for the table, and optionally a goal that is judged met or missed.
 */
import { writeFileSync } from 'node:fs'

export interface Goal {
  /** What the goal says, e.g. "≤ 0.5 ms added at p50". */
  text: string
  met: boolean
}

export interface Row {
  section: string
  figure: string
  value: string
  /** The comparison that gives the figure meaning: the baseline, a ratio, an added time. */
  compared?: string
  goal?: Goal
}

export class Report {
  readonly rows: Row[] = []
  readonly json: Record<string, number | string | null> = {}
  readonly notes: string[] = []
  readonly failures: string[] = []

  /** A figure for the JSON file (NaN becomes null: a section that could not measure it). */
  set(key: string, value: number | string): void {
    this.json[key] =
      typeof value === 'number' && !Number.isFinite(value)
        ? null
        : typeof value === 'number'
          ? round(value)
          : value
  }

  row(row: Row): void {
    this.rows.push(row)
  }

  note(text: string): void {
    this.notes.push(text)
  }

  /** A section that threw: the run goes on, the table says what is missing and why. */
  failed(section: string, error: unknown): void {
    const message = error instanceof Error ? error.message : String(error)
    this.failures.push(`${section}: ${message.split('\n')[0]}`)
    this.rows.push({
      section,
      figure: 'FAILED',
      value: message.split('\n')[0]?.slice(0, 100) ?? ''
    })
  }

  table(): string {
    const header = ['section', 'figure', 'value', 'compared with', 'goal', 'status']
    const lines = this.rows.map((r) => [
      r.section,
      r.figure,
      r.value,
      r.compared ?? '',
      r.goal?.text ?? '',
      r.goal ? (r.goal.met ? 'met' : 'MISSED') : ''
    ])
    const widths = header.map((h, i) =>
      Math.max(h.length, ...lines.map((l) => (l[i] as string).length))
    )
    const fmtLine = (cells: string[]) =>
      `| ${cells.map((c, i) => c.padEnd(widths[i] as number)).join(' | ')} |`
    const rule = `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`
    return [fmtLine(header), rule, ...lines.map(fmtLine)].join('\n')
  }

  goals(): { met: number; missed: number } {
    const judged = this.rows.filter((r) => r.goal)
    const met = judged.filter((r) => r.goal?.met).length
    return { met, missed: judged.length - met }
  }

  writeJson(file: string): void {
    writeFileSync(file, JSON.stringify(this.json, null, 2) + '\n')
  }
}

function round(value: number): number {
  if (Number.isInteger(value)) return value
  return Math.round(value * 1000) / 1000
}

export const ms = (value: number, digits = 2): string =>
  Number.isFinite(value) ? `${value.toFixed(digits)} ms` : 'n/a'
export const ratio = (a: number, b: number): string =>
  Number.isFinite(a / b) ? `${(a / b).toFixed(2)}×` : 'n/a'
