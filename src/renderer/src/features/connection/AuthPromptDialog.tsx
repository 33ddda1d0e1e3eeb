/**
 * An SSH server's keyboard-interactive question (a two-factor login's verification code), shown as
 * the server sent it: its name as the title when it gave one, its instruction, and one field per
 * prompt, hidden while typed unless the server asked for echo. What the user types is sent as is;
 * Cancel tells main nobody will answer (the login then stops with a clear reason).
 */
import { useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import type { AuthPromptRequest } from '@shared/connection'
import { Dialog } from '../../components/Dialog'
import { useAppStore } from '../../store'

export function AuthPromptDialog() {
  const prompt = useAppStore((s) => s.authPrompts[0])
  if (!prompt) return null
  // A new question (the next round, another server) starts with empty fields.
  return <AuthPromptForm key={prompt.id} prompt={prompt} />
}

function AuthPromptForm({ prompt }: { prompt: AuthPromptRequest }) {
  const { t } = useTranslation()
  const [answers, setAnswers] = useState<string[]>(() => prompt.prompts.map(() => ''))
  const [busy, setBusy] = useState(false)
  const answer = async (values: string[] | null) => {
    setBusy(true)
    await useAppStore.getState().answerAuthPrompt(prompt.id, values)
  }
  const submit = (e: FormEvent) => {
    e.preventDefault()
    void answer(answers)
  }
  const formId = `auth-prompt-${prompt.id}`
  const title =
    prompt.name.trim() ||
    t(
      prompt.source === 'doctor'
        ? 'connection.authPrompt.titleCheck'
        : 'connection.authPrompt.title'
    )
  return (
    <Dialog
      title={title}
      onCancel={() => void answer(null)}
      actions={
        <>
          <button type="button" className="btn" onClick={() => void answer(null)} disabled={busy}>
            {t('connection.authPrompt.cancel')}
          </button>
          <button type="submit" form={formId} className="btn btn-primary" disabled={busy}>
            {t('connection.authPrompt.submit')}
          </button>
        </>
      }
    >
      <form id={formId} onSubmit={submit} className="form-stack">
        <p>{t('connection.authPrompt.from', { server: prompt.server })}</p>
        {prompt.instruction.trim() && <p className="server-text">{prompt.instruction}</p>}
        {prompt.prompts.map((p, i) => (
          <label className="field" key={i}>
            <span className="field-label">
              {p.prompt.trim() || t('connection.authPrompt.answer')}
            </span>
            <input
              type={p.echo ? 'text' : 'password'}
              autoComplete="one-time-code"
              value={answers[i] ?? ''}
              onChange={(e) => setAnswers((a) => a.map((v, j) => (j === i ? e.target.value : v)))}
              {...(i === 0 ? { 'data-autofocus': true } : {})}
            />
          </label>
        ))}
      </form>
    </Dialog>
  )
}
