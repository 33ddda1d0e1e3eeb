/**
 * The `detect` step (first start): over the link the earlier steps opened, find out which kind of
 * chat server answers and put the matching preset's contract into the profile being checked, so
 * the health and chat steps that follow test exactly what will be saved.
 */
import { validateProfile } from '@shared/profile'
import { AppFailure, appError } from '@shared/errors'
import { detectServer } from '../detect/detect'
import { getBoundSecret } from '../secrets'
import type { StepDef } from './types'

export const detectStep: StepDef = {
  id: 'detect',
  async run(ctx) {
    if (!ctx.link)
      throw new AppFailure(
        appError('internal', 'No connection to the backend was opened before this step')
      )
    const apiKey = await getBoundSecret(ctx.deps.secrets, ctx.profile, 'apiKey')
    const found = await detectServer(ctx.link, ctx.connectMs, apiKey)
    // Headers the user set (a gateway's) stay; everything else comes from the preset.
    const checked = validateProfile({
      ...ctx.profile,
      contract: { ...found.contract, headers: ctx.profile.contract.headers }
    })
    if (!checked.ok)
      throw new AppFailure(
        appError('internal', `The ${found.preset} preset does not make a valid profile`)
      )
    ctx.profile = checked.profile
    ctx.bag.set('detected', found)
    return { preset: found.preset, ...(found.models.length ? { models: found.models.length } : {}) }
  }
}
