/**
 * Text out of a file, one function per format, each with a library made for it: unpdf (pdf.js) for
 * PDF, mammoth for DOCX, exceljs for XLSX, fflate + fast-xml-parser for HWPX (a zip of XML). Runs
 * inside the extraction worker (worker.ts), never on the main process's event loop; unit tests call
 * it directly. Failures are ExtractErrors with a code the UI words for the user, naming the file.
 *
 * SCOPE: binary `.hwp` (HWP 5, an OLE compound file) is refused with a clear message: no npm
 * library reads it reliably and is kept up (hwp.js is 0.0.3 and unmaintained); Hancom Office saves
 * HWPX, which is read here.
 */
import { extensionOf, imageExtensions, MAX_FILE_BYTES, MAX_IMAGE_BYTES } from '@shared/attachments'
import type { ErrorCode } from '@shared/errors'

export type ExtractErrorCode = Extract<
  ErrorCode,
  | 'attachment.unsupported'
  | 'attachment.hwp'
  | 'attachment.encrypted'
  | 'attachment.no_text'
  | 'attachment.unreadable'
  | 'attachment.file_too_large'
>

export class ExtractError extends Error {
  constructor(
    readonly code: ExtractErrorCode,
    message: string
  ) {
    super(message)
    this.name = 'ExtractError'
  }
}

export interface Extracted {
  kind: 'text' | 'image'
  type: string
  text: string
  dataUrl?: string
}

const textTypes: Record<string, string> = {
  txt: 'text/plain',
  log: 'text/plain',
  md: 'text/markdown',
  markdown: 'text/markdown',
  csv: 'text/csv',
  tsv: 'text/tab-separated-values',
  json: 'application/json',
  pdf: 'application/pdf',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  hwpx: 'application/hwp+zip'
}

/** Image types by their first bytes: the extension alone is not trusted for what goes out as a data URL. */
function sniffImage(bytes: Uint8Array): string | undefined {
  const starts = (...sig: number[]) => sig.every((b, i) => bytes[i] === b)
  if (starts(0x89, 0x50, 0x4e, 0x47)) return 'image/png'
  if (starts(0xff, 0xd8, 0xff)) return 'image/jpeg'
  if (starts(0x47, 0x49, 0x46, 0x38)) return 'image/gif'
  if (
    starts(0x52, 0x49, 0x46, 0x46) &&
    bytes[8] === 0x57 &&
    bytes[9] === 0x45 &&
    bytes[10] === 0x42 &&
    bytes[11] === 0x50
  )
    return 'image/webp'
  return undefined
}

/**
 * Plain text files: UTF-8 (a BOM is dropped), else EUC-KR/CP949, which is what Excel on a Korean
 * Windows writes a CSV in. Bytes that are neither are not text.
 */
export function decodeText(bytes: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes)
  } catch {
    // fall through
  }
  try {
    const text = new TextDecoder('euc-kr', { fatal: true }).decode(bytes)
    if (!text.includes('\u0000')) return text
  } catch {
    // fall through
  }
  throw new ExtractError('attachment.unreadable', 'The file is not text in UTF-8 or EUC-KR')
}

/** Collapse what PDF extraction leaves: trailing spaces, runs of blank lines. */
function tidy(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .replace(/[ \t]+\n/g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim()
}

async function pdfText(bytes: Uint8Array): Promise<string> {
  const { getDocumentProxy, extractText } = await import('unpdf')
  let pdf: Awaited<ReturnType<typeof getDocumentProxy>>
  try {
    pdf = await getDocumentProxy(bytes, { verbosity: 0 })
  } catch (error) {
    const name = (error as { name?: string }).name
    if (name === 'PasswordException')
      throw new ExtractError('attachment.encrypted', 'The PDF is protected with a password')
    throw new ExtractError(
      'attachment.unreadable',
      `The PDF could not be read: ${(error as Error).message}`
    )
  }
  try {
    const { text } = await extractText(pdf, { mergePages: false })
    return tidy(text.join('\n\n'))
  } finally {
    await pdf.loadingTask.destroy()
  }
}

async function docxText(bytes: Uint8Array): Promise<string> {
  const mammoth = await import('mammoth')
  // An encrypted DOCX is an OLE file, not a zip: mammoth fails to open it.
  if (bytes[0] === 0xd0 && bytes[1] === 0xcf && bytes[2] === 0x11 && bytes[3] === 0xe0) {
    throw new ExtractError('attachment.encrypted', 'The document is protected with a password')
  }
  try {
    const result = await mammoth.extractRawText({
      buffer: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)
    })
    return tidy(result.value)
  } catch (error) {
    throw new ExtractError(
      'attachment.unreadable',
      `The document could not be read: ${(error as Error).message}`
    )
  }
}

/** A spreadsheet as text: each sheet under its name, one row a line, cells separated by tabs. */
async function xlsxText(bytes: Uint8Array): Promise<string> {
  if (bytes[0] === 0xd0 && bytes[1] === 0xcf && bytes[2] === 0x11 && bytes[3] === 0xe0) {
    throw new ExtractError('attachment.encrypted', 'The workbook is protected with a password')
  }
  const { default: ExcelJS } = await import('exceljs')
  const workbook = new ExcelJS.Workbook()
  try {
    await workbook.xlsx.load(
      Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) as unknown as ArrayBuffer
    )
  } catch (error) {
    throw new ExtractError(
      'attachment.unreadable',
      `The workbook could not be read: ${(error as Error).message}`
    )
  }
  const sheets: string[] = []
  workbook.eachSheet((sheet) => {
    const rows: string[] = []
    sheet.eachRow({ includeEmpty: false }, (row) => {
      const cells: string[] = []
      for (let c = 1; c <= row.cellCount; c++)
        cells.push(row.getCell(c).text.replace(/[\t\r\n]+/g, ' '))
      rows.push(cells.join('\t').replace(/\t+$/, ''))
    })
    if (rows.length > 0) sheets.push(`## ${sheet.name}\n${rows.join('\n')}`)
  })
  return sheets.join('\n\n')
}

/** HWPX (OWPML): the text runs (`hp:t`) of each paragraph (`hp:p`) of each section, in order. */
async function hwpxText(bytes: Uint8Array): Promise<string> {
  const { unzipSync, strFromU8 } = await import('fflate')
  const { XMLParser } = await import('fast-xml-parser')
  let files: Record<string, Uint8Array>
  try {
    files = unzipSync(bytes, { filter: (f) => /^Contents\/section\d+\.xml$/i.test(f.name) })
  } catch (error) {
    throw new ExtractError(
      'attachment.unreadable',
      `The HWPX file could not be opened: ${(error as Error).message}`
    )
  }
  const sections = Object.keys(files).sort(
    (a, b) => Number(/\d+/.exec(a)?.[0]) - Number(/\d+/.exec(b)?.[0])
  )
  if (sections.length === 0)
    throw new ExtractError('attachment.unreadable', 'The HWPX file has no sections')
  const parser = new XMLParser({
    preserveOrder: true,
    ignoreAttributes: true,
    removeNSPrefix: true,
    trimValues: false,
    processEntities: true
  })
  const paragraphs: string[] = []
  type Node = Record<string, unknown>
  const textOf = (nodes: Node[]): string => {
    let out = ''
    for (const node of nodes) {
      for (const [key, value] of Object.entries(node)) {
        if (key === '#text') out += String(value)
        else if (key === 'tab') out += '\t'
        else if (key === 'lineBreak') out += '\n'
        else if (Array.isArray(value)) out += textOf(value as Node[])
      }
    }
    return out
  }
  const walk = (nodes: Node[]) => {
    for (const node of nodes) {
      for (const [key, value] of Object.entries(node)) {
        if (!Array.isArray(value)) continue
        if (key === 'p') {
          // Runs hold `t` elements; nested tables hold paragraphs of their own, walked separately.
          const runs = (value as Node[]).flatMap((child) =>
            Array.isArray(child.run) ? (child.run as Node[]) : []
          )
          const text = runs
            .flatMap((r) => (Array.isArray(r.t) ? [textOf(r.t as Node[])] : []))
            .join('')
          if (text.trim()) paragraphs.push(text)
          walk(runs.filter((r) => !('t' in r)))
        } else if (key !== 't') walk(value as Node[])
      }
    }
  }
  for (const name of sections) walk(parser.parse(strFromU8(files[name]!)) as Node[])
  return tidy(paragraphs.join('\n'))
}

/** Extract one file. `name` picks the format; the bytes are checked where the format allows. */
export async function extractFile(name: string, bytes: Uint8Array): Promise<Extracted> {
  const ext = extensionOf(name)
  if (bytes.byteLength > MAX_FILE_BYTES)
    throw new ExtractError('attachment.file_too_large', 'The file is larger than the app reads')
  if ((imageExtensions as readonly string[]).includes(ext)) {
    const type = sniffImage(bytes)
    if (!type)
      throw new ExtractError(
        'attachment.unreadable',
        'The file is not an image its name says it is'
      )
    if (bytes.byteLength > MAX_IMAGE_BYTES)
      throw new ExtractError('attachment.file_too_large', 'The image is larger than the app sends')
    return {
      kind: 'image',
      type,
      text: '',
      dataUrl: `data:${type};base64,${Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64')}`
    }
  }
  if (ext === 'hwp')
    throw new ExtractError(
      'attachment.hwp',
      'HWP 5 files cannot be read; save the document as HWPX or PDF'
    )
  const type = textTypes[ext]
  if (!type)
    throw new ExtractError(
      'attachment.unsupported',
      `Files of type .${ext || '?'} cannot be attached`
    )
  let text: string
  if (ext === 'pdf') text = await pdfText(bytes)
  else if (ext === 'docx') text = await docxText(bytes)
  else if (ext === 'xlsx') text = await xlsxText(bytes)
  else if (ext === 'hwpx') text = await hwpxText(bytes)
  else text = tidy(decodeText(bytes))
  if (!text.trim()) {
    throw new ExtractError(
      'attachment.no_text',
      ext === 'pdf'
        ? 'The PDF has no text layer (a scan?): it would need OCR'
        : 'The file has no text'
    )
  }
  return { kind: 'text', type, text }
}
