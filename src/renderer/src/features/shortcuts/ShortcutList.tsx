import { useTranslation } from 'react-i18next'
import { useAppStore } from '../../store'
import { keyLabel, shortcuts } from './shortcuts'

/** The shortcut table as a definition list, grouped: in the overlay and in Settings. */
export function ShortcutList() {
  const { t } = useTranslation()
  const platform = useAppStore((s) => s.appInfo?.platform)
  const groups = ['app', 'chat', 'list'] as const
  return (
    <div className="shortcut-groups">
      {groups.map((group) => (
        <section key={group} className="shortcut-group" aria-labelledby={`shortcuts-${group}`}>
          <h3 id={`shortcuts-${group}`}>{t(`shortcuts.group.${group}`)}</h3>
          <dl className="shortcut-list">
            {shortcuts
              .filter((s) => s.group === group)
              .map((s) => (
                <div key={s.id} className="shortcut-row">
                  <dt>{t(`shortcuts.action.${s.id}`)}</dt>
                  <dd>
                    {s.keys.map((k, i) => (
                      <span key={i}>
                        {i > 0 && (s.id === 'listMove' ? ' ' : '+')}
                        <kbd>{keyLabel(k, platform)}</kbd>
                      </span>
                    ))}
                  </dd>
                </div>
              ))}
          </dl>
        </section>
      ))}
    </div>
  )
}
