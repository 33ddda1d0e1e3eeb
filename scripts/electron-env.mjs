/**
 * The environment `npm start` gives the Electron binary: the user's own, less what would change
 * what the app is. ELECTRON_RUN_AS_NODE (set by some editors' terminals) would run main as plain
 * Node; ELECTRON_RENDERER_URL (electron-vite dev's variable) would make the window load and trust
 * whatever page it names instead of the built one: a variable left in a shell, or set by another
 * program, must not point the app's window (and its window.api) at someone else's page.
 */
export const STRIPPED_FOR_ELECTRON = ['ELECTRON_RUN_AS_NODE', 'ELECTRON_RENDERER_URL']

/** A copy of `env` without the variables above. */
export function electronEnv(env) {
  const copy = { ...env }
  for (const name of STRIPPED_FOR_ELECTRON) delete copy[name]
  return copy
}
