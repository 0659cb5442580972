/**
 * Word lists the line rules are built from. Written in simplified script; `rx` (../bilingual.ts)
 * widens them to traditional at load time.
 */

/**
 * Words of SEO spam injected into hijacked government/news pages ("蜘蛛池" link farms). They are
 * multi-character on purpose: single characters such as 色 or 草 occur in ordinary governance
 * prose (红色物业, 草坪).
 */
export const SPAM_WORDS = [
  '在线观看', '免费观看', '免费视频', '视频播放', '无码', '毛片', '国产', '精品', '久久', '亚洲',
  '午夜', '福利', '激情', '一区', '二区', '三区', '高清', '成人', '伦理', '欧美', '日韩', '日本',
  '丝袜', '人妻', '偷拍', '自拍', '三级', '黄片', '黄色', '乱伦', '性爱', '做爱', '吃奶', '色视频',
  '色综合', '狠狠', '婷婷', '丁香', '五月天', '人人草', '人人爽', '人人澡', '天天', '影院', '在线播放',
  '免费在线', '中文字幕', '字幕', '下载大全', '视频在线', '怡春院', '四虎', 'av', 'xxx', 'porn', 'hd',
  '美女', '少妇', '熟女', '主播', '午夜福利',
  // SEO-service and gambling spam sold through the same link farms.
  '彩票', '外链', '代发', '收录', '泛目录', '快速排名', '蜘蛛', 'seo', '棋牌', '博彩', '娱乐城', '百家乐',
  '代孕', '刷单', '网赚', '影视', '高清资源', '外围', '约炮',
  // Casino brands and betting terms of gambling link farms ("友情链接：澳门XX | XX体育 | …").
  '威尼斯人', '皇冠体育', '欧宝', '开云', '太阳城', '葡京', '金沙', '赌场', '老虎机', '彩金', '时时彩',
  '真人', 'bet365', '体育app', '体育官网', '娱乐平台',
]

/**
 * How betting sites name themselves in the text they paste: a known brand, or two characters and a
 * gambling word ("某某体育", "某某娱乐"). 金沙 and 太阳城 are brands too, but also towns and estates,
 * so they count only with an app or "official site" after them (rules/inline.ts), never alone
 * before a headline (title.ts).
 */
export const BETTING_BRANDS = ['威尼斯人', '葡京', '开云', '必威']
export const BETTING_NAME = '[\\u4e00-\\u9fff]{2}(?:体育|娱乐|彩票|棋牌|电竞)'

/**
 * Words that make up share/print/font/navigation bars. A short line made only of these is page
 * chrome wherever it stands.
 */
export const UI_WORDS = [
  '分享', '分享到', '分享至', '转发', '转发到', '打印', '打印本页', '打印此页', '打印文章', '关闭',
  '关闭窗口', '关闭本页', '收藏', '收藏本文', '加入收藏', '发给好友', '推荐给好友', '推荐', '字号',
  '字体', '大', '中', '小', '默认', '放大', '缩小', '纠错', '我要纠错', '返回顶部', '回到顶部',
  '返回首页', '返回列表', '返回', '微信', '微博', '新浪微博', '腾讯微博', 'QQ', 'QQ空间', '空间',
  '朋友圈', '复制链接', '评论', '点赞', '在看', '举报', '登录', '注册', '首页', '我来说两句',
  '发表评论', '阅读原文', '赞', '分享给朋友', '手机看', '手机版', '电脑版', '扫一扫', 'TOP', 'top',
  'English', '无障碍', '长者模式', '关怀版', '繁体', '简体', '繁体版', '简体版', '简', '繁', '搜索',
  '高级搜索', '站内搜索', '全文检索', '设为首页', '网站地图', '联系我们', '关于我们', '更多',
  '上一篇', '下一篇', '上一页', '下一页', '视力保护色', '关注', '+关注', '已关注', '反馈', '举报/反馈',
  '微信扫一扫', '扫码分享', '一键分享', '收藏本页', '加入书签', '我要打印', '我要收藏', '我要分享',
  '字号大', '字号中', '字号小', '大字号', '中字号', '小字号',
]

/** Link labels of site footers and column menus. */
export const SITE_WORDS = [
  '关于我们', '联系我们', '加入我们', '广告服务', '网站地图', '网站公告', '版权声明', '手机访问',
  '留言反馈', '我要投稿', '投稿', '法律声明', '隐私政策', '免责声明', '网站导航', '意见反馈',
  '招聘信息', '人才招聘', '合作伙伴', '友情链接', '帮助中心', '使用说明', '服务条款', '广告刊例',
  '网站声明', '本站声明', '联系方式', '诚聘英才', '订阅', '我的订阅',
]

/**
 * Column and widget labels that sites print around an article ("岳塘要闻", "视频精选"). Matched
 * whole-line only, and only outside the body.
 */
export const COLUMN_WORDS = [
  '要闻', '视频精选', '精选推荐', '我要报料', '图片新闻', '新闻图片', '点击排行', '热点新闻', '热门新闻',
  '今日热点', '今日热词', '热门推荐', '推荐阅读', '精彩推荐', '猜你喜欢', '相关新闻', '相关阅读',
  '相关文章', '相关链接', '相关专题', '热点专题', '专题', '视频', '图片', '排行', '三天', '一周',
  '一月', '24小时', '本周', '本月', '娱乐', '娱 乐', '体育', '财经', '国内', '国际', '社会', '时评',
  '热门', '最新', '最新文章', '往期回顾', '往期推荐', '延伸阅读', '精彩图集', '大家都在看', '热点推荐',
  '热门评论', '网友评论', '新闻排行', '阅读排行', '本周热点', '本月热点', '编辑推荐', '为你推荐',
  '头条', '滚动', '滚动新闻', '快讯', '专栏', '评论', '观点', '原创', '政务', '公告',
  '图片报道', '视频报道', '图说', '组图', '高清组图',
]

/**
 * Headings of related-article boxes ("往期推荐", "相关稿件"). A line that is only such a heading
 * opens a list of teaser headlines, which often carry no dates and end in "？"/"！" like sentences.
 */
export const RELATED_WORDS = [
  '相关阅读', '相关新闻', '相关链接', '相关文章', '相关报道', '相关专题', '相关推荐', '相关稿件', '推荐阅读',
  '延伸阅读', '热点推荐', '热门推荐', '猜你喜欢', '往期回顾', '往期推荐', '往期精彩', '往期精选', '往期文章',
  '精彩推荐', '精彩回顾', '热门文章', '热文推荐', '近期热文', '推荐文章', '更多推荐', '今日推荐', '今日热点',
  '热点新闻', '大家都在看', '你可能还想看', '为你推荐', '编辑推荐', '阅读下一篇', '点击排行', '更多关于',
  '往期精彩回顾', '更多精彩', '相关资讯', '推荐新闻', '热门阅读', '相关案例', '同类案例', '更多案例',
  '精彩视频推荐', '视频推荐', '热门视频', '更多细节', '更多列表', '更多详情',
]

/**
 * Self-media platforms whose reprint notices close an article ("本文为澎湃号作者或机构…上传并发布").
 * A notice names one of these and makes one of NOTICE_CLAIMS; either alone is ordinary prose.
 */
export const NOTICE_PLATFORMS = [
  '自媒体', '澎湃号', '网易号', '搜狐号', '头条号', '百家号', '企鹅号', '大鱼号', '一点号', '新浪号', '凤凰号',
  '抖音号', '快手号', '作者或机构', '信息发布平台', '信息存储服务', '信息存储空间',
]
export const NOTICE_CLAIMS = ['仅代表', '不代表', '上传并发布', '上传发布', '用户上传', '仅提供', '观点或立场', '立场或观点']

/**
 * Suffixes of the bare account name that WeChat/Toutiao pages print under the headline or at the
 * foot ("某某发布", "某某融媒"). Whole-line, short and outside the body only.
 */
export const ACCOUNT_SUFFIXES = ['发布', '融媒', '融媒体', '融媒体中心', '日报', '晚报', '之声', '在线', '政务', '组工', '新闻网', '发布厅', '微政务']

/**
 * English labels of footer link rows ("About us | Contact us | Sitemap"). Chinese sites print them
 * beside the Chinese labels; a row needs two link labels before it counts as a menu.
 */
export const SITE_WORDS_EN = [
  'about us', 'about', 'contact us', 'contact', 'sitemap', 'site map', 'privacy', 'privacy policy', 'terms',
  'terms of use', 'advertise', 'advertising', 'careers', 'jobs', 'help', 'feedback', 'legal', 'disclaimer',
]

/**
 * Labels of the metadata table that government 信息公开 pages print above a document
 * ("索引号：… 主题分类：… 成文日期：…"). 发布日期 and 信息来源 start byline/source lines and are
 * matched by those rules; they are listed so the value parser knows where a cell ends.
 */
export const GOV_META_LABELS = [
  '索引号', '主题分类', '主题词', '发文机关', '发布机构', '发布单位', '成文日期', '印发日期', '生效日期', '废止日期',
  '发文字号', '文号', '标题', '信息名称', '公开方式', '公开范围', '公开时限', '有效性', '信息分类', '组配分类',
  '体裁分类', '所属主题', '所属机构', '文件编号', '发文单位', '统一编号', '效力状态', '内容分类', '服务对象',
]
export const GOV_META_VALUE_LABELS = ['发布日期', '信息来源', '发布时间', '来源']

/** Controls of the text-to-speech player that news apps put under the headline. */
export const AUDIO_WORDS = ['语音播报', '播报', '听新闻', '听全文', '听文章', '收听', '朗读', '语音朗读', '朗读全文', 'AI朗读', '暂停', '播放', '继续播放', '点击播放', '00:00']

/** Reader counters and actions at the foot of WeChat/app articles ("阅读 1.2万 在看 赞 写留言"). */
export const COUNTER_WORDS = ['阅读', '阅读量', '浏览', '浏览量', '在看', '赞', '点赞', '喜欢', '写留言', '留言', '好看']

/** Words after which a bracketed label (【地方动态】) is a site column, not a section heading of the report. */
export const COLUMN_TAG_WORDS = [
  '动态', '要闻', '新闻', '快讯', '资讯', '视点', '聚焦', '头条', '速递', '热点', '图说', '报道', '一线', '传真', '观察',
  '播报', '关注', '时讯', '简讯', '看点', '纵览', '扫描', '直击',
]

/** Apps people lay out illustrated posts with; their name stands as a tag above a post copied from them. */
export const EDITOR_APPS = ['美篇', '简篇', '秀米', '易企秀', '135编辑器', '壹伴']

/**
 * Common single-character surnames (the commonest of the traditional family-name lists, simplified).
 * A line of names is an author list only when each name starts with one of these, so a line of
 * short words separated by commas ("社区,街道,物业") is not taken for one.
 */
export const SURNAMES = [
  '王', '李', '张', '刘', '陈', '杨', '黄', '赵', '吴', '周', '徐', '孙', '马', '朱', '胡', '郭', '何', '高', '林', '罗',
  '郑', '梁', '谢', '宋', '唐', '许', '韩', '冯', '邓', '曹', '彭', '曾', '肖', '田', '董', '袁', '潘', '于', '蒋', '蔡',
  '余', '杜', '叶', '程', '苏', '魏', '吕', '丁', '任', '沈', '姚', '卢', '姜', '崔', '钟', '谭', '陆', '汪', '范', '金',
  '石', '廖', '贾', '夏', '韦', '付', '傅', '方', '白', '邹', '孟', '熊', '秦', '邱', '江', '尹', '薛', '闫', '段', '雷',
  '侯', '龙', '史', '陶', '黎', '贺', '顾', '毛', '郝', '龚', '邵', '万', '钱', '严', '覃', '武', '戴', '莫', '孔', '向',
  '汤', '常', '温', '康', '施', '文', '牛', '樊', '葛', '邢', '安', '齐', '易', '乔', '伍', '庞', '颜', '倪', '庄', '聂',
  '章', '鲁', '岳', '翟', '殷', '詹', '申', '欧', '耿', '关', '兰', '焦', '俞', '左', '柳', '甘', '祝', '包', '宁', '尚',
  '符', '舒', '阮', '柯', '纪', '梅', '童', '凌', '毕', '单', '季', '裴', '霍', '涂', '成', '苗', '谷', '盛', '曲', '翁',
  '冉', '骆', '蓝', '路', '游', '辛', '靳', '管', '柴', '蒙', '鲍', '华', '喻', '祁', '蒲', '房', '滕', '屈', '饶', '解',
  '牟', '艾', '尤', '阳', '时', '穆', '农', '司', '卓', '古', '吉', '缪', '简', '车', '项', '连', '芦', '麦', '褚', '娄',
  '窦', '戚', '岑', '景', '党', '宫', '费', '卜', '冷', '晏', '席', '卫', '米', '柏', '宗', '瞿', '桂', '全', '佟', '应',
  '臧', '闵', '苟', '邬', '边', '卞', '姬', '师', '和', '仇', '栾', '隋', '商', '刁', '沙', '荣', '巫', '寇', '桑', '郎',
  '甄', '丛', '仲', '虞', '敖', '巩', '明', '佘', '池', '查', '麻', '苑', '迟', '邝', '官', '封', '谈', '匡', '鞠', '惠',
  '荆', '乐', '冀', '郁', '胥', '南', '班', '储', '原', '栗', '燕', '楚', '鄢', '劳', '谌', '奚', '皮', '粟', '冼', '蔺',
]

/** A personal name as credits and author lines print it: a common surname and one or two characters (a regex source). */
export const PERSON_NAME = `[${SURNAMES.join('')}][\\u4e00-\\u9fff]{1,2}`
