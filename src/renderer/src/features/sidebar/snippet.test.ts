import { describe, expect, it } from 'vitest'
import { plainSnippet } from './snippet'

describe('plainSnippet', () => {
  it('turns Markdown into words a person reads', () => {
    expect(plainSnippet('…| 지역 | 매출 |\n| --- | --- |\n| 서울 | 120 |…')).toBe(
      '…지역 · 매출 · 서울 · 120…'
    )
    expect(plainSnippet('## 요약\n- **매출**은 `12%` 늘었습니다')).toBe(
      '요약 매출은 12% 늘었습니다'
    )
    expect(plainSnippet('자세한 내용은 [보고서](https://intra/report)를 보세요')).toBe(
      '자세한 내용은 보고서를 보세요'
    )
    expect(plainSnippet('```python\nprint("hi")\n```')).toBe('python print("hi")')
    expect(plainSnippet('> 인용 _강조_ 끝')).toBe('인용 강조 끝')
    // Links the snippet cut in half.
    expect(plainSnippet('내용은 [보고서](https://intra.…')).toBe('내용은 보고서')
    expect(plainSnippet('…고서](https://intra/r)에 있습니다')).toBe('…고서에 있습니다')
  })

  it('leaves plain text and snake_case names alone', () => {
    expect(plainSnippet('회의는 3시에 시작합니다')).toBe('회의는 3시에 시작합니다')
    expect(plainSnippet('call my_function now')).toBe('call my_function now')
  })
})
