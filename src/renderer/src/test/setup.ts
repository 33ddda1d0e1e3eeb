/**
 * Fills the gaps between jsdom and the Chromium the renderer really runs in, so tests exercise the
 * same code paths: jsdom has no `CSS.escape`, which the sidebar and message list use to find rows.
 *
 * The tests' window.api is a real core behind a socket (realCore.ts): on a busy machine an answer
 * can take more than Testing Library's default second to arrive, so findBy…/waitFor wait longer
 * (a passing test still moves on as soon as what it waits for is there).
 */
import 'css.escape'
import { configure } from '@testing-library/react'

configure({ asyncUtilTimeout: 10_000 })
