/**
 * The prompt library: saved prompts the user inserts into the composer by typing `/` or from its
 * menu. A prompt's `{{name}}` placeholders are variables: on insert the app asks for each value.
 * Kept in `<dataDir>/prompts.json` by main, and travels with the profiles file.
 */

export interface Prompt {
  id: string
  title: string
  text: string
}

export const MAX_PROMPTS = 500

const variable = /\{\{\s*([^{}\n]{1,40}?)\s*\}\}/g

/** The variables of a prompt, in order of first appearance: `{{문서}}` → `문서`. */
export function promptVariables(text: string): string[] {
  const names: string[] = []
  for (const match of text.matchAll(variable)) {
    const name = match[1]!
    if (!names.includes(name)) names.push(name)
  }
  return names
}

/** The prompt's text with each variable replaced by its value (a variable without one stays as written). */
export function fillPrompt(text: string, values: Record<string, string>): string {
  return text.replace(variable, (whole, name: string) =>
    Object.prototype.hasOwnProperty.call(values, name) ? values[name]! : whole
  )
}

/** Prompts whose title or text contains the query (case-insensitive), titles first. */
export function searchPrompts(prompts: readonly Prompt[], query: string): Prompt[] {
  const q = query.trim().toLocaleLowerCase()
  if (!q) return [...prompts]
  const inTitle = prompts.filter((p) => p.title.toLocaleLowerCase().includes(q))
  const inText = prompts.filter(
    (p) => !inTitle.includes(p) && p.text.toLocaleLowerCase().includes(q)
  )
  return [...inTitle, ...inText]
}

/** The examples a new library starts with, in the UI's language. */
export function examplePrompts(language: 'ko' | 'en'): Array<Omit<Prompt, 'id'>> {
  if (language === 'ko') {
    return [
      { title: '요약', text: '다음 내용을 핵심만 5줄 이내로 요약해 주세요.\n\n{{내용}}' },
      {
        title: '번역',
        text: '다음 글을 {{언어}}로 자연스럽게 번역해 주세요. 고유명사와 숫자는 그대로 두세요.\n\n{{내용}}'
      },
      {
        title: '메일 다듬기',
        text: '다음 메일을 정중하고 간결한 업무 메일로 다듬어 주세요. 받는 사람: {{받는 사람}}\n\n{{메일}}'
      },
      {
        title: '표로 정리',
        text: '다음 내용을 항목별로 비교할 수 있게 마크다운 표로 정리해 주세요.\n\n{{내용}}'
      }
    ]
  }
  return [
    {
      title: 'Summarize',
      text: 'Summarize the following in at most five lines, keeping only the key points.\n\n{{text}}'
    },
    {
      title: 'Translate',
      text: 'Translate the following into {{language}}, naturally. Keep names and numbers as they are.\n\n{{text}}'
    },
    {
      title: 'Polish an email',
      text: 'Rewrite this email to be polite and concise, for work. Recipient: {{recipient}}\n\n{{email}}'
    },
    {
      title: 'Make a table',
      text: 'Organize the following as a Markdown table that compares the items.\n\n{{text}}'
    }
  ]
}
