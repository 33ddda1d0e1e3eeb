/** Wires every event main pushes into the store. Mounted once, by App. */
import { useApiEvent } from '../hooks/useApiEvent'
import { useAppStore } from './index'

export function useStoreEvents(): void {
  // getState() inside the handlers: actions are stable, and no render depends on this hook.
  useApiEvent('chat:delta', (p) => useAppStore.getState().onDelta(p))
  useApiEvent('chat:done', (p) => useAppStore.getState().onDone(p))
  useApiEvent('chat:failed', (p) => useAppStore.getState().onFailed(p))
  useApiEvent('conversations:changed', (p) => useAppStore.getState().applySummaries(p.summaries))
  useApiEvent('conversations:updated', (p) => useAppStore.getState().applySummary(p.conversation))
  useApiEvent('connection:state', (p) => useAppStore.getState().applyConnection(p))
  useApiEvent('connection:authPrompts', (p) => useAppStore.getState().applyAuthPrompts(p.pending))
  useApiEvent('doctor:step', (p) => useAppStore.getState().applyDoctorStep(p))
  useApiEvent('profiles:changed', (p) => useAppStore.getState().applyProfiles(p))
  useApiEvent('settings:changed', (p) => useAppStore.getState().applySettings(p))
}
