/**
 * Fills the gaps between jsdom and the Chromium the renderer really runs in, so tests exercise the
 * same code paths: jsdom has no `CSS.escape`, which the sidebar and message list use to find rows.
 */
import 'css.escape'
