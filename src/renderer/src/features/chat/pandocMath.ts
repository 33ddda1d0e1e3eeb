/**
 * Inline math with single dollars under Pandoc's `tex_math_dollars` rule, so that prices in a
 * reply ("$5 and $10", "$5에서 $10 사이") stay text while `$x^2$` is still typeset:
 *
 * - the opening `$` must have a non-space character immediately to its right;
 * - the closing `$` must have a non-space character immediately to its left, and must not be
 *   followed immediately by a digit;
 * - `\$` is a literal dollar (Markdown's own escape outside math; inside math it never closes).
 *
 * When an opening `$` finds no closing `$` under these rules, it is plain text and the next `$`
 * may open instead (as in Pandoc: `$5 today, $x$ later` has one formula, `x`).
 *
 * micromark-extension-math (under remark-math 6) has no such rule: its single-dollar math pairs
 * any two dollars, like code spans pair backticks, and its maintainers declined to follow Pandoc
 * (micromark/micromark-extension-math#6). Its only switch, `singleDollarTextMath: false`, turns
 * single-dollar math off altogether. So remark-math keeps everything else (`$$…$$` blocks,
 * `$$…$$` inline, the syntax tree, rehype-katex's input) with that switch off, and this construct
 * adds single-dollar math back at the tokenizer, emitting the same tokens (`mathText`,
 * `mathTextSequence`, `mathTextData`) so mdast-util-math builds the same `inlineMath` nodes.
 * Working in the tokenizer, not on the raw text, keeps code spans and code blocks untouched.
 *
 * One addition to Pandoc's rule: a single-dollar formula never spans a backtick, so that code spans
 * keep the precedence CommonMark gives them over every other inline construct ("it costs $5; set
 * `$PATH` first" keeps its code span; Pandoc would typeset "5; set `" as a formula).
 * Not carried over from Pandoc: its special case for `$` inside `\text{…}` in a formula.
 */
import remarkMath from 'remark-math'
// Its types also declare the token names used below (mathText, mathTextSequence, mathTextData).
import type { Options as MathOptions } from 'micromark-extension-math'
import type { Processor } from 'unified'
import {
  asciiDigit,
  markdownLineEnding,
  markdownSpace,
  unicodeWhitespace
} from 'micromark-util-character'
import type {
  Code,
  Construct,
  Extension,
  State,
  TokenizeContext,
  Tokenizer
} from 'micromark-util-types'

const dollar = 36 // `$`
const backslash = 92 // `\`
const backtick = 96 // `
const eof = null

/** A space, tab, line ending or any Unicode whitespace (Pandoc's `space`), or the end. */
function blank(code: Code): boolean {
  return code === eof || markdownLineEnding(code) || markdownSpace(code) || unicodeWhitespace(code)
}

/** A `$` right after another `$` never opens (that is `$$`), unless the first was escaped. */
function previous(this: TokenizeContext, code: Code): boolean {
  return code !== dollar || this.events[this.events.length - 1]?.[1].type === 'characterEscape'
}

const tokenizeDollarMath: Tokenizer = function (effects, ok, nok) {
  /** Whether the character before the current one is whitespace (a closing `$` may not follow). */
  let afterBlank = false

  const start: State = (code) => {
    effects.enter('mathText')
    effects.enter('mathTextSequence')
    effects.consume(code)
    effects.exit('mathTextSequence')
    return afterOpening
  }

  const afterOpening: State = (code) => {
    // `$$` is remark-math's own; a blank right after the opening means a price or a lone dollar.
    if (code === dollar || blank(code)) return nok(code)
    effects.enter('mathTextData')
    return inside(code)
  }

  const inside: State = (code) => {
    // A backtick: a code span may start here, and code spans bind tighter than math.
    if (code === eof || code === backtick) return nok(code)
    if (markdownLineEnding(code)) {
      effects.exit('mathTextData')
      effects.enter('lineEnding')
      effects.consume(code)
      effects.exit('lineEnding')
      afterBlank = true
      return afterLineEnding
    }
    if (code === dollar) {
      if (afterBlank) return nok(code)
      effects.exit('mathTextData')
      effects.enter('mathTextSequence')
      effects.consume(code)
      effects.exit('mathTextSequence')
      return afterClosing
    }
    effects.consume(code)
    if (code === backslash) return escaped
    afterBlank = blank(code)
    return inside
  }

  /** After a backslash, the next character is the formula's own (`\$`, `\\`), never a closer. */
  const escaped: State = (code) => {
    if (code === eof || code === backtick || markdownLineEnding(code)) return inside(code)
    effects.consume(code)
    afterBlank = false
    return inside
  }

  const afterLineEnding: State = (code) => {
    if (code === eof || code === dollar) return nok(code)
    effects.enter('mathTextData')
    return inside(code)
  }

  const afterClosing: State = (code) => {
    // `$20,000 and $30,000`: a closing `$` followed by a digit is the next price's.
    if (asciiDigit(code)) return nok(code)
    effects.exit('mathText')
    return ok(code)
  }

  return start
}

const dollarMath: Construct = { name: 'mathText', tokenize: tokenizeDollarMath, previous }

/** The micromark extension: single-dollar inline math under the Pandoc rule. */
export const pandocDollarMath: Extension = { text: { [dollar]: dollarMath } }

/**
 * remark plugin: math as remark-math parses it, except that single-dollar inline math follows
 * Pandoc's rule. Use instead of remark-math, not with it.
 */
export function remarkPandocMath(this: Processor): undefined {
  remarkMath.call(this, { singleDollarTextMath: false } satisfies MathOptions)
  // remark-parse declares this field on the processor's data; its types are not imported here.
  const data = this.data() as { micromarkExtensions?: Extension[] }
  ;(data.micromarkExtensions ??= []).push(pandocDollarMath)
}
