// Template preview on the template service's API. That service may not be deployed yet: a 404 (or 501/503)
// means "template service unavailable", shown as such instead of an error.
(() => {
  const $ = id => document.getElementById(id);
  // A missing route answers 404 "http-404"; a known route with an unknown template answers 404 "not-found".
  const unavailable = r => r.status === 501 || r.status === 503
    || (r.status === 404 && !(r.body && r.body.type && r.body.type.endsWith('/not-found')));

  function say(message) { Console.say(message, 'error'); }

  async function list() {
    const r = await Console.api('/api/v1/templates');
    const ul = $('template-list');
    ul.replaceChildren();
    if (unavailable(r)) { say(Console.t('unavailable')); return; }
    if (!r.ok) { say(Console.describeProblem(r)); return; }
    const items = Array.isArray(r.body) ? r.body : (r.body.templates || []);
    items.forEach(t => {
      const li = document.createElement('li');
      const button = document.createElement('button');
      button.type = 'button';
      Console.text(button, t.key || t.name || JSON.stringify(t));
      button.addEventListener('click', () => { $('template-key').value = t.key || t.name; $('preview-button').focus(); });
      li.appendChild(button);
      ul.appendChild(li);
    });
  }

  function row(dl, label, value) {
    const dt = document.createElement('dt'); Console.text(dt, Console.t(label));
    const dd = document.createElement('dd');
    if (label === 'text') { const pre = document.createElement('pre'); pre.className = 'message'; Console.text(pre, value); dd.appendChild(pre); }
    else Console.text(dd, value);
    dl.append(dt, dd);
  }

  async function preview(event) {
    event.preventDefault();
    const form = new FormData($('preview-form'));
    const r = await Console.api('/api/v1/templates/' + encodeURIComponent(form.get('key')) + '/preview', {
      method: 'POST', headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ locale: form.get('locale'), channel: form.get('channel') })
    });
    const dl = $('preview-result');
    dl.replaceChildren();
    if (unavailable(r)) {
      say(Console.t('unavailable'));
      return;
    }
    if (!r.ok) { say(Console.describeProblem(r)); return; }
    Console.say('');
    const p = r.body;
    row(dl, 'text', p.text || p.body || '');
    row(dl, 'encoding', p.encoding || p.smsEncoding || '');
    row(dl, 'segments', p.segments ?? p.segmentCount ?? '');
    const findings = p.lint || p.findings || p.lintFindings || [];
    row(dl, 'lint', findings.length ? findings.map(f => typeof f === 'string' ? f : (f.severity || '') + ' ' + (f.rule || f.code || '') + ' ' + (f.message || f.term || '')).join('; ') : Console.t('none'));
    row(dl, 'version', p.version || p.templateVersion || '');
  }

  document.addEventListener('DOMContentLoaded', () => {
    Console.translate();
    $('language').addEventListener('change', () => Console.setLanguage($('language').value));
    if (!Console.key()) { location.href = 'index.html'; return; }
    $('preview-form').addEventListener('submit', preview);
    list();
  });
})();
