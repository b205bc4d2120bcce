// Compliance dashboard: the /api/v1/stats numbers as charts (Apache ECharts, served by the service from its webjar)
// and, under each chart, a table of the very same numbers.
(() => {
  const $ = id => document.getElementById(id);
  const charts = {};
  let loaded = false;

  function chart(id) {
    if (typeof echarts === 'undefined') return null; // the tables still show every number
    if (!charts[id]) charts[id] = echarts.init($(id), null, { renderer: 'canvas' });
    return charts[id];
  }

  function query() {
    const params = new URLSearchParams();
    ['from', 'to'].forEach(n => { const v = $('dash-' + n).value; if (v) params.set(n, v); });
    if ($('dash-jurisdiction').value) params.set('jurisdiction', $('dash-jurisdiction').value);
    params.set('zone', Console.zone());
    return params;
  }

  function fillTable(id, rows) {
    const body = $(id).tBodies[0];
    body.replaceChildren();
    rows.forEach(cells => {
      const tr = document.createElement('tr');
      cells.forEach((v, i) => { const td = Console.cell(tr, v); if (typeof v === 'number') td.className = 'n'; });
      body.appendChild(tr);
    });
  }

  function tile(tileId, countId, noteId, count, notes) {
    Console.text($(countId), count);
    $(tileId).className = 'tile ' + (count === 0 ? 'good' : 'bad');
    Console.text($(noteId), (count === 0 ? Console.t('zeroGood') : Console.t('violationFound')) + '\n' + notes.filter(Boolean).join('\n'));
  }

  async function load(event) {
    if (event) event.preventDefault();
    const q = query();
    Console.say(Console.t('working'));
    const [contacts, decisions, packs, violations, chain] = await Promise.all(
      ['contacts', 'decisions', 'jurisdictions', 'violations', 'chain'].map(what =>
        Console.api('/api/v1/stats/' + what + (what === 'chain' ? '' : '?' + q))));
    const failed = [contacts, decisions, packs, violations, chain].find(r => !r.ok);
    if (failed) { Console.say(Console.describeProblem(failed), 'error'); return; }
    Console.say('');
    loaded = true;
    if (!$('dash-from').value) $('dash-from').value = contacts.body.period.from;
    if (!$('dash-to').value) $('dash-to').value = contacts.body.period.to;

    // Contacts per day: one stacked series per channel and outcome.
    const c = contacts.body.rows;
    fillTable('contacts-table', c.map(r => [r.day, Console.code('ch', r.channel), Console.code('status', r.outcome), r.count]));
    const days = [...new Set(c.map(r => r.day))];
    const series = [...new Set(c.map(r => r.channel + '/' + r.outcome))].map(key => {
      const [channel, outcome] = key.split('/');
      return { name: Console.code('ch', channel) + ' · ' + Console.code('status', outcome), type: 'bar', stack: 'contacts',
        data: days.map(d => (c.find(r => r.day === d && r.channel === channel && r.outcome === outcome) || { count: 0 }).count) };
    });
    chart('chart-contacts')?.setOption({ tooltip: { trigger: 'axis' }, legend: { type: 'scroll' }, xAxis: { type: 'category', data: days },
      yAxis: { type: 'value', minInterval: 1 }, series, animation: false }, true);

    // Defers and suppressions by reason.
    const d = decisions.body.rows;
    fillTable('decisions-table', d.map(r => [Console.code('decision', r.decision), Console.code('reason', r.reason), r.count]));
    const reasons = [...new Set(d.map(r => r.reason))];
    chart('chart-decisions')?.setOption({ tooltip: { trigger: 'axis' }, legend: {}, grid: { left: 260 },
      yAxis: { type: 'category', data: reasons.map(r => Console.code('reason', r)) }, xAxis: { type: 'value', minInterval: 1 },
      series: ['DEFER', 'SUPPRESS', 'EXPIRED'].map(dec => ({ name: Console.code('decision', dec), type: 'bar', stack: 'd',
        data: reasons.map(re => (d.find(r => r.decision === dec && r.reason === re) || { count: 0 }).count) })), animation: false }, true);

    // Per jurisdiction and rule pack.
    const p = packs.body.rows;
    fillTable('packs-table', p.map(r => [r.rulePack, r.attempts, r.allowed, r.deferred, r.suppressed, r.expired]));
    chart('chart-packs')?.setOption({ tooltip: { trigger: 'axis' }, legend: {}, xAxis: { type: 'category', data: p.map(r => r.rulePack) },
      yAxis: { type: 'value', minInterval: 1 }, animation: false,
      series: ['attempts', 'allowed', 'deferred', 'suppressed', 'expired'].map(k => ({ name: Console.t(k), type: 'bar', data: p.map(r => r[k]) })) }, true);

    // The two numbers that must read 0, and the examples when they do not.
    const v = violations.body.violations;
    const notes = [Console.t('checkedNote', { checked: v.checked }), v.unchecked ? Console.t('uncheckedNote', { unchecked: v.unchecked }) : null];
    tile('tile-window', 'outside-window-count', 'outside-window-note', v.outsideWindow, notes);
    tile('tile-cap', 'over-cap-count', 'over-cap-note', v.overCap, notes.slice(0, 1));
    const examples = v.outsideWindowExamples.map(x => [Console.t('outsideWindow'), x.borrowerId, Console.borrowerTime(x.at, x.zone) || x.localTime,
      Console.code('ch', x.channel), x.rulePack, Console.t('windowExample', { window: x.window })])
      .concat(v.overCapExamples.map(x => [Console.t('overCap'), x.borrowerId, x.localDay, '', x.rulePack,
        Console.t('capExample', { cap: Console.code('reason', x.cap), count: x.count, limit: x.limit, day: x.localDay })]));
    $('violation-examples').hidden = examples.length === 0;
    fillTable('violation-examples', examples);

    const ch = chain.body;
    Console.text($('chain-status'), Console.code('status', ch.status === 'UNKNOWN' ? null : ch.status) || '–');
    $('tile-chain').className = 'tile ' + (ch.status === 'OK' ? 'good' : ch.status === 'BROKEN' ? 'bad' : '');
    Console.text($('chain-note'), [ch.lastVerification ? Console.t('lastVerified', { at: Console.reviewerTime(ch.lastVerification.at),
      checked: ch.lastVerification.checked }) : Console.t('chainUnknown'),
      ch.anchor && ch.anchor.seq != null ? Console.t('anchorLine', { seq: ch.anchor.seq, at: Console.reviewerTime(ch.anchor.at), chains: ch.anchor.chains })
        : Console.t('noAnchor')].join('\n'));
  }

  Console.page('dashboard', {
    show() { load(); Object.values(charts).forEach(c => c.resize()); },
    redraw() { if (loaded) load(); }
  });

  document.addEventListener('DOMContentLoaded', () => {
    $('dashboard-form').addEventListener('submit', load);
    window.addEventListener('resize', () => Object.values(charts).forEach(c => c.resize()));
  });
})();
