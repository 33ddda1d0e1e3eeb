/** Settings → Prompt library: search, add, edit and delete saved prompts. */
import { useEffect, useId, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { searchPrompts, type Prompt } from '@shared/prompts'
import { useAppStore } from '../../store'

function PromptEditor({ prompt, onDone }: { prompt: Partial<Prompt>; onDone: () => void }) {
  const { t } = useTranslation()
  const [title, setTitle] = useState(prompt.title ?? '')
  const [text, setText] = useState(prompt.text ?? '')
  const titleId = useId()
  const textId = useId()
  const save = async () => {
    if (
      await useAppStore
        .getState()
        .savePrompt({ ...(prompt.id ? { id: prompt.id } : {}), title, text })
    )
      onDone()
  }
  return (
    <form
      className="prompt-editor"
      onSubmit={(e) => {
        e.preventDefault()
        void save()
      }}
    >
      <div className="field">
        <label htmlFor={titleId} className="field-label">
          {t('prompts.titleField')}
        </label>
        <input
          id={titleId}
          value={title}
          maxLength={120}
          onChange={(e) => setTitle(e.target.value)}
        />
      </div>
      <div className="field">
        <label htmlFor={textId} className="field-label">
          {t('prompts.textField')}
        </label>
        <textarea id={textId} rows={5} value={text} onChange={(e) => setText(e.target.value)} />
      </div>
      <div className="row-actions">
        <button type="button" className="btn" onClick={onDone}>
          {t('common.cancel')}
        </button>
        <button type="submit" className="btn btn-primary" disabled={!title.trim() || !text.trim()}>
          {t('prompts.save')}
        </button>
      </div>
    </form>
  )
}

export function PromptLibrary() {
  const { t } = useTranslation()
  const prompts = useAppStore((s) => s.prompts)
  const [query, setQuery] = useState('')
  const [editing, setEditing] = useState<Partial<Prompt> | null>(null)
  useEffect(() => {
    void useAppStore.getState().loadPrompts()
  }, [])
  const shown = searchPrompts(prompts, query)
  return (
    <div className="prompt-library">
      <p className="field-hint">{t('prompts.libraryHint', { example: '{{문서}}' })}</p>
      <div className="row-actions">
        <input
          type="search"
          aria-label={t('prompts.search')}
          placeholder={t('prompts.search')}
          value={query}
          onChange={(e) => setQuery(e.target.value)}
        />
        <button type="button" className="btn" onClick={() => setEditing({})}>
          {t('prompts.add')}
        </button>
      </div>
      {editing && !editing.id && <PromptEditor prompt={editing} onDone={() => setEditing(null)} />}
      <ul className="prompt-rows" aria-label={t('prompts.library')}>
        {shown.map((p) => (
          <li key={p.id} className="prompt-row">
            {editing?.id === p.id ? (
              <PromptEditor prompt={p} onDone={() => setEditing(null)} />
            ) : (
              <>
                <div className="prompt-row-text">
                  <strong>{p.title}</strong>
                  <span>{p.text.replace(/\s+/g, ' ').slice(0, 120)}</span>
                </div>
                <button
                  type="button"
                  className="btn-ghost btn-small"
                  aria-label={`${t('prompts.edit')}: ${p.title}`}
                  onClick={() => setEditing(p)}
                >
                  {t('prompts.edit')}
                </button>
                <button
                  type="button"
                  className="btn-ghost btn-small"
                  aria-label={`${t('prompts.remove')}: ${p.title}`}
                  onClick={() => {
                    void useAppStore
                      .getState()
                      .removePrompt(p.id)
                      .then(
                        (ok) =>
                          ok &&
                          useAppStore.getState().notify({
                            tone: 'info',
                            key: 'prompts.removed',
                            params: { title: p.title }
                          })
                      )
                  }}
                >
                  {t('prompts.remove')}
                </button>
              </>
            )}
          </li>
        ))}
      </ul>
    </div>
  )
}
