/**
 * Text from a backend (a model's reply, a server's error body) shown on a terminal must stay
 * text: an escape sequence in it could set the window title, write the clipboard (OSC 52), move
 * the cursor and erase lines, or in old terminals answer back. On a terminal the CLI therefore
 * shows every control character except newline and tab as a visible stand-in (U+2400's "control
 * pictures": ESC becomes ␛, BEL ␇, a lone carriage return ␍), DEL as ␡ and the C1 controls
 * (0x80–0x9f, which some terminals read as CSI and OSC too) as `<9B>`. A CRLF line end stays a
 * line end. `--raw`, and any output that is not a terminal (a pipe, a file), keeps the bytes.
 */

const C0_OR_C1 = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g // eslint-disable-line no-control-regex

function visible(ch: string): string {
  const code = ch.charCodeAt(0)
  if (code < 0x20) return String.fromCharCode(0x2400 + code)
  if (code === 0x7f) return '\u2421'
  return `<${code.toString(16).toUpperCase()}>`
}

/** One piece of text, whole: every control character but \n and \t made visible, CRLF kept as \n. */
export function visibleControls(text: string): string {
  return text.replace(/\r\n/g, '\n').replace(C0_OR_C1, visible)
}

/**
 * The same for a stream of chunks (a reply's deltas), where a CRLF may be split between two
 * chunks: a trailing \r waits for the next chunk (or `end()`).
 */
export function createVisibleControls(): { push(chunk: string): string; end(): string } {
  let pendingCr = false
  return {
    push(chunk) {
      let text = (pendingCr ? '\r' : '') + chunk
      pendingCr = text.endsWith('\r')
      if (pendingCr) text = text.slice(0, -1)
      return visibleControls(text)
    },
    end() {
      const rest = pendingCr ? visibleControls('\r') : ''
      pendingCr = false
      return rest
    }
  }
}
