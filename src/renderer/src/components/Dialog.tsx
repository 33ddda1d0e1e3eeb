/**
 * A modal dialog: labelled by its title, focus moved in on open and back on close, Tab kept
 * inside, Esc cancels. A small custom one because jsdom (unit tests) lacks <dialog>.showModal.
 * Rendered into <body> (a portal): opened from inside a message row, whose `transform` would
 * otherwise confine the fixed backdrop to that row and let the rows below cover the buttons.
 */
import {
  useEffect,
  useId,
  useLayoutEffect,
  useRef,
  type KeyboardEvent,
  type ReactNode
} from 'react'
import { createPortal } from 'react-dom'

export function Dialog({
  title,
  children,
  actions,
  onCancel,
  tone = 'normal',
  describedBy,
  wide = false
}: {
  title: string
  children?: ReactNode
  actions: ReactNode
  onCancel: () => void
  tone?: 'normal' | 'danger'
  describedBy?: string
  /** Room for a list (the connection check's steps); the body scrolls when it is taller than the window. */
  wide?: boolean
}) {
  const titleId = useId()
  const ref = useRef<HTMLDivElement>(null)
  const cancelRef = useRef(onCancel)
  useLayoutEffect(() => {
    cancelRef.current = onCancel
  })

  useEffect(() => {
    const previous = document.activeElement as HTMLElement | null
    const root = ref.current
    const first =
      root?.querySelector<HTMLElement>('[data-autofocus]') ??
      root?.querySelector<HTMLElement>('input, textarea, select, button')
    first?.focus()
    return () => previous?.focus?.()
  }, [])

  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === 'Escape') {
      e.stopPropagation()
      e.preventDefault()
      cancelRef.current()
      return
    }
    if (e.key !== 'Tab' || !ref.current) return
    const focusable = [
      ...ref.current.querySelectorAll<HTMLElement>(
        'button, input, textarea, select, a[href], [tabindex]:not([tabindex="-1"])'
      )
    ].filter((el) => !el.hasAttribute('disabled'))
    if (focusable.length === 0) return
    const first = focusable[0]!
    const last = focusable[focusable.length - 1]!
    if (e.shiftKey && document.activeElement === first) {
      e.preventDefault()
      last.focus()
    } else if (!e.shiftKey && document.activeElement === last) {
      e.preventDefault()
      first.focus()
    }
  }

  return createPortal(
    <div className="dialog-backdrop">
      <div
        ref={ref}
        role={tone === 'danger' ? 'alertdialog' : 'dialog'}
        aria-modal="true"
        aria-labelledby={titleId}
        aria-describedby={describedBy}
        className={`dialog dialog-${tone}${wide ? ' dialog-wide' : ''}`}
        onKeyDown={onKeyDown}
      >
        <h2 id={titleId} className="dialog-title">
          {title}
        </h2>
        <div className="dialog-body">{children}</div>
        <div className="dialog-actions">{actions}</div>
      </div>
    </div>,
    document.body
  )
}

/** A yes/no question before something that cannot be taken back. */
export function ConfirmDialog({
  title,
  body,
  confirmLabel,
  cancelLabel,
  onConfirm,
  onCancel
}: {
  title: string
  body: string
  confirmLabel: string
  cancelLabel: string
  onConfirm: () => void
  onCancel: () => void
}) {
  const bodyId = useId()
  return (
    <Dialog
      title={title}
      onCancel={onCancel}
      tone="danger"
      describedBy={bodyId}
      actions={
        <>
          <button type="button" className="btn" onClick={onCancel} data-autofocus>
            {cancelLabel}
          </button>
          <button type="button" className="btn btn-danger" onClick={onConfirm}>
            {confirmLabel}
          </button>
        </>
      }
    >
      <p id={bodyId}>{body}</p>
    </Dialog>
  )
}
