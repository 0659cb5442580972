/**
 * Characters that look like ordinary hanzi but are radicals or compatibility forms. Some PDF
 * producers map glyphs of common characters to them (a font's "一" mapped to KANGXI RADICAL ONE),
 * so extracted text reads "⼈⺠" for "人民" and search, vocabulary and places miss it.
 */
export const GLYPH_FORM_RULES: { id: string; pattern: RegExp; to: (s: string) => string; why: string }[] = [
  {
    id: 'kangxi-radical',
    pattern: /[\u2f00-\u2fd5]/g,
    to: (s) => s.normalize('NFKC'),
    why: 'Kangxi radicals (U+2F00–2FD5) have a compatibility mapping to the unified ideograph of the same shape.',
  },
  {
    id: 'compatibility-ideograph',
    pattern: /[\uf900-\ufa0d\ufa10\ufa12\ufa15-\ufa1e\ufa20\ufa22\ufa25\ufa26\ufa2a-\ufa6d\ufa70-\ufad9]/g,
    to: (s) => s.normalize('NFC'),
    why: 'CJK compatibility ideographs are canonically the unified ideograph (U+FA0E and the other unified ones in the block are left alone).',
  },
  {
    id: 'simplified-radical',
    pattern: /[\u2ea0\u2ec5\u2ec6\u2ec9\u2ecb\u2ed3\u2ed4\u2ed9-\u2edc\u2ee2\u2ee5-\u2ee9\u2eec\u2eee\u2ef0\u2ef3\u2e9f]/g,
    to: (s) => SIMPLIFIED_RADICALS[s] ?? s,
    why: 'Radicals of the CJK Radicals Supplement that are whole simplified characters (民 长 门 车 马 鱼 …); Unicode gives most of them no mapping, so this table does.',
  },
]

const SIMPLIFIED_RADICALS: Record<string, string> = {
  '\u2e9f': '母', '\u2ea0': '民', '\u2ec5': '见', '\u2ec6': '角', '\u2ec9': '贝', '\u2ecb': '车', '\u2ed3': '长', '\u2ed4': '门',
  '\u2ed9': '韦', '\u2eda': '页', '\u2edb': '风', '\u2edc': '飞', '\u2ee2': '马', '\u2ee5': '鱼', '\u2ee6': '鸟', '\u2ee7': '卤',
  '\u2ee8': '麦', '\u2ee9': '黄', '\u2eec': '齐', '\u2eee': '齿', '\u2ef0': '龙', '\u2ef3': '龟',
}

export function repairGlyphForms(text: string): { text: string; count: number } {
  let count = 0
  let out = text
  for (const rule of GLYPH_FORM_RULES) {
    out = out.replace(rule.pattern, (c) => {
      const to = rule.to(c)
      if (to !== c) count++
      return to
    })
  }
  return { text: out, count }
}
