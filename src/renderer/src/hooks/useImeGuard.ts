/**
 * Korean (and Japanese, Chinese) input goes through an IME composition. The Enter that commits a
 * composition must not send the message. Browsers disagree on how they report it, so all three
 * signals count: `isComposing` on the event, our own compositionstart/end tracking, and keyCode
 * 229, which Chromium and Safari use for keys the IME handles (Chromium fires keydown Enter with
 * isComposing during a Korean commit; Safari fires compositionend *before* that keydown).
 */
import { useRef, type CompositionEvent, type KeyboardEvent } from 'react'

export interface KeyLike {
  key: string
  shiftKey: boolean
  keyCode?: number
  nativeEvent?: { isComposing?: boolean }
}

export function isImeKey(e: KeyLike, composing: boolean): boolean {
  return composing || e.nativeEvent?.isComposing === true || e.keyCode === 229
}

/** Enter sends, Shift+Enter is a newline, and nothing sends while composing. */
export function isSendKey(e: KeyLike, composing: boolean): boolean {
  return e.key === 'Enter' && !e.shiftKey && !isImeKey(e, composing)
}

export function useImeGuard() {
  const composing = useRef(false)
  return {
    composing,
    handlers: {
      onCompositionStart: (_e: CompositionEvent) => {
        composing.current = true
      },
      onCompositionEnd: (_e: CompositionEvent) => {
        composing.current = false
      },
      // A composition cannot survive losing focus; some engines never send compositionend then.
      onBlur: () => {
        composing.current = false
      }
    },
    isSendKey: (e: KeyboardEvent) => isSendKey(e, composing.current),
    isImeKey: (e: KeyboardEvent) => isImeKey(e, composing.current)
  }
}
