import { useTranslation } from 'react-i18next'
import { Dialog } from '../../components/Dialog'
import { useAppStore } from '../../store'
import { ShortcutList } from './ShortcutList'

/** Ctrl+/ : every shortcut at a glance. */
export function ShortcutsDialog() {
  const { t } = useTranslation()
  const open = useAppStore((s) => s.shortcutsOpen)
  if (!open) return null
  const close = () => useAppStore.getState().setShortcutsOpen(false)
  return (
    <Dialog
      title={t('shortcuts.title')}
      onCancel={close}
      wide
      actions={
        <button type="button" className="btn" onClick={close} data-autofocus>
          {t('common.close')}
        </button>
      }
    >
      <ShortcutList />
    </Dialog>
  )
}
