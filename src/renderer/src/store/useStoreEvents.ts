/** Wires every event main pushes into the store. Mounted once, by App. */
import { useEffect } from 'react'
import type { Api } from '@shared/ipc/contract'
import { service } from '../api'
import { useAppStore } from './index'
import type { Store } from './types'

/**
 * Route each event to the store action that applies it; returns the unsubscribe. The one list of
 * routes, shared by the app (useStoreEvents) and the renderer tests, so the two cannot drift.
 */
export function routeEvents(api: Pick<Api, 'on'>, store: { getState(): Store }): () => void {
  // getState() inside the handlers: actions are stable, and no render depends on these.
  const offs = [
    api.on('chat:delta', (p) => store.getState().onDelta(p)),
    api.on('chat:done', (p) => store.getState().onDone(p)),
    api.on('chat:failed', (p) => store.getState().onFailed(p)),
    api.on('conversations:changed', (p) => store.getState().applySummaries(p.summaries)),
    api.on('conversations:updated', (p) => store.getState().applySummary(p.conversation)),
    api.on('conversations:importProgress', (p) => store.getState().applyLegacyImport(p)),
    api.on('connection:state', (p) => store.getState().applyConnection(p)),
    api.on('connection:authPrompts', (p) => store.getState().applyAuthPrompts(p.pending)),
    api.on('doctor:step', (p) => store.getState().applyDoctorStep(p)),
    api.on('profiles:changed', (p) => store.getState().applyProfiles(p)),
    api.on('settings:changed', (p) => store.getState().applySettings(p)),
    api.on('app:fileMovedAside', (p) => store.getState().noteMovedAside(p.movedTo))
  ]
  return () => offs.forEach((off) => off())
}

export function useStoreEvents(): void {
  useEffect(() => routeEvents(service, useAppStore), [])
}
