// UI strings of the compliance console, zh-CN and en-US. Reason codes come from the API (/contact-log/texts).
const I18N = {
  'zh-CN': {
    title: 'Tixing 合规控制台', apiKey: 'API 密钥', signIn: '登录', signOut: '退出', signedInAs: '已登录',
    badKey: '密钥无效或没有合规权限', search: '查询', timeline: '借款人时间线', verify: '校验哈希链', templates: '模板预览',
    borrowerId: '借款人 ID', loanId: '贷款 ID', reminderId: '提醒 ID', channel: '渠道', kind: '类型', outcome: '结果',
    reason: '原因代码', template: '模板', from: '开始时间', to: '结束时间', zone: '时区（本地时间用）', q: '全文（脱敏字段）',
    any: '（全部）', exportCsv: '导出 CSV', loadMore: '加载更多', noResults: '没有匹配的记录',
    seq: '序号', utc: 'UTC 时间', local: '借款人当地时间', decision: '决定', reasons: '原因', destination: '联系方式（脱敏）',
    open: '时间线', show: '显示', message: '发送的消息', verifying: '正在校验…', verifyOk: '哈希链完整，未发现篡改',
    verifyBroken: '第一个异常条目', checked: '已校验条目', invalid: '请求有误', working: '处理中…',
    exported: '已下载', language: 'English', unmasked: '显示未脱敏数据（已记录审计）',
    unavailable: '模板服务不可用', preview: '预览', locale: '语言区域', text: '文本', encoding: '编码', segments: '短信条数',
    lint: '检查结果', version: '版本', back: '返回控制台', templateList: '模板列表', none: '无',
    anchor: '最新锚点', anchorNone: '尚无锚点', anchorChains: '条链', signatureOk: '签名有效', anchorRejected: '签名无效的锚点文件',
    anchorMismatch: '与锚点不符'
  },
  'en-US': {
    title: 'Tixing compliance console', apiKey: 'API key', signIn: 'Sign in', signOut: 'Sign out', signedInAs: 'Signed in',
    badKey: 'The key is invalid or lacks the compliance role', search: 'Search', timeline: 'Borrower timeline',
    verify: 'Verify chain', templates: 'Template preview', borrowerId: 'Borrower ID', loanId: 'Loan ID', reminderId: 'Reminder ID',
    channel: 'Channel', kind: 'Kind', outcome: 'Outcome', reason: 'Reason code', template: 'Template', from: 'From', to: 'To',
    zone: 'Time zone (for local times)', q: 'Text (masked fields)', any: '(any)', exportCsv: 'Export CSV', loadMore: 'Load more',
    noResults: 'No matching entries', seq: 'Seq', utc: 'UTC time', local: 'Borrower local time', decision: 'Decision',
    reasons: 'Reasons', destination: 'Destination (masked)', open: 'Timeline', show: 'Show', message: 'Message as sent',
    verifying: 'Verifying…', verifyOk: 'the hash chain is intact', verifyBroken: 'first bad entry', checked: 'Entries checked',
    invalid: 'Invalid request', working: 'Working…', exported: 'Downloaded', language: '中文',
    unmasked: 'Showing unmasked data (audited)', unavailable: 'template service unavailable', preview: 'Preview', locale: 'Locale',
    text: 'Text', encoding: 'Encoding', segments: 'SMS segments', lint: 'Lint findings', version: 'Version', back: 'Back to console',
    templateList: 'Templates', none: 'none',
    anchor: 'Last anchor', anchorNone: 'no anchor yet', anchorChains: 'chains', signatureOk: 'signature OK',
    anchorRejected: 'anchor file failing its signature', anchorMismatch: 'differs from the anchor'
  }
};

const Console = {
  lang() { return sessionStorage.getItem('tixing.lang') || (navigator.language.startsWith('zh') ? 'zh-CN' : 'en-US'); },
  t(key) { return (I18N[Console.lang()] || I18N['en-US'])[key] || key; },
  key() { return sessionStorage.getItem('tixing.key'); },
  /** Fills every element carrying data-i18n with its string in the chosen language. */
  translate() {
    document.documentElement.lang = Console.lang();
    document.querySelectorAll('[data-i18n]').forEach(el => { el.textContent = Console.t(el.dataset.i18n); });
    document.title = Console.t('title');
  },
  toggleLanguage() {
    sessionStorage.setItem('tixing.lang', Console.lang() === 'zh-CN' ? 'en-US' : 'zh-CN');
    Console.translate();
  },
  /** Calls the JSON API with the signed-in key; problem+json errors come back as {status, problem}. */
  async api(path, options = {}) {
    const headers = Object.assign({ 'Authorization': 'Bearer ' + Console.key(), 'Accept-Language': Console.lang() }, options.headers || {});
    const response = await fetch(path, Object.assign({}, options, { headers }));
    const type = response.headers.get('Content-Type') || '';
    const body = type.includes('json') ? await response.json() : null;
    return { ok: response.ok, status: response.status, body, response };
  },
  /** A problem document in words: its detail and each field's message. */
  describeProblem(result) {
    const p = result.body || {};
    const fields = (p.errors || []).map(e => e.field + ': ' + e.message).join('; ');
    return Console.t('invalid') + ' (' + result.status + '): ' + (p.detail || '') + (fields ? ' — ' + fields : '');
  },
  text(el, value) { el.textContent = value == null ? '' : String(value); return el; },
  cell(row, value) { const td = document.createElement('td'); Console.text(td, value); row.appendChild(td); return td; }
};

// Worklist page (worklist.html): strings appended per language; zh-TW falls back to en-US for the rest of the console.
(() => {
  const kinds = (k, e, d, h, w, r, u, o) => ({ wlKindESCALATION: k, wlKindAGENT_REQUEST: e, wlKindUNKNOWN_REPLY: d, wlKindDISPUTE: h,
    wlKindHARDSHIP: w, wlKindWRONG_NUMBER: r, wlKindUNREACHABLE: u, wlKindUNKNOWN_OUTCOME: o });
  const outcomes = (a, b, c, d, e, f, g, h) => ({ wlOutcomeCONTACTED: a, wlOutcomePROMISE_TO_PAY: b, wlOutcomePAYMENT_PLAN: c,
    wlOutcomeDISPUTE_UPHELD: d, wlOutcomeDISPUTE_REJECTED: e, wlOutcomeCONTACT_POINT_CORRECTED: f, wlOutcomeNO_ACTION_NEEDED: g,
    wlOutcomeREFERRED: h });
  Object.assign(I18N['zh-CN'], {
    worklist: '待办案件', wlOpenCases: '未结案件', wlShowResolved: '包括已结案件', wlRefresh: '刷新', wlAge: '已等待', wlReason: '原因',
    wlStatus: '状态', wlClaimedBy: '处理人', wlNotes: '备注', wlActions: '操作', wlEmpty: '暂无待办', wlClaim: '认领', wlNote: '备注内容',
    wlAddNote: '添加备注', wlResolve: '结案', wlDone: '已保存', wlBadKey: '密钥无效或没有催收坐席（agent）权限',
    wlDays: '天', wlHours: '小时', wlMinutes: '分', wlStatusOPEN: '待处理', wlStatusCLAIMED: '处理中', wlStatusRESOLVED: '已结案'
  }, kinds('自动升级', '要求人工', '未能识别的回复', '争议', '经济困难', '号码错误', '无法联系', '发送结果不明'),
     outcomes('已联系', '承诺还款', '分期方案', '争议成立', '争议不成立', '联系方式已更正', '无需处理', '已转交'));
  I18N['zh-TW'] = Object.assign({}, I18N['en-US'], I18N['zh-TW'] || {}, {
    worklist: '待辦案件', wlOpenCases: '未結案件', wlShowResolved: '包括已結案件', wlRefresh: '重新整理', wlAge: '已等待', wlReason: '原因',
    wlStatus: '狀態', wlClaimedBy: '處理人', wlNotes: '備註', wlActions: '操作', wlEmpty: '目前沒有待辦', wlClaim: '認領', wlNote: '備註內容',
    wlAddNote: '新增備註', wlResolve: '結案', wlDone: '已儲存', wlBadKey: '金鑰無效或沒有催收專員（agent）權限',
    wlDays: '天', wlHours: '小時', wlMinutes: '分', wlStatusOPEN: '待處理', wlStatusCLAIMED: '處理中', wlStatusRESOLVED: '已結案'
  }, kinds('自動升級', '要求真人', '無法辨識的回覆', '爭議', '經濟困難', '號碼錯誤', '無法聯絡', '傳送結果不明'),
     outcomes('已聯絡', '承諾繳款', '分期方案', '爭議成立', '爭議不成立', '聯絡方式已更正', '無需處理', '已轉交'));
  Object.assign(I18N['en-US'], {
    worklist: 'Worklist', wlOpenCases: 'Open cases', wlShowResolved: 'Include resolved cases', wlRefresh: 'Refresh', wlAge: 'Waiting',
    wlReason: 'Reason', wlStatus: 'Status', wlClaimedBy: 'Claimed by', wlNotes: 'Notes', wlActions: 'Actions', wlEmpty: 'Nothing to do',
    wlClaim: 'Claim', wlNote: 'Note', wlAddNote: 'Add note', wlResolve: 'Resolve', wlDone: 'Saved',
    wlBadKey: 'The key is invalid or lacks the agent role', wlDays: 'd', wlHours: 'h', wlMinutes: 'm',
    wlStatusOPEN: 'Open', wlStatusCLAIMED: 'Claimed', wlStatusRESOLVED: 'Resolved'
  }, kinds('Escalated', 'Asked for a person', 'Reply not understood', 'Dispute', 'Hardship', 'Wrong number', 'Unreachable', 'Unknown send outcome'),
     outcomes('Contacted', 'Promise to pay', 'Payment plan', 'Dispute upheld', 'Dispute rejected', 'Contact point corrected', 'No action needed', 'Referred'));
})();
