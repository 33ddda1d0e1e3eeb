import { describe, expect, it } from 'vitest'
import { MAX_FILE_BYTES } from '@shared/attachments'
import {
  encryptPdf,
  makeDocx,
  makeHwpx,
  makeScannedPdf,
  makeTextPdf,
  makeXlsx,
  sampleFilesMissing
} from '../../../test/fixtures/sampleFiles'
import { ExtractError, extractFile } from './extract'

const missing = sampleFilesMissing()

async function failure(name: string, bytes: Uint8Array): Promise<string> {
  try {
    await extractFile(name, bytes)
  } catch (error) {
    if (error instanceof ExtractError) return error.code
    throw error
  }
  throw new Error(`${name} was read`)
}

describe.skipIf(missing)('extractFile on real files', () => {
  it('reads the Korean text of a PDF, page by page', async () => {
    const pdf = await makeTextPdf([['분기 보고서', '매출이 12% 늘었습니다.'], ['둘째 쪽: 결론']])
    const { kind, type, text } = await extractFile('보고서.pdf', pdf)
    expect(kind).toBe('text')
    expect(type).toBe('application/pdf')
    expect(text).toContain('분기 보고서')
    expect(text).toContain('매출이 12% 늘었습니다.')
    expect(text.indexOf('둘째 쪽')).toBeGreaterThan(text.indexOf('매출이'))
  })

  it('refuses a scanned PDF without a text layer as having no text', async () => {
    expect(await failure('scan.pdf', await makeScannedPdf())).toBe('attachment.no_text')
  })

  it('refuses a password-protected PDF as encrypted', async () => {
    const pdf = encryptPdf(await makeTextPdf([['기밀 문서']]))
    expect(await failure('secret.pdf', pdf)).toBe('attachment.encrypted')
  })

  it('refuses a file that only claims to be a PDF as unreadable', async () => {
    expect(await failure('fake.pdf', new TextEncoder().encode('not a pdf at all'))).toBe(
      'attachment.unreadable'
    )
  })

  it('reads the paragraphs of a DOCX', async () => {
    const docx = await makeDocx(['회의록', '참석자: 김철수, 이영희', 'Action items follow.'])
    const { text, type } = await extractFile('회의록.docx', docx)
    expect(type).toContain('wordprocessingml')
    expect(text.split('\n').filter(Boolean)).toEqual([
      '회의록',
      '참석자: 김철수, 이영희',
      'Action items follow.'
    ])
  })

  it('reads every sheet of an XLSX as tab-separated rows under the sheet name', async () => {
    const xlsx = await makeXlsx({
      매출: [
        ['지역', '금액'],
        ['서울', 1200],
        ['부산', 800]
      ],
      Notes: [['checked']]
    })
    const { text } = await extractFile('sales.xlsx', xlsx)
    expect(text).toBe('## 매출\n지역\t금액\n서울\t1200\n부산\t800\n\n## Notes\nchecked')
  })

  it('reads the paragraphs of an HWPX', async () => {
    const hwpx = await makeHwpx(['공문', '제목: 연말 정산 안내 & 일정'])
    const { text, type } = await extractFile('공문.hwpx', hwpx)
    expect(type).toBe('application/hwp+zip')
    expect(text).toBe('공문\n제목: 연말 정산 안내 & 일정')
  })
})

describe('extractFile on plain files', () => {
  it('reads UTF-8 text and a CSV saved in EUC-KR by Korean Excel', async () => {
    expect((await extractFile('a.md', new TextEncoder().encode('# 제목\n본문'))).text).toBe(
      '# 제목\n본문'
    )
    const eucKr = new Uint8Array([0xc0, 0xcc, 0xb8, 0xa7, 0x2c, 0xb1, 0xdd, 0xbe, 0xd7]) // "이름,금액"
    expect((await extractFile('list.csv', eucKr)).text).toBe('이름,금액')
  })

  it('refuses an oversized file before reading it', async () => {
    expect(await failure('huge.txt', new Uint8Array(MAX_FILE_BYTES + 1))).toBe(
      'attachment.file_too_large'
    )
  })

  it('refuses binary HWP with its own message, and unknown types', async () => {
    expect(await failure('old.hwp', new Uint8Array([0xd0, 0xcf, 0x11, 0xe0]))).toBe(
      'attachment.hwp'
    )
    expect(await failure('tool.exe', new Uint8Array([0x4d, 0x5a]))).toBe('attachment.unsupported')
    expect(await failure('empty.txt', new TextEncoder().encode('  \n'))).toBe('attachment.no_text')
  })

  it('takes an image only when its bytes are an image', async () => {
    const png = Buffer.from(
      'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAAAAAA6fptVAAAACklEQVR4nGNgAAAAAgABc3UBGAAAAABJRU5ErkJggg==',
      'base64'
    )
    const image = await extractFile('chart.png', new Uint8Array(png))
    expect(image.kind).toBe('image')
    expect(image.dataUrl).toBe(`data:image/png;base64,${png.toString('base64')}`)
    expect(await failure('chart.png', new TextEncoder().encode('<svg/>'))).toBe(
      'attachment.unreadable'
    )
  })
})
