/**
 * The topology tests run only inside the network that run.ts builds (they are the desk). Started
 * any other way (`vitest -c vitest.topology.config.mts` directly) they stop here, saying so.
 */
import { existsSync } from 'node:fs'

const info = process.env.KHA_TOPOLOGY
if (!info || !existsSync(info)) {
  throw new Error(
    'The network topology suite runs through `npm run test:topology` (test/topology/run.ts builds the namespaces first).'
  )
}
