import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { I18nextProvider } from 'react-i18next'
import { App } from './App'
import { i18n } from './i18n'
// KaTeX's stylesheet and fonts are bundled (served by the app itself, as the CSP requires), and
// copy-tex makes copying a typeset formula copy its TeX source.
import 'katex/dist/katex.min.css'
import 'katex/contrib/copy-tex'
import './styles/theme.css'
import './styles/app.css'
import './styles/connect.css'

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <I18nextProvider i18n={i18n}>
      <App />
    </I18nextProvider>
  </StrictMode>
)
