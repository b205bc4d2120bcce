// Compliance console: search, borrower timeline, chain verification and CSV export on the JSON API.
(() => {
  const $ = id => document.getElementById(id);
  const status = msg => Console.text($('status'), msg);
  let texts = null, nextCursor = null, lastQuery = null;

  async function loadTexts() {
    const r = await Console.api('/api/v1/contact-log/texts?lang=' + encodeURIComponent(Console.lang()));
    if (r.ok) texts = r.body;
    return r;
  }
  const reasonWords = codes => (codes || []).map(c => (texts && texts.reasons[c]) || c).join('；');
  const decisionWords = d => d ? ((texts && texts.decisions[d]) || d) : '';
  const kindWords = k => (texts && texts.kinds[k]) || k;

  function showWorkspace(signedIn) {
    $('signin-section').hidden = signedIn;
    $('workspace').hidden = !signedIn;
    $('sign-out').hidden = !signedIn;
  }

  async function signIn(event) {
    event.preventDefault();
    sessionStorage.setItem('tixing.key', $('api-key').value.trim());
    const r = await loadTexts();
    if (!r.ok) {
      sessionStorage.removeItem('tixing.key');
      status(Console.t('badKey') + ' (' + r.status + ')');
      return;
    }
    $('api-key').value = '';
    status('');
    showWorkspace(true);
    $('search-borrower').focus();
  }

  function filterQuery() {
    const params = new URLSearchParams();
    new FormData($('search-form')).forEach((value, name) => { if (String(value).trim()) params.set(name, String(value).trim()); });
    if (!params.has('from') && !params.has('to')) params.delete('zone');
    return params;
  }

  async function search(event, more) {
    if (event) event.preventDefault();
    if (!more) { lastQuery = filterQuery(); nextCursor = null; $('results').tBodies[0].replaceChildren(); }
    const params = new URLSearchParams(lastQuery);
    if (more && nextCursor) params.set('cursor', nextCursor);
    status(Console.t('working'));
    const r = await Console.api('/api/v1/contact-log?' + params);
    if (!r.ok) { status(Console.describeProblem(r)); return; }
    status(r.body.entries.length || more ? '' : Console.t('noResults'));
    r.body.entries.forEach(addRow);
    nextCursor = r.body.nextCursor;
    $('load-more').hidden = !nextCursor;
  }

  function addRow(e) {
    const row = document.createElement('tr');
    [e.seq, e.at, e.localTime, kindWords(e.kind), e.channel, decisionWords(e.decision), reasonWords(e.reasons), e.destination, e.outcome]
      .forEach(v => Console.cell(row, v));
    const cell = Console.cell(row, '');
    if (e.borrowerId) {
      const button = document.createElement('button');
      button.type = 'button';
      button.className = 'open-timeline';
      button.textContent = e.borrowerId + ' → ' + Console.t('open');
      button.addEventListener('click', () => { $('timeline-borrower').value = e.borrowerId; timeline(); });
      cell.replaceChildren(button);
    }
    $('results').tBodies[0].appendChild(row);
  }

  async function timeline(event) {
    if (event) event.preventDefault();
    const id = $('timeline-borrower').value.trim();
    const r = await Console.api('/api/v1/borrowers/' + encodeURIComponent(id) + '/timeline?lang=' + Console.lang());
    const list = $('timeline-events');
    list.replaceChildren();
    if (!r.ok) { status(Console.describeProblem(r)); return; }
    status('');
    Console.text($('timeline-note'), r.body.unmasked ? Console.t('unmasked') : (r.body.zone || ''));
    r.body.events.forEach(e => {
      const item = document.createElement('li');
      const head = document.createElement('div');
      Console.text(head, [e.at + ' UTC', e.localTime, e.kindText, e.channel, e.explanation || e.outcome, e.destination,
        e.templateKey ? e.templateKey + (e.templateVersion ? '@' + e.templateVersion.slice(0, 12) : '') : null].filter(Boolean).join(' · '));
      item.appendChild(head);
      if (e.message) {
        const pre = document.createElement('pre');
        pre.className = 'message';
        pre.setAttribute('aria-label', Console.t('message'));
        Console.text(pre, (e.message.subject ? e.message.subject + '\n\n' : '') + e.message.body);
        item.appendChild(pre);
      }
      list.appendChild(item);
    });
    $('timeline-section').scrollIntoView();
    $('timeline-heading').setAttribute('tabindex', '-1');
    $('timeline-heading').focus();
  }

  async function verify() {
    const out = $('verify-result');
    out.className = '';
    Console.text(out, Console.t('verifying'));
    const r = await Console.api('/api/v1/contact-log/verify');
    if (!r.ok) { Console.text(out, Console.describeProblem(r)); return; }
    const b = r.body.firstBroken;
    out.className = r.body.status === 'OK' ? 'ok' : 'broken';
    Console.text(out, r.body.status + ' — ' + (r.body.status === 'OK' ? Console.t('verifyOk')
      : Console.t('verifyBroken') + ': seq ' + b.seq + ', chain ' + b.chainId + ', pos ' + b.chainPos + ' — ' + b.reason)
      + ' (' + Console.t('checked') + ': ' + r.body.checked + ')');
    const a = r.body.anchor;
    const anchorOut = $('anchor-result');
    if (!a) { Console.text(anchorOut, ''); return; }
    const lines = [Console.t('anchor') + ': ' + (a.seq == null ? Console.t('anchorNone')
      : '#' + a.seq + ', ' + a.at + ', ' + a.chains + ' ' + Console.t('anchorChains') + ', '
        + (a.signatureOk ? Console.t('signatureOk') : '✗'))];
    (a.rejected || []).forEach(x => lines.push(Console.t('anchorRejected') + ': ' + x.file + ' — ' + x.reason));
    (a.mismatches || []).forEach(m => lines.push(Console.t('anchorMismatch') + ': chain ' + m.chainId + ', '
      + m.anchoredLength + ' → pos ' + m.firstPos + ' — ' + m.reason));
    Console.text(anchorOut, lines.join('\n'));
  }

  /** A plain link cannot carry the Authorization header: fetch the CSV and save it as a blob. */
  async function exportCsv() {
    status(Console.t('working'));
    const r = await Console.api('/api/v1/contact-log/export?' + filterQuery());
    if (!r.ok) { status(Console.describeProblem(r)); return; }
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
    status(Console.t('exported') + ': ' + name);
  }

  document.addEventListener('DOMContentLoaded', async () => {
    Console.translate();
    $('language-toggle').addEventListener('click', async () => {
      Console.toggleLanguage();
      if (!Console.key()) return;
      await loadTexts(); // redraw what is on screen in the new language
      if (lastQuery) await search(null, false);
      if ($('timeline-events').children.length) await timeline();
    });
    $('signin-form').addEventListener('submit', signIn);
    $('sign-out').addEventListener('click', () => { sessionStorage.removeItem('tixing.key'); showWorkspace(false); });
    $('search-form').addEventListener('submit', e => search(e, false));
    $('load-more').addEventListener('click', () => search(null, true));
    $('timeline-form').addEventListener('submit', timeline);
    $('verify-button').addEventListener('click', verify);
    $('export-button').addEventListener('click', exportCsv);
    if (Console.key()) showWorkspace((await loadTexts()).ok);
  });
})();
