import { describe, expect, it } from 'vitest'
import { historySupport, withHistoryOn } from './history'
import { presets } from './presets'
import { BackendContractSchema } from './profile'

const contract = (draft: Parameters<typeof BackendContractSchema.parse>[0]) =>
  BackendContractSchema.parse(draft)

describe('history support', () => {
  it('says which presets send the conversation so far, and that the kha GET call cannot', () => {
    expect(historySupport(contract(presets.kha_get))).toBe('unsupported')
    expect(historySupport(contract(presets.kha_stream))).toBe('sends')
    expect(historySupport(contract(presets.openai))).toBe('sends')
    expect(historySupport(contract({ ...presets.kha_stream, history: { mode: 'none' } }))).toBe(
      'off'
    )
  })

  it('turns the last 10 turns on, keeping the list field and role names', () => {
    const off = contract({
      ...presets.kha_stream,
      history: { mode: 'none', field: 'messages', userRole: 'human' }
    })
    const on = withHistoryOn(off)
    expect(on.history).toMatchObject({
      mode: 'lastN',
      turns: 10,
      field: 'messages',
      userRole: 'human'
    })
    expect(historySupport(on)).toBe('sends')
    expect(
      withHistoryOn(contract({ method: 'POST', history: { mode: 'none', field: '' } })).history
        .field
    ).toBe('history')
    // Still a valid contract.
    expect(BackendContractSchema.safeParse(on).success).toBe(true)
  })
})
