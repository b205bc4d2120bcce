// Compliance console shell: sign-in, the page router (#page or #page/arg), search, borrower timeline, chain
// verification and CSV export on the JSON API. Other pages live in their own files and register with Console.page.
(() => {
  const $ = id => document.getElementById(id);
  let nextCursor = null, lastQuery = null, current = null;

  const reasonWords = codes => (codes || []).map(c => Console.code('reason', typeof c === 'string' ? c : c.code)).join('；');

  function showWorkspace(signedIn) {
    $('signin-section').hidden = signedIn;
    $('workspace').hidden = !signedIn;
    $('sign-out').hidden = !signedIn;
    if (signedIn) route();
  }

  async function checkKey() {
    return Console.api('/api/v1/contact-log/texts?lang=' + encodeURIComponent(Console.lang()));
  }

  async function signIn(event) {
    event.preventDefault();
    sessionStorage.setItem('tixing.key', $('api-key').value.trim());
    const r = await checkKey();
    if (!r.ok) {
      sessionStorage.removeItem('tixing.key');
      Console.say(Console.t('badKey') + ' (' + r.status + ')', 'error');
      return;
    }
    $('api-key').value = '';
    Console.say('');
    showWorkspace(true);
  }

  /** Shows the page the address names (default: dashboard) and hides the others. */
  function route() {
    if ($('workspace').hidden) return;
    const [name, ...rest] = (location.hash.replace(/^#/, '') || 'dashboard').split('/');
    const page = Console.pages[name] ? name : 'dashboard';
    document.querySelectorAll('section[data-page]').forEach(s => { s.hidden = s.dataset.page !== page; });
    document.querySelectorAll('#nav a').forEach(a => {
      if (a.getAttribute('href') === '#' + page) a.setAttribute('aria-current', 'page'); else a.removeAttribute('aria-current');
    });
    current = page;
    Console.pages[page].show(rest.length ? decodeURIComponent(rest.join('/')) : null);
  }

  function filterQuery() {
    const params = new URLSearchParams();
    new FormData($('search-form')).forEach((value, name) => { if (String(value).trim()) params.set(name, String(value).trim()); });
    if (params.has('from') || params.has('to')) params.set('zone', Console.zone()); // entered times are the reviewer's
    return params;
  }

  async function search(event, more) {
    if (event) event.preventDefault();
    if (!more) { lastQuery = filterQuery(); nextCursor = null; $('results').tBodies[0].replaceChildren(); }
    const params = new URLSearchParams(lastQuery);
    if (more && nextCursor) params.set('cursor', nextCursor);
    Console.say(Console.t('working'));
    const r = await Console.api('/api/v1/contact-log?' + params);
    if (!r.ok) { Console.say(Console.describeProblem(r), 'error'); return; }
    Console.say(r.body.entries.length || more ? '' : Console.t('noResults'));
    r.body.entries.forEach(addRow);
    nextCursor = r.body.nextCursor;
    $('load-more').hidden = !nextCursor;
  }

  /** What a log entry says, in words: decision with reasons, consent change, or the outcome as a status. */
  function outcomeWords(e) {
    if (e.kind === 'CONSENT') return Console.code('consent', e.outcome);
    return Console.code('status', e.outcome);
  }

  function addRow(e) {
    const row = document.createElement('tr');
    [e.seq, Console.reviewerTime(e.at), Console.borrowerTime(e.at, e.zone), Console.code('kind', e.kind), Console.code('ch', e.channel),
      Console.code('decision', e.decision), reasonWords(e.reasons), e.destination, outcomeWords(e)].forEach(v => Console.cell(row, v));
    const cell = Console.cell(row, '');
    if (e.borrowerId) {
      const button = document.createElement('button');
      button.type = 'button';
      button.className = 'open-timeline';
      button.textContent = e.borrowerId + ' → ' + Console.t('open');
      button.addEventListener('click', () => Console.go('#timeline/' + encodeURIComponent(e.borrowerId)));
      cell.replaceChildren(button);
    }
    const reminder = Console.cell(row, '');
    if (e.reminderId) reminder.replaceChildren(Console.reminderLink(e.reminderId, Console.t('openDetail')));
    $('results').tBodies[0].appendChild(row);
  }

  /** "source=SMS_REPLY; scope=SMS; note=…" of a consent entry, in words. */
  function consentDetail(detail) {
    const parts = [];
    (detail || '').split(';').map(s => s.trim()).filter(Boolean).forEach(pair => {
      const [k, ...v] = pair.split('=');
      const value = v.join('=');
      if (k === 'source') parts.push(Console.t('source') + '：' + Console.code('source', value));
      else if (k === 'scope') parts.push(Console.t('scope') + '：' + (value === 'ALL' ? Console.t('scope.ALL') : Console.code('ch', value)));
      else if (k === 'hold') parts.push(Console.code('reason', 'HOLD_' + value));
      else if (k === 'loan') parts.push(Console.t('loanId') + '：' + value);
      else if (k === 'note') parts.push(Console.t('note') + '：' + value);
    });
    return parts.join('；');
  }

  /** A decision in one sentence: "Deferred: outside the allowed hours…; moved to 2026-11-24 08:00:00 Asia/Shanghai". */
  function explain(e) {
    if (!e.decision) return null;
    let s = Console.code('decision', e.decision);
    const reasons = reasonWords(e.reasons);
    if (reasons) s += '：' + reasons;
    if (e.until) s += '；' + Console.t('movedTo', { at: Console.borrowerTime(e.until, e.zone) || Console.reviewerTime(e.until) });
    return s;
  }

  async function timeline(event) {
    if (event) event.preventDefault();
    const id = $('timeline-borrower').value.trim();
    if (!id) return;
    const r = await Console.api('/api/v1/borrowers/' + encodeURIComponent(id) + '/timeline?lang=' + Console.lang());
    const list = $('timeline-events');
    list.replaceChildren();
    if (!r.ok) { Console.say(Console.describeProblem(r), 'error'); return; }
    Console.say('');
    Console.text($('timeline-note'), (r.body.unmasked ? Console.t('unmasked') : Console.t('masked'))
      + (r.body.zone ? ' · ' + Console.t('borrowerZone') + '：' + r.body.zone : ''));
    r.body.events.forEach(e => {
      const item = document.createElement('li');
      const head = document.createElement('div');
      const what = e.kind === 'CONSENT' ? [Console.code('consent', e.outcome), consentDetail(e.detail)].filter(Boolean).join('；')
        : explain(e) || Console.code('status', e.outcome);
      Console.text(head, [Console.reviewerTime(e.at), Console.borrowerTime(e.at, e.zone), Console.code('kind', e.kind),
        Console.code('ch', e.channel), what, e.destination,
        e.templateKey ? e.templateKey + (e.templateVersion ? '@' + e.templateVersion.slice(0, 12) : '') : null].filter(Boolean).join(' · '));
      item.appendChild(head);
      if (e.reminderId) item.appendChild(Console.reminderLink(e.reminderId, Console.t('openDetail')));
      if (e.message) {
        const pre = document.createElement('pre');
        pre.className = 'message';
        pre.setAttribute('aria-label', Console.t('message'));
        Console.text(pre, (e.message.subject ? e.message.subject + '\n\n' : '') + e.message.body);
        item.appendChild(pre);
      }
      list.appendChild(item);
    });
  }

  async function verify() {
    const out = $('verify-result');
    out.className = '';
    Console.text(out, Console.t('verifying'));
    const r = await Console.api('/api/v1/contact-log/verify');
    if (!r.ok) { Console.text(out, Console.describeProblem(r)); out.className = 'broken'; return; }
    const b = r.body.firstBroken;
    out.className = r.body.status === 'OK' ? 'ok' : 'broken';
    Console.text(out, r.body.status + ' — ' + (r.body.status === 'OK' ? Console.t('verifyOk')
      : Console.t('verifyBroken') + ': seq ' + b.seq + ', chain ' + b.chainId + ', pos ' + b.chainPos + ' — ' + b.reason)
      + ' (' + Console.t('checked') + ': ' + r.body.checked + ')');
    const a = r.body.anchor;
    const anchorOut = $('anchor-result');
    if (!a) { Console.text(anchorOut, ''); return; }
    const lines = [Console.t('anchor') + ': ' + (a.seq == null ? Console.t('anchorNone')
      : '#' + a.seq + ', ' + Console.reviewerTime(a.at) + ', ' + a.chains + ' ' + Console.t('anchorChains') + ', '
        + (a.signatureOk ? Console.t('signatureOk') : '✗'))];
    (a.rejected || []).forEach(x => lines.push(Console.t('anchorRejected') + ': ' + x.file + ' — ' + x.reason));
    (a.mismatches || []).forEach(m => lines.push(Console.t('anchorMismatch') + ': chain ' + m.chainId + ', '
      + m.anchoredLength + ' → pos ' + m.firstPos + ' — ' + m.reason));
    Console.text(anchorOut, lines.join('\n'));
  }

  /** A plain link cannot carry the Authorization header: fetch the CSV and save it as a blob. */
  async function exportCsv() {
    Console.say(Console.t('working'));
    const r = await Console.api('/api/v1/contact-log/export?' + filterQuery());
    if (!r.ok) { Console.say(Console.describeProblem(r), 'error'); return; }
    const blob = await r.response.blob();
    const disposition = r.response.headers.get('Content-Disposition') || '';
    const name = (disposition.match(/filename="([^"]+)"/) || [])[1] || 'contact-log.csv';
    const link = document.createElement('a');
    link.href = URL.createObjectURL(blob);
    link.download = name;
    document.body.appendChild(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(link.href), 10000);
    Console.say(Console.t('exported') + ': ' + name, 'ok');
  }

  /** Opens an address; the same address again redraws the page (hashchange would not fire). */
  Console.go = hash => { if (location.hash === hash) route(); else location.hash = hash; };

  Console.page('search', { show() { $('search-borrower').focus(); }, redraw() { if (lastQuery) search(null, false); } });
  Console.page('timeline', {
    show(id) { if (id) { $('timeline-borrower').value = id; timeline(); } else $('timeline-borrower').focus(); },
    redraw() { if ($('timeline-events').children.length) timeline(); }
  });
  Console.page('verify', { show() {}, redraw() { if ($('verify-result').textContent) verify(); } });

  document.addEventListener('DOMContentLoaded', async () => {
    Console.translate();
    $('language').addEventListener('change', () => {
      Console.setLanguage($('language').value);
      if (!Console.key()) return;
      Object.values(Console.pages).forEach(p => p.redraw && p.redraw()); // what is on screen, in the new language
    });
    $('reviewer-zone').addEventListener('change', () => {
      sessionStorage.setItem('tixing.zone', $('reviewer-zone').value);
      if (Console.key()) Object.values(Console.pages).forEach(p => p.redraw && p.redraw());
    });
    window.addEventListener('hashchange', route);
    $('signin-form').addEventListener('submit', signIn);
    $('sign-out').addEventListener('click', () => { sessionStorage.removeItem('tixing.key'); showWorkspace(false); });
    $('search-form').addEventListener('submit', e => search(e, false));
    $('load-more').addEventListener('click', () => search(null, true));
    $('timeline-form').addEventListener('submit', e => { e.preventDefault(); Console.go('#timeline/' + encodeURIComponent($('timeline-borrower').value.trim())); });
    $('verify-button').addEventListener('click', verify);
    $('export-button').addEventListener('click', exportCsv);
    if (Console.key()) showWorkspace((await checkKey()).ok);
  });
})();
