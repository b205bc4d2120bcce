// The worklist page: the cases the robot hands to a person (GET /api/v1/worklist), claimed, noted and resolved in
// place. Self-contained: it signs in itself (an agent key need not have the compliance role) and uses Console.* only
// for strings and API calls.
(() => {
  const $ = id => document.getElementById(id);
  const KINDS = ['ESCALATION', 'AGENT_REQUEST', 'UNKNOWN_REPLY', 'DISPUTE', 'HARDSHIP', 'WRONG_NUMBER', 'UNREACHABLE', 'UNKNOWN_OUTCOME'];
  const OUTCOMES = ['CONTACTED', 'PROMISE_TO_PAY', 'PAYMENT_PLAN', 'DISPUTE_UPHELD', 'DISPUTE_REJECTED', 'CONTACT_POINT_CORRECTED',
    'NO_ACTION_NEEDED', 'REFERRED'];
  let cases = [];

  function say(message) { Console.text($('status'), message); }

  /** 3725 s → "1h 2m" / "1小时2分". */
  function age(seconds) {
    const d = Math.floor(seconds / 86400), h = Math.floor(seconds % 86400 / 3600), m = Math.floor(seconds % 3600 / 60);
    const parts = [];
    if (d) parts.push(d + Console.t('wlDays'));
    if (h || d) parts.push(h + Console.t('wlHours'));
    parts.push(m + Console.t('wlMinutes'));
    return parts.join(' ');
  }

  function button(label, cls, onClick) {
    const b = document.createElement('button');
    b.type = 'button';
    b.className = cls;
    Console.text(b, Console.t(label));
    b.addEventListener('click', onClick);
    return b;
  }

  async function act(path, body) {
    const r = await Console.api('/api/v1/worklist/' + path, {
      method: 'POST', headers: { 'Content-Type': 'application/json' }, body: body ? JSON.stringify(body) : undefined
    });
    if (!r.ok) {
      // A case someone else holds: say who, in the reviewer's language (the name itself is data, never translated).
      const holder = r.status === 409 && /claimed by ([^\s;]+)/.exec((r.body || {}).detail || '');
      say(Console.describeProblem(r) + (holder ? ' — ' + Console.t('wlClaimedBy') + ': ' + holder[1] : ''));
      return false;
    }
    say(Console.t('wlDone'));
    await load();
    return true;
  }

  function render() {
    const tbody = document.querySelector('#wl-cases tbody');
    tbody.replaceChildren();
    $('wl-empty').hidden = cases.length > 0;
    cases.forEach(c => {
      const tr = document.createElement('tr');
      tr.dataset.caseId = c.id;
      tr.className = 'case';
      Console.cell(tr, age(c.ageSeconds));
      Console.cell(tr, Console.t('wlKind' + c.kind));
      Console.cell(tr, c.reason);
      const who = Console.cell(tr, '');
      const link = document.createElement('a');
      link.href = c.timeline;
      link.className = 'timeline-link';
      Console.text(link, c.borrowerId);
      link.addEventListener('click', async e => {           // the API needs the key: show the timeline JSON in place
        e.preventDefault();
        const r = await Console.api(c.timeline);
        if (!r.ok) { say(Console.describeProblem(r)); return; }
        say(Console.t('timeline') + ': ' + (r.body.events || []).length);
      });
      who.appendChild(link);
      Console.cell(tr, Console.t('wlStatus' + c.status));
      Console.cell(tr, c.claimedBy || '');
      Console.cell(tr, (c.notes || []).map(n => n.actor + ': ' + n.note).join('\n')).className = 'notes';
      const actions = Console.cell(tr, '');
      if (c.status !== 'RESOLVED') {
        if (c.status === 'OPEN') actions.appendChild(button('wlClaim', 'claim', () => act(c.id + '/claim')));
        const note = document.createElement('input');
        note.className = 'note-text';
        note.setAttribute('aria-label', Console.t('wlNote'));
        actions.appendChild(note);
        actions.appendChild(button('wlAddNote', 'add-note', () => act(c.id + '/notes', { note: note.value })));
        const outcome = document.createElement('select');
        outcome.className = 'outcome';
        outcome.setAttribute('aria-label', Console.t('outcome'));
        OUTCOMES.forEach(o => { const opt = document.createElement('option'); opt.value = o; Console.text(opt, Console.t('wlOutcome' + o)); outcome.appendChild(opt); });
        actions.appendChild(outcome);
        actions.appendChild(button('wlResolve', 'resolve', () => act(c.id + '/resolve', { outcome: outcome.value, note: note.value || null })));
      } else {
        Console.text(actions, Console.t('wlOutcome' + c.outcome));
      }
      tbody.appendChild(tr);
    });
  }

  async function load() {
    const params = new URLSearchParams();
    if ($('wl-kind').value) params.set('kind', $('wl-kind').value);
    if ($('wl-all').checked) params.set('status', 'all');
    const r = await Console.api('/api/v1/worklist?' + params);
    if (r.status === 401 || r.status === 403) { sessionStorage.removeItem('tixing.key'); show(false); say(Console.t('wlBadKey')); return; }
    if (!r.ok) { say(Console.describeProblem(r)); return; }
    cases = r.body;
    render();
  }

  function show(signedIn) {
    $('wl-signin').hidden = signedIn;
    $('wl-section').hidden = !signedIn;
  }

  function fillKinds() {
    const select = $('wl-kind');
    select.querySelectorAll('option[value]:not([value=""])').forEach(o => o.remove());
    KINDS.forEach(k => { const o = document.createElement('option'); o.value = k; Console.text(o, Console.t('wlKind' + k)); select.appendChild(o); });
  }

  document.addEventListener('DOMContentLoaded', () => {
    Console.translate();
    fillKinds();
    $('language').value = Console.lang();
    $('language').addEventListener('change', () => { Console.setLanguage($('language').value); fillKinds(); render(); });
    $('wl-signin-form').addEventListener('submit', e => {
      e.preventDefault();
      sessionStorage.setItem('tixing.key', $('wl-key').value.trim());
      show(true);
      load();
    });
    $('wl-filters').addEventListener('submit', e => { e.preventDefault(); load(); });
    show(!!Console.key());
    if (Console.key()) load();
  });
})();
