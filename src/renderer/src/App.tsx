/**
 * The shell: start-up, language and theme, the three columns (sidebar, main view, dialogs), and
 * the app-wide keyboard shortcuts. Everything else lives in features/.
 */
import { useEffect } from 'react'
import { useTranslation } from 'react-i18next'
import { Toasts } from './components/Toasts'
import { ChatView } from './features/chat/ChatView'
import { AuthPromptDialog } from './features/connection/AuthPromptDialog'
import { ConnectionPrompts } from './features/connection/ConnectionPrompts'
import { DoctorDialog } from './features/connection/DoctorDialog'
import { SettingsView } from './features/settings/SettingsView'
import { WelcomeView } from './features/settings/WelcomeView'
import { ShortcutsDialog } from './features/shortcuts/ShortcutsDialog'
import { Sidebar } from './features/sidebar/Sidebar'
import { useFocusHealth } from './hooks/useFocusHealth'
import { useSecretRetry } from './hooks/useSecretRetry'
import { useShortcuts } from './hooks/useShortcuts'
import { applyLanguage, errorText, pickLanguage, systemLanguages } from './i18n'
import { useAppStore } from './store'
import { ErrorAdvice } from './components/ErrorAdvice'
import { selectSidebarVisible } from './store/selectors'
import { useStoreEvents } from './store/useStoreEvents'

function useLanguageAndTheme() {
  const language = useAppStore((s) => s.settings.language)
  const theme = useAppStore((s) => s.settings.theme)
  const info = useAppStore((s) => s.appInfo)
  useEffect(() => {
    void applyLanguage(pickLanguage(language, systemLanguages(info, navigator)))
  }, [language, info])
  useEffect(() => {
    // No attribute = follow the OS through prefers-color-scheme (see styles/theme.css).
    if (theme === 'system') delete document.documentElement.dataset.theme
    else document.documentElement.dataset.theme = theme
  }, [theme])
}

const NARROW = '(max-width: 899px)'

/** Below 900 px the sidebar folds away by itself (Ctrl+B or the header button brings it back). */
function useNarrowWindow() {
  useEffect(() => {
    const query = window.matchMedia?.(NARROW)
    if (!query) return
    const apply = () => useAppStore.getState().setNarrow(query.matches)
    apply()
    query.addEventListener('change', apply)
    return () => query.removeEventListener('change', apply)
  }, [])
}

/** The open conversation is remembered in the settings: the next start reopens it. */
function useRememberConversation() {
  const activeId = useAppStore((s) => s.activeId)
  const booted = useAppStore((s) => s.booted && !s.bootError)
  useEffect(() => {
    if (booted) useAppStore.getState().rememberConversation(activeId)
  }, [activeId, booted])
}

export function App() {
  const { t } = useTranslation()
  useStoreEvents()
  useFocusHealth()
  useSecretRetry()
  useShortcuts()
  useLanguageAndTheme()
  useNarrowWindow()
  useRememberConversation()
  const sidebarVisible = useAppStore(selectSidebarVisible)
  const narrow = useAppStore((s) => s.narrow)
  const booted = useAppStore((s) => s.booted)
  const bootError = useAppStore((s) => s.bootError)
  const view = useAppStore((s) => s.view)
  const hasProfiles = useAppStore((s) => s.profiles.length > 0)

  // After the event subscriptions above (effects run in order), so no event is missed.
  useEffect(() => {
    void useAppStore.getState().boot()
  }, [])

  if (!booted) return <Splash />
  if (bootError) {
    return (
      <div className="splash" role="alert">
        <p>{errorText(bootError)}</p>
        <ErrorAdvice error={bootError} />
        <button
          type="button"
          className="btn btn-primary"
          onClick={() => void useAppStore.getState().boot()}
        >
          {t('chat.retry')}
        </button>
      </div>
    )
  }

  return (
    <div
      className={`app${sidebarVisible ? (narrow ? ' sidebar-overlay' : '') : ' sidebar-hidden'}`}
    >
      {sidebarVisible && <Sidebar />}
      {sidebarVisible && narrow && (
        <div
          className="sidebar-backdrop"
          aria-hidden="true"
          onClick={() => useAppStore.getState().setSidebarOpen(false)}
        />
      )}
      <main className="main">
        <RecoveredBanner />
        {view === 'settings' ? <SettingsView /> : hasProfiles ? <ChatView /> : <WelcomeView />}
      </main>
      <ConnectionPrompts />
      <AuthPromptDialog />
      <DoctorDialog />
      <ShortcutsDialog />
      <Toasts />
    </div>
  )
}

/**
 * Until the start-up answers are in. On the first start after an upgrade from 0.1 that is the
 * import of its history (up to a minute with 10,000 conversations): the screen says so, and how far.
 */
function Splash() {
  const { t, i18n } = useTranslation()
  const progress = useAppStore((s) => s.legacyImport)
  const running = progress?.state === 'conversations' || progress?.state === 'search'
  if (!progress || !running) {
    return (
      <div className="splash" role="status" aria-live="polite">
        {t('app.loading')}
      </div>
    )
  }
  const count = (n: number) => n.toLocaleString(i18n.language)
  return (
    <div className="splash splash-import" role="status" aria-live="polite">
      <p>
        {progress.state === 'conversations'
          ? t('app.importing', { done: count(progress.done), total: count(progress.total) })
          : t('app.importingSearch', { total: count(progress.total) })}
      </p>
      {/* Written, then indexed for search: the same bar fills twice, each time to the end. */}
      <progress max={progress.total} value={progress.done} />
      <p className="splash-note">{t('app.importingNote')}</p>
    </div>
  )
}

function RecoveredBanner() {
  const { t } = useTranslation()
  const show = useAppStore((s) => s.showRecovered)
  const files = useAppStore((s) => s.appInfo?.recoveredFiles ?? [])
  if (!show) return null
  return (
    <div className="banner" role="alert">
      <span>{t('app.recovered', { files: files.join(', ') })}</span>
      <button
        type="button"
        className="btn btn-small"
        onClick={() => useAppStore.getState().dismissRecovered()}
      >
        {t('app.dismiss')}
      </button>
    </div>
  )
}
