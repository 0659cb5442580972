import { describe, expect, it } from 'vitest'
import { translate } from '../app/i18n.js'

describe('labels', () => {
  it('say one case, not one cases, in English', () => {
    expect(translate('en', 'casesCount', { n: 1 })).toBe('1 case')
    expect(translate('en', 'casesCount', { n: 2 })).toBe('2 cases')
    expect(translate('en', 'casesCount', { n: 0 })).toBe('0 cases')
    expect(translate('en', 'groupWithAmounts', { n: 1 })).toBe('1 case states an amount')
    expect(translate('en', 'scale_households', { n: '1' })).toBe('1 household')
  })

  it('leave Chinese as written, whatever the count', () => {
    expect(translate('zh', 'casesCount', { n: 1 })).toBe('共 1 个案例')
  })
})
