/**
 * The prompt menu of the composer: a listbox of saved prompts filtered by what follows `/` in the
 * composer (or by its own search box when opened from the Prompts button). Picking a prompt with
 * `{{variables}}` asks for their values first (PromptFillDialog).
 */
import { useId, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { fillPrompt, promptVariables, type Prompt } from '@shared/prompts'
import { Dialog } from '../../components/Dialog'

export function PromptList({
  id,
  prompts,
  active,
  onPick,
  onHover
}: {
  id: string
  prompts: Prompt[]
  active: number
  onPick: (p: Prompt) => void
  onHover: (index: number) => void
}) {
  const { t } = useTranslation()
  if (prompts.length === 0) return <p className="prompt-empty">{t('prompts.none')}</p>
  return (
    <ul id={id} role="listbox" aria-label={t('prompts.title')} className="prompt-list">
      {prompts.map((p, i) => (
        <li
          key={p.id}
          id={`${id}-${i}`}
          role="option"
          aria-selected={i === active}
          className={`prompt-option${i === active ? ' prompt-active' : ''}`}
          // mousedown, not click: the composer keeps its focus (and its caret).
          onMouseDown={(e) => {
            e.preventDefault()
            onPick(p)
          }}
          onMouseEnter={() => onHover(i)}
        >
          <span className="prompt-option-title">{p.title}</span>
          <span className="prompt-option-text">{p.text.replace(/\s+/g, ' ').slice(0, 80)}</span>
        </li>
      ))}
    </ul>
  )
}

/** Ask for the value of each `{{variable}}`, then hand back the filled text. */
export function PromptFillDialog({
  prompt,
  onInsert,
  onCancel
}: {
  prompt: Prompt
  onInsert: (text: string) => void
  onCancel: () => void
}) {
  const { t } = useTranslation()
  const names = promptVariables(prompt.text)
  const [values, setValues] = useState<Record<string, string>>({})
  const baseId = useId()
  const insert = () => onInsert(fillPrompt(prompt.text, values))
  return (
    <Dialog
      title={t('prompts.fillTitle', { title: prompt.title })}
      onCancel={onCancel}
      actions={
        <>
          <button type="button" className="btn" onClick={onCancel}>
            {t('common.cancel')}
          </button>
          <button type="button" className="btn btn-primary" onClick={insert}>
            {t('prompts.insert')}
          </button>
        </>
      }
    >
      {names.map((name, i) => (
        <div key={name} className="field">
          <label htmlFor={`${baseId}-${i}`} className="field-label">
            {name}
          </label>
          <textarea
            id={`${baseId}-${i}`}
            rows={name.length > 0 && i === names.length - 1 ? 4 : 1}
            value={values[name] ?? ''}
            onChange={(e) => setValues((v) => ({ ...v, [name]: e.target.value }))}
            onKeyDown={(e) => {
              if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
                e.preventDefault()
                insert()
              }
            }}
          />
        </div>
      ))}
    </Dialog>
  )
}

/** A popover with its own search box (the composer's Prompts button). */
export function PromptSearchPopover({
  prompts,
  onPick,
  onClose
}: {
  prompts: (query: string) => Prompt[]
  onPick: (p: Prompt) => void
  onClose: () => void
}) {
  const { t } = useTranslation()
  const [query, setQuery] = useState('')
  const [active, setActive] = useState(0)
  const listId = useId()
  const shown = prompts(query)
  return (
    <div className="prompt-popover">
      <input
        type="search"
        autoFocus
        aria-label={t('prompts.search')}
        placeholder={t('prompts.search')}
        role="combobox"
        aria-expanded="true"
        aria-controls={listId}
        aria-activedescendant={shown.length ? `${listId}-${active}` : undefined}
        value={query}
        onChange={(e) => {
          setQuery(e.target.value)
          setActive(0)
        }}
        onBlur={onClose}
        onKeyDown={(e) => {
          if (e.key === 'ArrowDown') {
            e.preventDefault()
            setActive((a) => Math.min(a + 1, shown.length - 1))
          } else if (e.key === 'ArrowUp') {
            e.preventDefault()
            setActive((a) => Math.max(a - 1, 0))
          } else if (e.key === 'Enter' && !e.nativeEvent.isComposing) {
            e.preventDefault()
            const p = shown[active]
            if (p) onPick(p)
          } else if (e.key === 'Escape') {
            e.preventDefault()
            e.stopPropagation()
            onClose()
          }
        }}
      />
      <PromptList id={listId} prompts={shown} active={active} onPick={onPick} onHover={setActive} />
    </div>
  )
}
