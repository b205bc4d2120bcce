// Reminder detail: the request (masked unless pii), every decision with its reasons, rule pack and next lawful time,
// the attempts with delivery status, the message as rendered, and the reminder's contact-log entries.
(() => {
  const $ = id => document.getElementById(id);
  let shownId = null;

  function pairs(dl, entries) {
    dl.replaceChildren();
    entries.filter(([, v]) => v != null && v !== '').forEach(([label, value]) => {
      const dt = document.createElement('dt'); Console.text(dt, Console.t(label));
      const dd = document.createElement('dd'); Console.text(dd, value);
      dl.append(dt, dd);
    });
  }

  function rows(tableId, data) {
    const body = $(tableId).tBodies[0];
    body.replaceChildren();
    data.forEach(cells => { const tr = document.createElement('tr'); cells.forEach(v => Console.cell(tr, v)); body.appendChild(tr); });
  }

  const reasons = list => (list || []).map(c => Console.code('reason', c)).join('；');

  async function show(id) {
    if (!id) { $('reminder-id').focus(); return; }
    $('reminder-id').value = id;
    const r = await Console.api('/api/v1/reminders/' + encodeURIComponent(id) + '/detail');
    if (!r.ok) { $('reminder-detail').hidden = true; Console.say(Console.describeProblem(r), 'error'); return; }
    Console.say('');
    shownId = id;
    const d = r.body, m = d.reminder, zone = d.zone;
    $('reminder-detail').hidden = false;
    pairs($('reminder-summary'), [['reminderId', m.id], ['status', Console.code('status', m.status)], ['borrowerId', m.borrowerId],
      ['loanId', m.loanId], ['template', m.template], ['channels', (m.channels || []).map(c => Console.code('ch', c)).join('、')],
      ['notAfter', Console.reviewerTime(m.notAfter)], ['nextLawful', m.nextAttemptAt ? Console.reviewerTime(m.nextAttemptAt) : null],
      ['createdAt', Console.reviewerTime(m.createdAt)], ['borrowerZone', zone]]);
    Console.text($('reminder-masking'), d.unmasked ? Console.t('unmasked') : Console.t('masked'));
    const b = (d.request && d.request.borrower) || {}, l = (d.request && d.request.loan) || {};
    pairs($('reminder-request'), [['name', b.name], ['phone', b.phone], ['email', b.email], ['borrowerZone', b.timezone],
      ['jurisdiction', b.jurisdiction], ['creditor', l.creditor], ['amountDue', l.amountDue ? l.amountDue + ' ' + (l.currency || '') : null],
      ['dueDate', l.dueDate], ['daysOverdue', l.daysOverdue]]);
    rows('reminder-decisions', (m.decisions || []).map(x => [Console.reviewerTime(x.at), Console.borrowerTime(x.at, zone),
      Console.code('ch', x.channel), Console.code('decision', x.decision), reasons(x.reasons), x.rulePack,
      x.nextAttemptAt ? Console.reviewerTime(x.nextAttemptAt) + ' / ' + Console.borrowerTime(x.nextAttemptAt, zone) : '']));
    rows('reminder-attempts', (m.attempts || []).map(a => [Console.reviewerTime(a.createdAt), Console.code('ch', a.channel), a.destination,
      Console.code('status', a.status), a.errorCode, a.templateKey ? a.templateKey + (a.templateVersion ? '@' + a.templateVersion.slice(0, 12) : '') : '']));
    const messages = $('reminder-messages');
    messages.replaceChildren();
    if (!d.messages.length) messages.appendChild(Console.text(document.createElement('p'), Console.t('noMessage')));
    d.messages.forEach(msg => {
      const pre = document.createElement('pre');
      pre.className = 'message';
      Console.text(pre, Console.code('ch', msg.channel) + ' · ' + (msg.locale || '') + '\n\n' + (msg.subject ? msg.subject + '\n\n' : '') + msg.body);
      messages.appendChild(pre);
    });
    rows('reminder-log', d.entries.map(e => [e.seq, Console.reviewerTime(e.at), Console.borrowerTime(e.at, e.zone || zone),
      Console.code('kind', e.kind), Console.code('ch', e.channel), Console.code('decision', e.decision), reasons(e.reasons),
      e.kind === 'CONSENT' ? Console.code('consent', e.outcome) : Console.code('status', e.outcome)]));
  }

  Console.page('reminder', { show, redraw() { if (shownId) show(shownId); } });

  document.addEventListener('DOMContentLoaded', () => {
    $('reminder-form').addEventListener('submit', e => { e.preventDefault(); Console.go('#reminder/' + encodeURIComponent($('reminder-id').value.trim())); });
  });
})();
