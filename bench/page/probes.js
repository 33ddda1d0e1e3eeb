/* global window, document, requestAnimationFrame, MutationObserver */
/**
 * Page-side measuring tools for bench/stream.ts and bench/ui.ts, injected into the web harness's
 * page with Playwright's addInitScript (plain browser JavaScript: it runs in Chromium, not Node).
 * Every time here is the page's own clock (performance.now(), and event.timeStamp on the same
 * time origin), so no Node↔browser round trip is inside a figure.
 *
 * "Painted" means: the requestAnimationFrame after the change, then a message-channel task, which
 * runs once that frame has been produced (the usual way to approximate "the next paint").
 */
;(() => {
  const nextPaint = (cb) =>
    requestAnimationFrame(() => {
      const channel = new MessageChannel()
      channel.port1.onmessage = () => cb(performance.now())
      channel.port2.postMessage(0)
    })

  /**
   * Calls `then` once a change to the page (nodes, text, and attributes unless told otherwise)
   * leaves `ready()` true; calls `fail` after `timeoutMs` (a no-op for a promise already settled).
   */
  const watchPage = (ready, then, fail, timeoutMs, attributes = true) => {
    const observer = new MutationObserver(() => {
      if (!ready()) return
      observer.disconnect()
      then()
    })
    observer.observe(document.body, {
      subtree: true,
      childList: true,
      attributes,
      characterData: true
    })
    setTimeout(() => {
      observer.disconnect()
      fail()
    }, timeoutMs)
  }

  const bench = {
    /** Long animation frames (> 50 ms, Chromium's LoAF API) and every rAF-to-rAF gap. */
    startFrames() {
      const long = []
      const gaps = []
      let last = null
      let running = true
      let observer = null
      let kind = 'none'
      try {
        observer = new PerformanceObserver((list) => {
          for (const e of list.getEntries()) long.push(e.duration)
        })
        observer.observe({ type: 'long-animation-frame', buffered: false })
        kind = 'long-animation-frame'
      } catch {
        try {
          observer.observe({ type: 'longtask', buffered: false })
          kind = 'longtask'
        } catch {
          observer = null
        }
      }
      const tick = (t) => {
        if (last !== null) gaps.push(t - last)
        last = t
        if (running) requestAnimationFrame(tick)
      }
      requestAnimationFrame(tick)
      bench._frames = () => {
        running = false
        if (observer) {
          for (const e of observer.takeRecords()) long.push(e.duration)
          observer.disconnect()
        }
        return { kind, long, gaps }
      }
    },
    stopFrames() {
      const result = bench._frames ? bench._frames() : { kind: 'none', long: [], gaps: [] }
      bench._frames = null
      return result
    },

    /** Per key: keydown's timeStamp → the paint after its input event. */
    startTyping(selector) {
      const el = document.querySelector(selector)
      if (!el) throw new Error(`no element ${selector}`)
      const lags = []
      let downAt = null
      const onDown = (e) => {
        downAt = e.timeStamp
      }
      const onInput = () => {
        const t0 = downAt
        downAt = null
        if (t0 !== null) nextPaint((t) => lags.push(t - t0))
      }
      el.addEventListener('keydown', onDown, true)
      el.addEventListener('input', onInput, true)
      bench._typing = () => {
        el.removeEventListener('keydown', onDown, true)
        el.removeEventListener('input', onInput, true)
        return lags
      }
    },
    stopTyping() {
      const lags = bench._typing ? bench._typing() : []
      bench._typing = null
      return lags
    },

    /**
     * Issue 19: the composer's file input `change` → the paint after a chip shows the file's
     * extracted length (the text is in the composer, ready to send). Read from `bench.chip`.
     */
    armChip(timeoutMs) {
      let start = null
      const input = document.querySelector('[data-testid="attach-input"]')
      if (!input) throw new Error('no attach input')
      const onChange = () => {
        if (start === null) start = performance.now()
      }
      input.addEventListener('change', onChange, true)
      bench.chip = new Promise((resolve, reject) => {
        const ready = () => {
          const detail = document.querySelector(
            '.attachment-chip:not(.attachment-reading) .attachment-detail'
          )
          return !!detail && /characters/.test(detail.textContent || '')
        }
        watchPage(
          () => start !== null && ready(),
          () => {
            input.removeEventListener('change', onChange, true)
            nextPaint((t) => resolve(t - start))
          },
          () => reject(new Error(`no chip within ${timeoutMs} ms of picking the file`)),
          timeoutMs
        )
      })
    },

    /**
     * Arm before clicking: resolves `bench.opened` with click → painted, once the row
     * `data-index=index` of the message log is inside the log's visible area.
     */
    armOpen(index, timeoutMs) {
      let clickAt = null
      const onClick = (e) => {
        if (clickAt === null) clickAt = e.timeStamp
      }
      document.addEventListener('click', onClick, true)
      bench.opened = new Promise((resolve, reject) => {
        const visible = () => {
          const log = document.querySelector('[role="log"]')
          const row = log && log.querySelector(`[data-index="${index}"]`)
          if (!row) return false
          const a = row.getBoundingClientRect()
          const b = log.getBoundingClientRect()
          return a.height > 0 && a.bottom > b.top && a.top < b.bottom
        }
        watchPage(
          () => clickAt !== null && visible(),
          () => {
            document.removeEventListener('click', onClick, true)
            nextPaint((t) => resolve(t - clickAt))
          },
          () => reject(new Error(`row ${index} not visible within ${timeoutMs} ms of the click`)),
          timeoutMs
        )
      })
    },

    /** Counts what the bridge delivers: deltas, characters, first delta and done times. */
    startStream() {
      const s = { deltas: 0, chars: 0, first: null, done: null, enterAt: null }
      const offDelta = window.api.on('chat:delta', (p) => {
        if (s.first === null) s.first = performance.now()
        s.deltas++
        s.chars += p.text.length
      })
      const offDone = window.api.on('chat:done', () => {
        if (s.done === null) s.done = performance.now()
      })
      const onKey = (e) => {
        if (e.key === 'Enter' && s.enterAt === null) s.enterAt = e.timeStamp
      }
      document.addEventListener('keydown', onKey, true)
      bench.stream = s
      bench._stream = () => {
        offDelta()
        offDone()
        document.removeEventListener('keydown', onKey, true)
        return s
      }
    },
    streamStarted() {
      return Boolean(bench.stream && bench.stream.first !== null)
    },
    stopStream() {
      const s = bench._stream ? bench._stream() : bench.stream
      bench._stream = null
      return s
    },

    /** Row `present` is in the message log and row `absent` is not (another conversation is shown). */
    rowsShown(present, absent) {
      const log = document.querySelector('[role="log"]')
      return Boolean(
        log &&
        log.querySelector(`[data-index="${present}"]`) &&
        !log.querySelector(`[data-index="${absent}"]`)
      )
    },

    /** Whether the last message body in the log contains `text` (every one of them, if an array). */
    replyShows(text) {
      const bodies = document.querySelectorAll('[role="log"] .msg-body')
      const last = bodies[bodies.length - 1]
      const content = (last && last.textContent) || ''
      return (Array.isArray(text) ? text : [text]).every((t) => content.includes(t))
    },

    /** Resolves with the time the last reply's body first contains `text`, painted. */
    whenReplyShows(text, timeoutMs) {
      return new Promise((resolve, reject) => {
        const shows = () => bench.replyShows(text)
        if (shows()) return nextPaint(resolve)
        watchPage(
          shows,
          () => nextPaint(resolve),
          () => reject(new Error(`"${text}" not shown within ${timeoutMs} ms`)),
          timeoutMs,
          false
        )
      })
    },

    /** One chat turn through window.api (the renderer's bridge): send → first delta, → done. */
    ttft(conversationId, text) {
      return new Promise((resolve, reject) => {
        let first = null
        let t0 = 0
        const offDelta = window.api.on('chat:delta', (p) => {
          if (p.conversationId === conversationId && first === null) first = performance.now()
        })
        const offDone = window.api.on('chat:done', (p) => {
          if (p.conversationId !== conversationId) return
          offDelta()
          offDone()
          resolve({
            ttft: first === null ? null : first - t0,
            total: performance.now() - t0,
            messageId: p.message.id
          })
        })
        t0 = performance.now()
        window.api.chat.send({ conversationId, text }).then((r) => {
          if (!r.ok) {
            offDelta()
            offDone()
            reject(new Error(JSON.stringify(r.error)))
          }
        }, reject)
      })
    }
  }
  window.__bench = bench
})()
