/**
 * Entry point of the Paritaire editor: loads the styles and mounts the app
 * inside the session provider.
 */
import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { App } from './App.tsx'
import { SessionProvider } from './session.tsx'
import './styles/base.css'
import './styles/layout.css'
import './styles/editor.css'
import './styles/compare.css'
import './styles/threads.css'
import './styles/search.css'

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <SessionProvider>
      <App />
    </SessionProvider>
  </StrictMode>,
)
