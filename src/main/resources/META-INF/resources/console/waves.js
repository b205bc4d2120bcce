// Waves page (operator): every wave with its state, a progress bar, counts that must reconcile, the ETA, and
// pause / resume / cancel behind a confirmation dialog. A wave's reminders link to their detail page.
(() => {
  const $ = id => document.getElementById(id);
  let next = null, shown = [];

  const done = c => c.sent + c.delivered + c.failed + c.suppressed.total + c.expired + c.cancelled;

  function row(w) {
    const tr = document.createElement('tr');
    tr.dataset.wave = w.id;
    Console.cell(tr, w.name);
    Console.cell(tr, Console.code('status', w.state)).className = 'wave-state';
    const c = w.counts;
    const progress = Console.cell(tr, '');
    const bar = document.createElement('progress');
    bar.max = Math.max(1, w.accepted);
    bar.value = done(c);
    bar.setAttribute('aria-label', Console.t('progress'));
    progress.append(bar, document.createTextNode(' ' + done(c) + ' / ' + w.accepted));
    const counts = Console.cell(tr, '');
    counts.className = 'wave-counts';
    const line = document.createElement('div');
    Console.text(line, Console.t('countsLine', { accepted: w.accepted, sent: c.sent, delivered: c.delivered, failed: c.failed,
      suppressed: c.suppressed.total, expired: c.expired, cancelled: c.cancelled, pending: c.pending }));
    const check = document.createElement('div');
    check.className = w.reconciled ? 'ok' : 'broken';
    Console.text(check, w.reconciled ? '✓ ' + Console.t('reconciled') : '✗ ' + Console.t('notReconciled'));
    counts.append(line, check);
    const eta = Console.cell(tr, w.throughput.eta ? Console.reviewerTime(w.throughput.eta) : (c.pending === 0 ? Console.t('etaNone') : w.state === 'PAUSED' ? Console.t('etaPaused') : Console.t('etaUnknown')));
    eta.className = 'wave-eta';
    Console.cell(tr, Console.reviewerTime(w.createdAt));
    const actions = Console.cell(tr, '');
    const button = (key, action, enabled) => {
      const b = document.createElement('button');
      b.type = 'button';
      b.className = 'wave-' + action;
      Console.text(b, Console.t(key));
      b.disabled = !enabled;
      b.addEventListener('click', () => confirmThen(Console.t(action === 'cancel' ? 'confirmCancel' : action === 'pause' ? 'confirmPause' : 'confirmResume',
        { name: w.name }), () => control(w, action)));
      actions.appendChild(b);
    };
    button('pause', 'pause', w.state === 'ACTIVE' || w.state === 'LOADING');
    button('resume', 'resume', w.state === 'PAUSED');
    button('cancelWave', 'cancel', w.state !== 'CANCELLED');
    const list = document.createElement('button');
    list.type = 'button';
    list.className = 'wave-reminders';
    Console.text(list, Console.t('showReminders'));
    list.addEventListener('click', () => reminders(w));
    actions.appendChild(list);
    return tr;
  }

  /** The dialog asks; only "yes" runs the action. */
  function confirmThen(text, action) {
    const dialog = $('confirm-dialog');
    Console.text($('confirm-text'), text);
    dialog.returnValue = '';
    dialog.addEventListener('close', () => { if (dialog.returnValue === 'ok') action(); }, { once: true });
    dialog.showModal();
    $('confirm-no').focus();
  }

  async function control(w, action) {
    const r = await Console.api('/api/v1/waves/' + encodeURIComponent(w.id) + '/' + action, { method: 'POST' });
    if (!r.ok) { Console.say(Console.describeProblem(r), 'error'); return; }
    Console.say('');
    await load(false);
  }

  async function reminders(w) {
    const r = await Console.api('/api/v1/reminders?limit=100&waveId=' + encodeURIComponent(w.id));
    if (!r.ok) { Console.say(Console.describeProblem(r), 'error'); return; }
    $('wave-reminders').hidden = false;
    Console.text($('wave-reminders-heading'), Console.t('waveRemindersOf', { name: w.name }));
    const ul = $('wave-reminder-list');
    ul.replaceChildren();
    r.body.items.forEach(item => {
      const li = document.createElement('li');
      li.append(Console.reminderLink(item.id, item.borrowerId + ' · ' + Console.code('status', item.status)));
      ul.appendChild(li);
    });
  }

  async function load(more) {
    const params = new URLSearchParams({ limit: '20' });
    if (more && next) params.set('cursor', next);
    const r = await Console.api('/api/v1/waves?' + params);
    if (!r.ok) { Console.say(Console.describeProblem(r), 'error'); return; }
    if (!more) { shown = []; $('waves-table').tBodies[0].replaceChildren(); }
    r.body.items.forEach(w => { shown.push(w); $('waves-table').tBodies[0].appendChild(row(w)); });
    next = r.body.next;
    $('waves-more').hidden = !next;
  }

  Console.page('waves', { show() { load(false); }, redraw() { if (shown.length) load(false); } });

  document.addEventListener('DOMContentLoaded', () => {
    $('waves-more').addEventListener('click', () => load(true));
  });
})();
