/** The prompt library, owned by main (prompts.json); the slice keeps the list it last answered. */
import { service } from '../api'
import type { PromptsSlice, Slice } from './types'

export const createPromptsSlice: Slice<PromptsSlice> = (set, get) => ({
  prompts: [],
  promptsLoaded: false,
  async loadPrompts() {
    if (get().promptsLoaded) return
    const res = await service.prompts.list()
    if (res.ok) set({ prompts: res.data, promptsLoaded: true })
  },
  async savePrompt(prompt) {
    const res = await service.prompts.save(
      prompt.id ? prompt : { title: prompt.title, text: prompt.text }
    )
    if (!res.ok) {
      get().notify({ tone: 'error', error: res.error })
      return false
    }
    set({ prompts: res.data, promptsLoaded: true })
    return true
  },
  async removePrompt(id) {
    const res = await service.prompts.remove({ id: id })
    if (!res.ok) {
      get().notify({ tone: 'error', error: res.error })
      return false
    }
    set({ prompts: res.data, promptsLoaded: true })
    return true
  }
})
