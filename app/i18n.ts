/**
 * Every label the UI shows, Chinese (the default) and English. Report text is never translated;
 * only the interface around it.
 */
export const LANGS = ['zh', 'en'] as const
export type Lang = (typeof LANGS)[number]

export function isLang(value: unknown): value is Lang {
  return value === 'zh' || value === 'en'
}

const dict = {
  appName: { zh: '案例库', en: 'Casebook' },
  tagline: { zh: '基层治理经验做法 · 检索与对比', en: 'Grassroots governance case reports · search and compare' },
  skipToContent: { zh: '跳到正文', en: 'Skip to content' },
  mainNav: { zh: '主导航', en: 'Main navigation' },
  navSearch: { zh: '搜索', en: 'Search' },
  navCompare: { zh: '对比', en: 'Compare' },
  navPacks: { zh: '课程包', en: 'Course packs' },
  navOverview: { zh: '概览', en: 'Overview' },
  navUpload: { zh: '添加报告', en: 'Add a report' },
  language: { zh: '语言', en: 'Language' },
  switchToOther: { zh: 'English', en: '中文' },
  switchToOtherLabel: { zh: 'Switch to English', en: '切换到中文' },
  displayScript: { zh: '显示字形', en: 'Display script' },
  scriptOrig: { zh: '原文', en: 'As published' },
  scriptSimp: { zh: '简体', en: '简体' },
  scriptTrad: { zh: '繁體', en: '繁體' },
  footer: {
    zh: '报告原文仅作文本显示；所有字段均附原文出处。',
    en: 'Report text is shown as plain text; every field links to the sentence it came from.',
  },

  // Search
  searchTitle: { zh: '搜索案例', en: 'Search cases' },
  searchLabel: { zh: '搜索词', en: 'Search terms' },
  searchPlaceholder: { zh: '例如：五位一体、无物业、自管会', en: 'e.g. five-in-one, no property company' },
  likeLabel: { zh: '描述你的小区', en: 'Describe your compound' },
  likePlaceholder: {
    zh: '例如：老旧小区，没有物业，老年人多，停车难',
    en: 'e.g. old compound, no property company, many elderly residents, parking problems',
  },
  searchButton: { zh: '搜索', en: 'Search' },
  modeLabel: { zh: '搜索方式', en: 'Search mode' },
  modeKeyword: { zh: '关键词', en: 'Keywords' },
  modeLike: { zh: '像我的小区', en: 'Cases like mine' },
  filters: { zh: '筛选', en: 'Filters' },
  applyFilters: { zh: '应用筛选', en: 'Apply filters' },
  clearFilters: { zh: '清除筛选', en: 'Clear filters' },
  resultsCount: { zh: '共 {n} 条结果', en: '{n} results' },
  resultsRange: { zh: '第 {from}–{to} 条结果', en: 'Results {from}–{to}' },
  casesCount: { zh: '共 {n} 个案例', en: '{n} cases' },
  noResults: { zh: '没有找到匹配的案例。试试更短的词，或清除筛选。', en: 'No matching cases. Try shorter terms or clear the filters.' },
  queryExpanded: { zh: '同时搜索了：{terms}', en: 'Also searched for: {terms}' },
  understoodAs: { zh: '理解为：', en: 'Understood as: ' },
  removeNeed: { zh: '不按“{need}”理解', en: 'Do not read it as “{need}”' },
  removedNeeds: { zh: '已去掉：', en: 'Removed: ' },
  restoreNeed: { zh: '恢复“{need}”', en: 'Restore “{need}”' },
  likeBlended: { zh: '读作对小区情况的描述，已一并按“像我的小区”排序。', en: 'Read as a description of your compound: cases like it are ranked in.' },
  whyComparable: { zh: '可比之处', en: 'Why comparable' },
  storeMissing: {
    zh: '还没有索引。请先运行 npm run ingest。',
    en: 'There is no index yet. Run npm run ingest first.',
  },
  browseAll: { zh: '全部案例', en: 'All cases' },
  pages: { zh: '分页', en: 'Pages' },
  pageN: { zh: '第 {n} 页', en: 'Page {n}' },
  prevPage: { zh: '上一页', en: 'Previous' },
  nextPage: { zh: '下一页', en: 'Next' },

  // Facets / fields
  facet_province: { zh: '省份', en: 'Province' },
  facet_city: { zh: '城市', en: 'City' },
  facet_district: { zh: '区县', en: 'District' },
  facet_model: { zh: '模式名称', en: 'Model' },
  facet_problems: { zh: '问题', en: 'Problems' },
  facet_mechanisms: { zh: '机制', en: 'Mechanisms' },
  facet_actors: { zh: '参与主体', en: 'Actors' },
  facet_orgTierCount: { zh: '组织层级数', en: 'Org tiers' },
  facet_fundingSource: { zh: '资金来源', en: 'Funding source' },
  facet_year: { zh: '发布年份', en: 'Year' },

  field_title: { zh: '标题', en: 'Title' },
  field_place: { zh: '地点', en: 'Place' },
  field_scale: { zh: '规模', en: 'Scale' },
  field_published: { zh: '发布日期', en: 'Published' },
  field_source: { zh: '来源', en: 'Source' },
  field_author: { zh: '作者', en: 'Author' },
  field_editor: { zh: '编辑', en: 'Editor' },
  field_models: { zh: '模式名称', en: 'Model names' },
  field_orgTiers: { zh: '组织层级', en: 'Organisation tiers' },
  field_orgTierCount: { zh: '层级数', en: 'Tier count' },
  field_funding: { zh: '资金', en: 'Funding' },
  field_fundingMix: { zh: '资金构成', en: 'Funding mix' },
  field_outcomes: { zh: '成效', en: 'Outcomes' },
  field_problems: { zh: '治理前的问题', en: 'Problems before' },
  field_mechanisms: { zh: '机制', en: 'Mechanisms' },
  field_actors: { zh: '参与主体', en: 'Actors' },
  field_url: { zh: '原文链接', en: 'Link' },
  field_id: { zh: '编号', en: 'ID' },
  field_flags: { zh: '标记', en: 'Flags' },
  field_script: { zh: '原文字形', en: 'Script as published' },

  place_province: { zh: '省', en: 'Province' },
  place_city: { zh: '市', en: 'City' },
  place_district: { zh: '区', en: 'District' },
  place_street: { zh: '街道', en: 'Street' },
  place_community: { zh: '社区', en: 'Community' },
  place_compound: { zh: '小区', en: 'Compound' },
  inferred: { zh: '推断', en: 'inferred' },

  scale_households: { zh: '{n} 户', en: '{n} households' },
  scale_population: { zh: '{n} 人', en: '{n} residents' },
  scale_buildings: { zh: '{n} 栋楼', en: '{n} buildings' },
  scale_areaM2: { zh: '{n} 平方米', en: '{n} m²' },

  fund_government: { zh: '政府', en: 'Government' },
  fund_resident: { zh: '居民', en: 'Residents' },
  fund_enterprise: { zh: '企业', en: 'Enterprise' },
  fund_social: { zh: '社会', en: 'Social' },
  fund_mixed: { zh: '多方', en: 'Mixed' },
  fund_unknown: { zh: '未说明', en: 'Unknown' },
  wan: { zh: '{n} 万元', en: '¥{yuan}' },
  amountUnknown: { zh: '金额未说明', en: 'amount not stated' },
  fundingTotal: { zh: '合计 {n} 万元', en: 'Total ¥{yuan}' },

  reason_problem: { zh: '相同问题', en: 'Same problem' },
  reason_mechanism: { zh: '相同机制', en: 'Same mechanism' },
  reason_actor: { zh: '相同主体', en: 'Same actor' },
  reason_scale: { zh: '规模相近', en: 'Similar scale' },
  reason_place: { zh: '地点相近', en: 'Nearby place' },
  reason_model: { zh: '相同模式', en: 'Same model' },
  reason_text: { zh: '文本相近', en: 'Similar text' },

  // Case page
  structuredFields: { zh: '结构化字段', en: 'Structured fields' },
  fieldsHelp: {
    zh: '点击任一字段值，可跳到并高亮它在正文中的原句。',
    en: 'Click any value to jump to and highlight the sentence it came from.',
  },
  cleanedText: { zh: '正文（清洗后）', en: 'Cleaned text' },
  removedText: { zh: '被清除的文字（{n} 段）', en: 'Removed text ({n} passages)' },
  removedHelp: {
    zh: '清洗时去掉的内容及原因，便于核对。',
    en: 'What the cleaner removed, and why, so you can check it.',
  },
  removedReason: { zh: '原因', en: 'Reason' },
  noneRemoved: { zh: '清洗时没有去掉任何文字。', en: 'The cleaner removed nothing.' },
  similarCases: { zh: '相似案例', en: 'Similar cases' },
  noSimilar: { zh: '暂无相似案例。', en: 'No similar cases yet.' },
  addToCompare: { zh: '加入对比', en: 'Add to comparison' },
  addToPack: { zh: '加入课程包', en: 'Add to course pack' },
  choosePack: { zh: '选择课程包', en: 'Choose a pack' },
  noPacksYet: { zh: '还没有课程包。', en: 'No course packs yet.' },
  createPackFirst: { zh: '先新建一个课程包', en: 'Create a pack first' },
  add: { zh: '加入', en: 'Add' },
  sourceBlock: { zh: '出处', en: 'Source' },
  notStated: { zh: '未注明', en: 'not stated' },
  messages: { zh: '处理提示', en: 'Processing notes' },
  caseNotFound: { zh: '找不到这个案例', en: 'Case not found' },
  caseNotFoundBody: {
    zh: '没有编号为 {id} 的案例。它可能已被删除，或链接有误。',
    en: 'There is no case with the id {id}. It may have been removed, or the link is wrong.',
  },
  backToSearch: { zh: '返回搜索', en: 'Back to search' },
  deleteCase: { zh: '删除此案例', en: 'Delete this case' },

  // Compare
  compareTitle: { zh: '案例对比', en: 'Compare cases' },
  compareHelp: {
    zh: '选 2 到 4 个案例并排比较。各案例都有的值标为“共有”，只有一个案例有的值标为“独有”。',
    en: 'Put 2 to 4 cases side by side. Values every case shares are marked “shared”; values only one case has are marked “only here”.',
  },
  compareTooFew: {
    zh: '对比至少需要 2 个案例（现在有 {n} 个）。请在下面加入案例。',
    en: 'A comparison needs at least 2 cases (you have {n}). Add cases below.',
  },
  compareTooMany: {
    zh: '一次最多对比 4 个案例（现在有 {n} 个）。请移除一些。',
    en: 'You can compare at most 4 cases at once (you have {n}). Remove some.',
  },
  compareMissing: { zh: '找不到这些案例：{ids}', en: 'These cases were not found: {ids}' },
  field: { zh: '字段', en: 'Field' },
  shared: { zh: '共有', en: 'shared' },
  onlyHere: { zh: '独有', en: 'only here' },
  legend: { zh: '图例', en: 'Legend' },
  removeFromCompare: { zh: '移出对比', en: 'Remove from comparison' },
  addCase: { zh: '加入案例', en: 'Add a case' },
  caseId: { zh: '案例编号', en: 'Case id' },
  exportMarkdown: { zh: '导出 Markdown', en: 'Export Markdown' },
  exportCsv: { zh: '导出 CSV', en: 'Export CSV' },
  ladderLabel: { zh: '组织层级（自上而下）', en: 'Organisation tiers, top to bottom' },

  // Packs
  packsTitle: { zh: '课程包', en: 'Course packs' },
  packsHelp: {
    zh: '为培训挑选案例、排序、写备注，再导出讲义（Markdown 或打印 PDF）。',
    en: 'Pick cases for a training session, order them, add notes, then export a handout (Markdown or print to PDF).',
  },
  newPack: { zh: '新建课程包', en: 'New course pack' },
  packName: { zh: '名称', en: 'Name' },
  create: { zh: '新建', en: 'Create' },
  packNameRequired: { zh: '请填写课程包名称。', en: 'Please give the pack a name.' },
  packCases: { zh: '{n} 个案例', en: '{n} cases' },
  packNotFound: { zh: '找不到这个课程包', en: 'Course pack not found' },
  packEmpty: {
    zh: '这个课程包还没有案例。在案例页点“加入课程包”，或在下面输入案例编号。',
    en: 'This pack has no cases yet. Use “Add to course pack” on a case page, or enter a case id below.',
  },
  moveUp: { zh: '上移', en: 'Move up' },
  moveDown: { zh: '下移', en: 'Move down' },
  remove: { zh: '移除', en: 'Remove' },
  note: { zh: '备注', en: 'Note' },
  saveNote: { zh: '保存备注', en: 'Save note' },
  rename: { zh: '重命名', en: 'Rename' },
  deletePack: { zh: '删除课程包', en: 'Delete pack' },
  handout: { zh: '讲义（打印）', en: 'Handout (print)' },
  handoutMd: { zh: '讲义 Markdown', en: 'Handout Markdown' },
  print: { zh: '打印 / 存为 PDF', en: 'Print / save as PDF' },
  citation: { zh: '引用', en: 'Citation' },
  excerpt: { zh: '摘录', en: 'Excerpt' },
  keyFields: { zh: '要点', en: 'Key fields' },
  updated: { zh: '更新于', en: 'Updated' },
  unknownCase: { zh: '没有编号为 {id} 的案例。', en: 'There is no case with the id {id}.' },

  // Overview
  overviewTitle: { zh: '语料概览', en: 'Corpus overview' },
  overviewHelp: {
    zh: '整个案例库的分布，以及数据集导出。',
    en: 'The corpus at a glance, and dataset exports.',
  },
  byProvince: { zh: '按省份', en: 'By province' },
  byModel: { zh: '按模式名称', en: 'By model' },
  byMechanism: { zh: '按机制', en: 'By mechanism' },
  byFunding: { zh: '按资金来源', en: 'By funding source' },
  byTiers: { zh: '按组织层级数', en: 'By number of org tiers' },
  byYear: { zh: '按发布年份', en: 'By year' },
  exports: { zh: '数据导出', en: 'Dataset export' },
  exportCsvAll: { zh: 'CSV（每个案例一行）', en: 'CSV (one row per case)' },
  exportJsonAll: { zh: 'JSON（全部结构化字段）', en: 'JSON (all structured fields)' },
  exportQdpx: { zh: 'REFI-QDA 项目（NVivo / ATLAS.ti / MAXQDA）', en: 'REFI-QDA project (NVivo / ATLAS.ti / MAXQDA)' },
  storeInfo: { zh: '索引：{cases} 个案例，{passages} 个段落，嵌入模型 {model}', en: 'Index: {cases} cases, {passages} passages, embedder {model}' },
  noData: { zh: '暂无数据', en: 'No data' },
  unspecified: { zh: '（未注明）', en: '(not stated)' },

  // Upload
  uploadTitle: { zh: '添加报告', en: 'Add a report' },
  uploadHelp: {
    zh: '上传 txt、html、md、docx、doc 或 pdf 文件（不超过 20 MB；扫描件 PDF 需先做文字识别）。先预览清洗和抽取的结果，再保存为案例。',
    en: 'Upload a txt, html, md, docx, doc or pdf file (up to 20 MB; a scanned PDF needs OCR first). Preview the cleaned and structured result, then save it as a case.',
  },
  file: { zh: '报告文件', en: 'Report file' },
  preview: { zh: '预览', en: 'Preview' },
  saveAsCase: { zh: '保存为案例', en: 'Save as case' },
  previewTitle: { zh: '预览：{title}', en: 'Preview: {title}' },
  previewNote: {
    zh: '还没有保存。核对下面的字段和正文，然后点“保存为案例”。',
    en: 'Not saved yet. Check the fields and text below, then choose “Save as case”.',
  },
  uploadNoFile: { zh: '请选择一个文件。', en: 'Please choose a file.' },
  uploadTooLarge: { zh: '文件超过 20 MB，未做任何改动。', en: 'The file is larger than 20 MB; nothing was changed.' },
  uploadRejected: { zh: '无法读取这个文件，未做任何改动：{message}', en: 'This file could not be read; nothing was changed: {message}' },
  uploadExpired: { zh: '预览已过期，请重新上传。', en: 'The preview has expired; please upload again.' },
  uploadBusy: {
    zh: '报告已保存为案例 {id}，但另一个导入任务正在写入检索库，暂时无法检索。待其完成后再上传一次或运行 npm run ingest 即可。',
    en: 'The report was saved as case {id}, but another ingest is writing the store, so it is not searchable yet. Upload it again or run npm run ingest once that one has finished.',
  },
  uploadExists: {
    zh: '已有编号为 {id} 的其他案例。请重命名文件后再上传，未做任何改动。',
    en: 'A different case with the id {id} already exists. Rename the file and upload again; nothing was changed.',
  },
  format: { zh: '格式', en: 'Format' },
  encoding: { zh: '编码', en: 'Encoding' },

  // Admin
  adminTitle: { zh: '管理口令', en: 'Admin token' },
  adminHelp: {
    zh: '本站设置了管理口令。添加报告、编辑课程包和删除需要先输入口令。',
    en: 'This site has an admin token. Adding reports, editing course packs and deleting need it.',
  },
  adminToken: { zh: '口令', en: 'Token' },
  adminSubmit: { zh: '确认', en: 'Submit' },
  adminWrong: { zh: '口令不正确。', en: 'That token is not correct.' },
  adminRequired: { zh: '此操作需要管理口令。', en: 'This action needs the admin token.' },
  adminEnter: { zh: '输入管理口令', en: 'Enter the admin token' },
  adminOk: { zh: '口令已确认，可以进行写操作了。', en: 'Token accepted; write actions are enabled.' },
  formExpired: {
    zh: '表单已过期或不是从本站提交的，未做任何改动。请刷新页面后重试。',
    en: 'This form has expired or was not sent from this site; nothing was changed. Reload the page and try again.',
  },
  otherOrigin: { zh: '拒绝来自其他网站的写操作。', en: 'Write requests from another site are refused.' },

  // Errors
  errorTitle: { zh: '出错了', en: 'Something went wrong' },
  notFoundTitle: { zh: '找不到页面', en: 'Page not found' },
  notFoundBody: { zh: '这个地址没有对应的页面。', en: 'There is no page at this address.' },
  badRequest: { zh: '请求有误', en: 'Bad request' },
} satisfies Record<string, Record<Lang, string>>

export type LabelKey = keyof typeof dict

/** The label in the given language, with `{name}` placeholders filled. */
export function translate(lang: Lang, key: LabelKey, vars?: Record<string, string | number>): string {
  let text: string = dict[key][lang]
  if (vars) for (const [name, value] of Object.entries(vars)) text = text.split(`{${name}}`).join(String(value))
  return text
}
