import { describe, expect, it } from 'vitest'
import { extract } from '../ingest/extract/index.js'
import type { Script } from '../ingest/schema.js'

// Place classes that failed on pages the code had never seen (issue 8, round 8), each written for
// these tests in invented wording and checked from both sides: what must be read, and the look-alike
// beside it that must not.
const run = (body: string, script: Script = 'simplified', title: string | null = null) => extract({ body, title, script })

describe('place: a zone written by its kind alone', () => {
  it('reads a kind written straight before a street office as the zone that street lies in', () => {
    const out = run('这个周二，记者来到示范区青柳办事处白果社区，看到老人们在活动室下棋。')
    expect(out.place).toMatchObject({ district: '示范区', street: '青柳办事处', community: '白果社区' })
  })

  it('reads 新区 opening two clauses as the page’s zone, but not a new district being built', () => {
    const page = '上周，新区第三届邻里节闭幕，共评出十个好项目。近年来，新区一直鼓励居民自办活动。'
    expect(run(page).place.district).toBe('新区')
    expect(run('这里要建设新区，规划新区的道路和学校，县里先把新区的水电接通。').place.district).toBeNull()
    expect(run('上周，新区第三届邻里节闭幕。').place.district).toBeNull()
  })

  it('takes a zone named by a common word only where a division or a street delimits it', () => {
    expect(run('县里要建设新区，也要规划新区的学校。').place.district).toBeNull()
    expect(run('航空新区青禾街道办起了长者食堂，航空新区的老人都来吃饭。').place).toMatchObject({ district: '航空新区', street: '青禾街道' })
  })

  it('reads an industrial zone named after its district at street level, and no other 工业区', () => {
    expect(run('金山工业区扩建那年，青禾居民区作为安置小区建成，如今住着两千多户。').place.street).toBe('金山工业区')
    const old = run('老工业区要转型，河滩工业区也在招商。河滩工业区去年新进两家企业。')
    expect(old.place.street).toBeNull()
    expect(old.place.district).toBeNull()
  })
})

describe('place: communities written together under one kind word', () => {
  it('takes the first-named of a list whose last item carries 社区 for all', () => {
    const out = run('街道的长者饭堂已开到东园、西林、南塘、北渚社区，另有柏溪社区在筹备。')
    expect(out.place.community).toBe('东园')
  })

  it('keeps a community named twice over a list, and one named before the list', () => {
    expect(run('柏溪社区先办起了饭堂。如今东园、西林、南塘社区也有了，柏溪社区还在扩建。').place.community).toBe('柏溪社区')
    expect(run('柏溪社区先办起了饭堂，随后东园、西林、南塘社区也办了。').place.community).toBe('柏溪社区')
  })

  it('does not read a list of common words before one community as communities', () => {
    expect(run('围绕养老、托幼、助残、就业社区开展服务，南塘社区做得最好。南塘社区还上了新闻。').place.community).toBe('南塘社区')
  })
})

describe('place: an estate named by a developer’s word, without 小区', () => {
  it('reads 华庭, 名邸, 郡 and 佳园 estates named twice, or once where someone lives', () => {
    expect(run('金域华庭的物业费降了，金域华庭的业主很满意。').place.compound).toBe('金域华庭')
    expect(run('蓝溪郡的业主装起了充电桩，蓝溪郡物业也出了力。').place.compound).toBe('蓝溪郡')
    expect(run('家住青禾佳园的王大爷说，楼下的花坛修好了。').place.compound).toBe('青禾佳园')
  })

  it('reads an estate ending in 城 written straight after its street, but not a town, a mall or a county city', () => {
    expect(run('滨江街道万科城的业主成立了议事会。').place.compound).toBe('万科城')
    const town = run('他在县城的商城上班，周末去大学城的书店，老家在山东诸城，诸城的亲戚常来。')
    expect(town.place.compound).toBeNull()
  })

  it('does not read an academy (农科院, 社科院) as a yard named with 院', () => {
    expect(run('由省农科院、市社科院等单位牵头，专家走访了十个村。省农科院还派了技术员。').place.compound).toBeNull()
  })

  it('does not read 创新城市 as an estate 新城', () => {
    expect(run('县里鼓励各部门和创新城市的同行交流，也要和创新城市比一比服务。').place.compound).toBeNull()
  })
})

describe('place: Taiwan’s 里 as the community level', () => {
  it('reads a 里 with its own chief after its district as the community, in either script', () => {
    expect(run('臺中市北屯區松竹里里長說，里民活動中心週末開放。', 'traditional').place).toMatchObject({ district: '北屯區', community: '松竹里' })
    expect(run('北屯区松竹里里民活动中心周末开放。').place.community).toBe('松竹里')
  })

  it('keeps a mainland lane named with 里 an estate', () => {
    const out = run('家住光华里的刘阿姨说，光华里的楼道亮堂了。')
    expect(out.place.compound).toBe('光华里')
    expect(out.place.community).toBeNull()
  })
})

describe('place: a division found as the tail of a longer name after its district', () => {
  it('reads the whole run as the street where the tail is filed under another district', () => {
    // 东街街道 is filed under 新城区 of the same city; written after 赛罕区 with 大学 before it, it is the end of another name.
    const out = run('呼和浩特市赛罕区大学东街街道组织居民议事，街道干部逐户走访。')
    expect(out.place).toMatchObject({ city: '呼和浩特市', district: '赛罕区', street: '大学东街街道' })
  })

  it('keeps a street written straight after its own district', () => {
    expect(run('呼和浩特市新城区东街街道组织居民议事。').place).toMatchObject({ district: '新城区', street: '东街街道' })
  })
})

describe('place: words that end a clause before 社区/小区/村 are no names', () => {
  it('leaves out time said from the writer’s day, a particle or a preposition, a count and a rank', () => {
    const page =
      '去年小区里装了充电桩，一大早社区就排起了队。墙上记录着社区的大事，上次跟社区反映的问题也解决了。全镇3个街村都通了公交，这里是全区第二大社区。'
    const out = run(page)
    expect(out.place.community).toBeNull()
    expect(out.place.compound).toBeNull()
  })

  it('leaves out work verbs jieba files as nouns, and kinds of estate', () => {
    const out = run('街道利用小区空地建了花园，整治小区乱停车，关怀社区老人，做实小区议事。法治小区、普通住宅小区和安置房小区都要管好。')
    expect(out.place.community).toBeNull()
    expect(out.place.compound).toBeNull()
  })

  it('still reads the estate and community named beside them', () => {
    const out = run('去年，柏溪社区利用小区空地建了花园。柏溪社区的桂香苑小区也整治了乱停车，桂香苑小区居民点赞。')
    expect(out.place).toMatchObject({ community: '柏溪社区', compound: '桂香苑小区' })
  })
})

describe('place: a name that opens the headline as its topic', () => {
  it('reads an estate before the headline’s colon even where the body does not name it again', () => {
    const title = '桂香苑小区：楼道议事会解决停车难'
    const out = run(`${title}\n今年以来，楼道议事会已解决停车难题12件，居民们说议事会管用。`, 'simplified', title)
    expect(out.place.compound).toBe('桂香苑小区')
  })

  it('still leaves out a place named only inside a headline’s slogan', () => {
    const title = '党群同心议出共富新家园'
    const out = run(`${title}\n今年以来，村里的议事会已解决难题12件，村民们说议事会管用。`, 'simplified', title)
    expect(out.place.compound).toBeNull()
  })
})
