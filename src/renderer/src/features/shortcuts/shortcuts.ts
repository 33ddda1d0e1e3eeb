/**
 * Every keyboard shortcut, once: the overlay (Ctrl+/) and the list in Settings show this table, so
 * what they say cannot drift from each other. The handlers live where the keys are handled
 * (hooks/useShortcuts.ts for app-wide keys, the composer, the editor and the sidebar list).
 */
export type ShortcutId =
  | 'newChat'
  | 'search'
  | 'toggleSidebar'
  | 'settings'
  | 'shortcuts'
  | 'switchProfile'
  | 'switchModel'
  | 'send'
  | 'newline'
  | 'stop'
  | 'editLast'
  | 'cancelEdit'
  | 'listMove'
  | 'rename'
  | 'delete'

/** `Mod` is Ctrl (⌘ on macOS). */
export const shortcuts: ReadonlyArray<{
  id: ShortcutId
  keys: string[]
  group: 'app' | 'chat' | 'list'
}> = [
  { id: 'newChat', keys: ['Mod', 'N'], group: 'app' },
  { id: 'search', keys: ['Mod', 'K'], group: 'app' },
  { id: 'toggleSidebar', keys: ['Mod', 'B'], group: 'app' },
  { id: 'settings', keys: ['Mod', ','], group: 'app' },
  { id: 'shortcuts', keys: ['Mod', '/'], group: 'app' },
  { id: 'switchProfile', keys: ['Mod', 'Shift', 'P'], group: 'app' },
  // Ctrl on every system: ⌘M minimizes the window on macOS.
  { id: 'switchModel', keys: ['Ctrl', 'M'], group: 'app' },
  { id: 'send', keys: ['Enter'], group: 'chat' },
  { id: 'newline', keys: ['Shift', 'Enter'], group: 'chat' },
  { id: 'stop', keys: ['Esc'], group: 'chat' },
  { id: 'editLast', keys: ['↑'], group: 'chat' },
  { id: 'cancelEdit', keys: ['Esc'], group: 'chat' },
  { id: 'listMove', keys: ['↑', '↓'], group: 'list' },
  { id: 'rename', keys: ['F2'], group: 'list' },
  { id: 'delete', keys: ['Delete'], group: 'list' }
]

export function keyLabel(key: string, platform: string | undefined): string {
  if (key === 'Mod') return platform === 'darwin' ? '⌘' : 'Ctrl'
  return key
}
