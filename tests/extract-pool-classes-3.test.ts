import { describe, expect, it } from 'vitest'
import { extract } from '../ingest/extract/index.js'

// Failure classes found on the pool's development pages (issue 8, round 6), in wording written for
// these tests (invented estates, people and numbers), each checked from both sides.
const run = (body: string, script: 'simplified' | 'traditional' = 'simplified') => extract({ body, title: null, script })

describe('place: Hong Kong and Macao districts written without 区', () => {
  it('reads a bare district where the text names the region, by its name or by one of its areas', () => {
    expect(run('香港的旧楼维修一直是难题。观塘一座五十年楼龄的大厦，业主上月自发组成了维修小组。').place).toMatchObject({ city: '香港', district: '观塘' })
    expect(run('走遍港九新界，我們在荃灣找到一群自發清潔後巷的街坊。', 'traditional').place.district).toBe('荃灣')
    expect(run('澳门的街坊会在望德堂设了一个长者饭堂。').place.district).toBe('望德堂')
  })

  it('reads the region\'s district even where a mainland county shares its stem (大埔)', () => {
    expect(run('香港大埔一条屋邨的居民组成了互助队。').place).toMatchObject({ city: '香港', district: '大埔' })
  })

  it('leaves a bare stem alone where the region is not named, or only inside another division\'s name', () => {
    expect(run('观塘一座五十年楼龄的大厦，业主上月自发组成了维修小组。').place.district).toBeNull()
    expect(run('重庆市九龙坡区的居民到荃湾考察了一次。').place.district).toBe('九龙坡区')
  })
})
