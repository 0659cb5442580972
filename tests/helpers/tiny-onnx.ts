/**
 * A tiny BERT-shaped model the tests build themselves, so the transformers.js path runs offline:
 * an ONNX graph that gathers rows of a small embedding table (last_hidden_state = table[input_ids]),
 * a WordPiece tokenizer.json, config.json and tokenizer_config.json — laid out as a hub model folder.
 */
import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'

// ---------- protobuf wire format (only what ONNX's messages below need) ----------

type Field = Uint8Array

function varint(n: number | bigint): number[] {
  let v = BigInt(n)
  if (v < 0n) v += 1n << 64n
  const out: number[] = []
  do {
    let byte = Number(v & 0x7fn)
    v >>= 7n
    if (v > 0n) byte |= 0x80
    out.push(byte)
  } while (v > 0n)
  return out
}

const key = (field: number, wire: number) => varint((field << 3) | wire)
const concat = (parts: (Uint8Array | number[])[]) => {
  const arrays = parts.map((p) => (p instanceof Uint8Array ? p : Uint8Array.from(p)))
  const out = new Uint8Array(arrays.reduce((n, a) => n + a.length, 0))
  let o = 0
  for (const a of arrays) {
    out.set(a, o)
    o += a.length
  }
  return out
}
const int = (field: number, n: number | bigint): Field => Uint8Array.from([...key(field, 0), ...varint(n)])
const bytes = (field: number, b: Uint8Array): Field => concat([key(field, 2), varint(b.length), b])
const str = (field: number, s: string): Field => bytes(field, new TextEncoder().encode(s))
const msg = (field: number, parts: Field[]): Field => bytes(field, concat(parts))

// ---------- ONNX messages (field numbers from onnx/onnx.proto) ----------

const FLOAT = 1
const INT64 = 7

/** ValueInfoProto for a tensor with named (symbolic) or fixed dims. */
function valueInfo(field: number, name: string, elemType: number, dims: (string | number)[]): Field {
  const shape = dims.map((d) => msg(1, [typeof d === 'string' ? str(2, d) : int(1, d)]))
  const tensorType = msg(1, [int(1, elemType), msg(2, shape)])
  return msg(field, [str(1, name), msg(2, [tensorType])])
}

function floatTensor(field: number, name: string, dims: number[], values: Float32Array): Field {
  const raw = new Uint8Array(values.buffer, values.byteOffset, values.byteLength)
  return msg(field, [...dims.map((d) => int(1, d)), int(2, FLOAT), str(8, name), bytes(9, raw)])
}

function node(opType: string, inputs: string[], outputs: string[], attrs: Field[] = []): Field {
  return msg(1, [...inputs.map((i) => str(1, i)), ...outputs.map((o) => str(2, o)), str(3, opType.toLowerCase()), str(4, opType), ...attrs])
}

/** ModelProto bytes: last_hidden_state[b, s, :] = table[input_ids[b, s], :]. */
export function gatherModel(table: Float32Array, vocab: number, dims: number): Uint8Array {
  const axis = msg(5, [str(1, 'axis'), int(3, 0), int(20, 2 /* AttributeType.INT */)])
  const graph = [
    node('Gather', ['embeddings', 'input_ids'], ['last_hidden_state'], [axis]),
    str(2, 'tiny-gather'),
    floatTensor(5, 'embeddings', [vocab, dims], table),
    // The BERT tokenizer feeds all three; declaring them keeps transformers.js from warning.
    valueInfo(11, 'input_ids', INT64, ['batch', 'sequence']),
    valueInfo(11, 'attention_mask', INT64, ['batch', 'sequence']),
    valueInfo(11, 'token_type_ids', INT64, ['batch', 'sequence']),
    valueInfo(12, 'last_hidden_state', FLOAT, ['batch', 'sequence', dims]),
  ]
  return concat([int(1, 7), str(2, 'casebook-tests'), msg(7, graph), msg(8, [str(1, ''), int(2, 13)])])
}

// ---------- model folder ----------

export const SPECIAL = ['[PAD]', '[UNK]', '[CLS]', '[SEP]', '[MASK]']

export interface TinyModel {
  dir: string
  vocab: string[]
  /** Row of the embedding table for a token. */
  row(token: string): Float32Array
}

/**
 * Writes MODELS_DIR/<modelId>/ with config.json, tokenizer.json, tokenizer_config.json and
 * onnx/model_quantized.onnx (the file transformers.js loads by default) and onnx/model.onnx.
 * `rows` gives chosen tokens fixed vectors; every other token gets a seeded pseudo-random one.
 */
export function writeTinyModel(modelsDir: string, modelId: string, words: string[], dims = 8, rows: Record<string, number[]> = {}): TinyModel {
  const vocab = [...SPECIAL, ...words.filter((w) => !SPECIAL.includes(w))]
  const table = new Float32Array(vocab.length * dims)
  let s = 12345
  const rand = () => ((s = (s * 1103515245 + 12345) % 2147483648) / 2147483648) * 2 - 1
  vocab.forEach((tok, i) => {
    const fixed = rows[tok]
    for (let d = 0; d < dims; d++) table[i * dims + d] = fixed ? fixed[d] : tok === '[PAD]' ? 0 : rand()
  })

  const dir = join(modelsDir, ...modelId.split('/'))
  mkdirSync(join(dir, 'onnx'), { recursive: true })
  const onnx = gatherModel(table, vocab.length, dims)
  writeFileSync(join(dir, 'onnx', 'model_quantized.onnx'), onnx)
  writeFileSync(join(dir, 'onnx', 'model.onnx'), onnx)

  const id = (t: string) => vocab.indexOf(t)
  const added = SPECIAL.map((t) => ({ id: id(t), content: t, single_word: false, lstrip: false, rstrip: false, normalized: false, special: true }))
  const special = (t: string) => ({ SpecialToken: { id: t, type_id: 0 } })
  const tokenizer = {
    version: '1.0',
    truncation: null,
    padding: null,
    added_tokens: added,
    normalizer: { type: 'BertNormalizer', clean_text: true, handle_chinese_chars: true, strip_accents: null, lowercase: true },
    pre_tokenizer: { type: 'BertPreTokenizer' },
    post_processor: {
      type: 'TemplateProcessing',
      single: [special('[CLS]'), { Sequence: { id: 'A', type_id: 0 } }, special('[SEP]')],
      pair: [special('[CLS]'), { Sequence: { id: 'A', type_id: 0 } }, special('[SEP]'), { Sequence: { id: 'B', type_id: 1 } }, { SpecialToken: { id: '[SEP]', type_id: 1 } }],
      special_tokens: Object.fromEntries(['[CLS]', '[SEP]'].map((t) => [t, { id: t, ids: [id(t)], tokens: [t] }])),
    },
    decoder: { type: 'WordPiece', prefix: '##', cleanup: true },
    model: { type: 'WordPiece', unk_token: '[UNK]', continuing_subword_prefix: '##', max_input_chars_per_word: 100, vocab: Object.fromEntries(vocab.map((t, i) => [t, i])) },
  }
  writeFileSync(join(dir, 'tokenizer.json'), JSON.stringify(tokenizer))
  writeFileSync(
    join(dir, 'tokenizer_config.json'),
    JSON.stringify({ tokenizer_class: 'BertTokenizer', do_lower_case: true, model_max_length: 64, cls_token: '[CLS]', sep_token: '[SEP]', pad_token: '[PAD]', unk_token: '[UNK]', mask_token: '[MASK]' }),
  )
  writeFileSync(
    join(dir, 'config.json'),
    JSON.stringify({ model_type: 'bert', architectures: ['BertModel'], hidden_size: dims, vocab_size: vocab.length, max_position_embeddings: 64, num_attention_heads: 1, num_hidden_layers: 1, type_vocab_size: 2, pad_token_id: 0 }),
  )
  return {
    dir,
    vocab,
    row: (t) => table.slice(id(t) * dims, id(t) * dims + dims),
  }
}
