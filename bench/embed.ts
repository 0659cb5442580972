/**
 * Bench section: the offline lsa embedder at 10k and 100k passages — training time (on its
 * ≤8k-passage sample), embedding rate on one core, model size, peak memory.
 * Run alone with `npx tsx bench/embed.ts`; bench/run.ts lists it as a section.
 */
import { pathToFileURL } from 'node:url'
import { chunk } from '../ingest/embed/chunk.js'
import { LsaEmbedder, lsaToBytes, trainLsa } from '../ingest/embed/lsa.js'
import { DEFAULT_MODEL, createTransformersEmbedder, modelFile, modelsDir } from '../ingest/embed/transformers.js'
import { composeCase } from '../ingest/synth/content.js'
import { makeRng, type Rng } from '../ingest/synth/rng.js'

const SIZES = [10_000, 100_000]
// The neural model is ~100× slower per passage; a sample is enough for its rate.
const TRANSFORMERS_SAMPLE = 500

// Practice sentences beyond the synth templates, so the vocabulary is as varied as real reports'.
const SUBJECTS = ['社区党委', '小区党支部', '物管会', '自管会', '业委会', '网格员', '楼栋长', '在职党员', '共建单位', '志愿服务队', '居民议事会', '下沉干部', '物业公司', '街道党工委', '红色物业']
const ACTIONS = ['牵头组织', '定期召开', '逐户走访', '建立台账', '协调解决', '公开公示', '推动落实', '广泛征求意见', '结对帮扶', '集中整治', '统筹推进', '全程监督']
const OBJECTS = ['停车难', '车位紧张', '加装电梯', '雨污分流', '垃圾分类', '老年食堂', '消防通道', '飞线充电', '楼道堆物', '绿化养护', '管理费收缴', '矛盾纠纷', '儿童之家', '适老化改造', '房屋漏水', '路灯照明', '监控安装', '化粪池清掏', '外墙脱落', '违章搭建']
const RESULTS = ['群众满意度明显提升', '问题得到有效解决', '形成长效机制', '居民参与热情高涨', '小区面貌焕然一新', '邻里关系更加融洽', '实现小事不出小区']

function practice(rng: Rng): string {
  const n = rng.int(3, 6)
  return Array.from({ length: n }, () => `${rng.pick(SUBJECTS)}${rng.pick(ACTIONS)}，围绕${rng.pick(OBJECTS)}和${rng.pick(OBJECTS)}等问题，${rng.pick(RESULTS)}。`).join('')
}

function passages(count: number, seed: number): string[] {
  const rng = makeRng(seed)
  const out: string[] = []
  while (out.length < count) {
    const c = composeCase(rng)
    const body = [c.title, ...c.paragraphs, practice(rng), practice(rng)].join('\n')
    for (const p of chunk(body)) out.push(p.text)
  }
  return out.slice(0, count)
}

function mb(bytes: number): string {
  return (bytes / 1024 / 1024).toFixed(1)
}

export async function run(): Promise<void> {
  console.log('## Embeddings (offline lsa)')
  // CPU seconds beside wall time: on a shared machine wall time measures the neighbours too.
  console.log('passages | train s (cpu s) | sample | terms | k | embed passages/s (per cpu s) | model MB | peak RSS MB')
  for (const size of SIZES) {
    const texts = passages(size, 7)
    let t = performance.now()
    let cpu = process.cpuUsage()
    const model = trainLsa(texts)
    const trainS = (performance.now() - t) / 1000
    const trainCpu = process.cpuUsage(cpu).user / 1e6
    const embedder = new LsaEmbedder(model)
    t = performance.now()
    cpu = process.cpuUsage()
    for (let i = 0; i < texts.length; i += 256) await embedder.embed(texts.slice(i, i + 256), 'passage')
    const rate = texts.length / ((performance.now() - t) / 1000)
    const cpuRate = texts.length / (process.cpuUsage(cpu).user / 1e6)
    const bytes = lsaToBytes(model).byteLength
    const rss = process.resourceUsage().maxRSS * 1024
    console.log(
      `${size} | ${trainS.toFixed(1)} (${trainCpu.toFixed(1)}) | ${model.docs} | ${model.terms.length} | ${model.k} | ` +
        `${rate.toFixed(0)} (${cpuRate.toFixed(0)}) | ${mb(bytes)} | ${mb(rss)}`,
    )
  }
  await transformersRate()
}

async function transformersRate(): Promise<void> {
  if (!modelFile(modelsDir(), DEFAULT_MODEL)) {
    console.log(`transformers: skipped (no model in ${modelsDir()}/${DEFAULT_MODEL})`)
    return
  }
  const embedder = await createTransformersEmbedder()
  const texts = passages(TRANSFORMERS_SAMPLE, 11)
  const t = performance.now()
  await embedder.embed(texts, 'passage')
  const rate = texts.length / ((performance.now() - t) / 1000)
  console.log(`transformers ${embedder.model} (${embedder.dims}-d): ${rate.toFixed(1)} passages/s, peak RSS ${mb(process.resourceUsage().maxRSS * 1024)} MB`)
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await run()
