import { describe, expect, it } from 'vitest'
import { extract } from '../ingest/extract/index.js'
import { gazetteer } from '../ingest/extract/gazetteer.js'
import type { Script } from '../ingest/schema.js'

// Round 11: general facts of Chinese place naming, each probed in invented wording from both
// sides — what must be read, and the look-alike that must not.
const run = (body: string, script: Script = 'simplified') => extract({ body, title: null, script }).place

describe('place: a residents’ or village committee names its community', () => {
  it('reads 居委会, 居民委员会 and the short 居委 after a name as the community', () => {
    expect(run('宜昌市西陵区学院街道平湖居委会上周组织居民议事，商量加装电梯的费用怎么分摊。')).toMatchObject({ street: '学院街道', community: '平湖居委会' })
    expect(run('长宁区新泾镇天山居委组织志愿者给独居老人送饭，每周三次。')).toMatchObject({ street: '新泾镇', community: '天山居委' })
    expect(run('翠屏区李庄镇高桥村委会召集村民开会，讨论修路的钱怎么出。').community).toBe('高桥村')
    expect(run('翠屏区李庄镇高桥村民委员会召集村民开会，讨论修路的钱怎么出。').community).toBe('高桥村')
  })

  it('keeps the community’s own name where the text writes both', () => {
    const body = '栖霞社区的停车位一直不够用。为此，栖霞居委先做了一轮问卷，栖霞居委又请来设计师，栖霞居委最后拿出了方案。'
    expect(run(body).community).toBe('栖霞社区')
  })

  it('reads no community from the committee as a kind of body', () => {
    expect(run('居民们多次到居委会反映情况，居委会主任也很着急，街道和村委会都派人来看过。').community).toBeNull()
    expect(run('好邻居委托物业代收快递的做法推开以后，各居委会也跟着学了起来。').community).toBeNull()
    expect(run('镇政府和村委会联合发文，要求各村民委员会在月底前报送名单。').community).toBeNull()
  })
})

describe('place: divisions merged or renamed since the report was written', () => {
  it('reads an old district as written, under the city that took it over', () => {
    expect(run('卢湾区打浦桥街道今年启动了老旧小区改造，居民们都很支持。')).toMatchObject({ province: '上海市', city: '上海市', district: '卢湾区', street: '打浦桥街道' })
    expect(run('宣武区广内街道今年启动了老旧小区改造，居民们都很支持，工程年底前完工。')).toMatchObject({ city: '北京市', district: '宣武区' })
    expect(run('杭州市下城区长庆街道今年启动了老旧小区改造，居民们都很支持。')).toMatchObject({ city: '杭州市', district: '下城区', street: '长庆街道' })
  })

  it('reads an old prefecture name as the city it became', () => {
    expect(run('襄樊市樊城区今年启动了老旧小区改造，居民们都很支持，工程年底前完工。')).toMatchObject({ province: '湖北省', city: '襄樊市', district: '樊城区' })
  })

  it('lists only names no current division has', () => {
    for (const name of ['卢湾区', '闸北区', '襄樊市', '思茅市', '江干区']) expect(gazetteer().byName.get(name)?.length, name).toBe(1)
    // 东山区 is still a district of 鹤岗, and 双桥区 of 承德: neither is taken for an old name.
    expect(gazetteer().byName.get('东山区')?.[0].city).toBe('鹤岗市')
  })
})

describe('place: a county that became a city or a district, written with its old 县', () => {
  it('reads the old county as its unit now', () => {
    expect(run('江苏省海安县今年启动了老旧小区改造，居民们都很支持，工程年底前完工。')).toMatchObject({ city: '南通市', district: '海安县' })
    expect(run('江宁县今年启动了老旧小区改造，居民们都很支持，工程年底前全部完工。')).toMatchObject({ province: '江苏省', city: '南京市', district: '江宁县' })
  })

  it('still reads the county whose name is the old name’s tail where the text names it', () => {
    expect(run('甘肃省宁县今年启动了老旧小区改造，居民们都很支持，工程年底前完工。')).toMatchObject({ province: '甘肃省', district: '宁县' })
  })

  it('does not give a district an old 市 that spells a word', () => {
    expect(run('本文通过厘清城市社区治理的来龙去脉，讨论今后的方向。').district).toBeNull()
  })
})

describe('place: property words used as figures of speech', () => {
  it('reads no estate from a homeland of a quality or a garden of a hundred flowers', () => {
    expect(run('读书会想给居民留一片精神家园，心里有了这片精神家园，日子就不慌。').compound).toBeNull()
    expect(run('社区的兴趣小组像个文艺百花园，小组越办越多，这个文艺百花园也越开越旺。').compound).toBeNull()
  })

  it('still reads an estate with such a word where someone lives', () => {
    expect(run('家住翠湖家园的王大爷说，改造以后楼道亮堂多了，老人们也愿意下楼了。').compound).toBe('翠湖家园')
    expect(run('家住东湖花园的王大爷说，改造以后楼道亮堂多了，老人们也愿意下楼了。').compound).toBe('东湖花园')
  })
})

describe('place: a province and its city both written short', () => {
  it('reads the province and the city (or county-level city) written together, outside the lead too', () => {
    expect(run('最近，浙江杭州的外卖骑手有了新身份，成了社区的兼职网格员。')).toMatchObject({ province: '浙江', city: '杭州' })
    expect(run('江苏昆山的老旧小区改造今年启动，居民们都很支持，工程年底前完工。')).toMatchObject({ province: '江苏', city: '苏州市', district: '昆山' })
    expect(run(`${'楼里装了电梯以后，老人们每天都愿意下楼走走，邻里之间的来往也多了起来。'}\n湖北武汉七十多岁的张奶奶说，她现在每天都下楼买菜。`)).toMatchObject({ province: '湖北', city: '武汉' })
  })

  it('lets the short province choose among districts of one name', () => {
    expect(run('福建鼓楼区的老旧小区改造今年启动，居民们都很支持，工程年底前完工。')).toMatchObject({ province: '福建', city: '福州市', district: '鼓楼区' })
  })

  it('reads nothing from a province alone, a city of another province or a road', () => {
    expect(run('在福建，老旧小区改造今年全面启动，居民们都很支持，工程年底前完工。').province).toBeNull()
    expect(run('浙江成都两地的做法各有不同，值得比较，也值得互相学习借鉴。').city).toBeNull()
    expect(run('他家住在山东青岛路附近，每天骑车上班，路上要二十分钟。').city).toBeNull()
  })

  it('does not let items of a list of examples outvote the place the report names', () => {
    const body = '山东省济南市推行积分制已有三年，全市村村都有积分超市。类似做法在江西新余、宁夏固原、宁夏吴忠等地也有，各地都说效果不错。'
    expect(run(body)).toMatchObject({ province: '山东省', city: '济南市' })
  })
})

// Round 12: a district's bare stem that is also a company's short name or an everyday word.
describe('place: a bare district stem that names something else', () => {
  it('does not read a company named after a district as that district, however often it stands alone', () => {
    const body = '物业服务企业排名出炉，江阴集团位列第五。业内人士说，江阴的优势在于老旧小区改造，江阴近年接管了多个项目。'
    expect(run(body).district).toBeNull()
  })

  it('still reads the same stem written twice where no company bears it', () => {
    expect(run('在江阴这样的县级市，停车难同样突出。江阴的老城区尤其如此。').district).toBe('江阴')
  })

  it('still reads a company’s stem right after its city', () => {
    expect(run('无锡江阴的物业企业江阴集团接管了这个小区，江阴集团派驻了管家。')).toMatchObject({ city: '无锡', district: '江阴' })
  })

  it('reads no district from a region word or a lake many cities have', () => {
    expect(run('寒潮南下，江南、江汉、中原等地降温明显。江南大部、江汉东部有小雨。').district).toBeNull()
    expect(run('居民常到东湖边散步，东湖的步道去年翻修过。社区还组织了东湖清洁行动。').district).toBeNull()
    expect(run('这个社区连续三年获得流动红旗。红旗挂在活动室里，红旗背后是居民的认可。').district).toBeNull()
  })

  it('still reads those districts written with their suffix', () => {
    expect(run('南昌市东湖区豫章街道推行楼栋议事会。')).toMatchObject({ city: '南昌市', district: '东湖区', street: '豫章街道' })
  })
})
