// The Playwright runner (and so the harness it spawns with process.execPath) runs on the pinned Node.
import { expect, test } from '@playwright/test'
import { expectedNode, meetsMinimum } from '../test/helpers/runtime'

test('the e2e runner runs on the Node the project pins', () => {
  const want = expectedNode()
  if (want.exact) expect(process.version).toBe(want.exact)
  expect(meetsMinimum(process.version, want.minimum)).toBe(true)
})
