// Audit trail: who did what, when, to what, why and with what result (GET /api/v1/audit, newest first). Read only.
import { get } from '../api.js';
import { el, field, longText, pagedTable, replace, statusLabel, when } from '../ui.js';

export async function render(main, context) {
  const target = el('input', { type: 'search', value: context.params.get('target') ?? '', autocomplete: 'off' });
  const actor = el('input', { type: 'search', value: context.params.get('actor') ?? '', autocomplete: 'off' });
  const form = el('form', { class: 'filters', role: 'search', 'aria-label': 'Find audit lines' },
    field('Target', target, 'A workflow id, dead letter or alert id'), field('Who', actor),
    el('div', { class: 'buttons' }, el('button', { type: 'submit', class: 'primary' }, 'Search')));
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const query = new URLSearchParams();
    if (target.value.trim()) query.set('target', target.value.trim());
    if (actor.value.trim()) query.set('actor', actor.value.trim());
    const hash = `#/audit${query.size ? '?' + query : ''}`;
    if (location.hash === hash) context.refresh(); else location.hash = hash;
  });

  function row(a) {
    const result = a.result ?? '';
    return el('tr', {},
      el('td', {}, when(a.at)),
      el('td', {}, `${a.actor ?? ''}${a.role ? ` (${a.role})` : ''}`),
      el('td', {}, a.action ?? ''),
      el('td', {}, /^(deal-invoice|offboarding|onboarding)-/.test(a.target ?? '') ? el('a', { href: `#/workflows/${encodeURIComponent(a.target)}` }, a.target) : a.target ?? ''),
      el('td', { class: 'detail' }, a.reason ?? ''),
      el('td', { class: 'detail' }, statusLabel(result.split(':')[0]), ' ', longText(result.includes(':') ? result.slice(result.indexOf(':') + 1).trim() : '')));
  }

  const { nodes, load } = pagedTable({
    caption: 'Audit trail',
    headings: ['When', 'Who', 'Action', 'Target', 'Reason', 'Result'],
    fetchPage: (continuationToken) => get('audit', {
      target: context.params.get('target') ?? undefined, actor: context.params.get('actor') ?? undefined, pageSize: 50, continuationToken,
    }),
    row,
    empty: 'Nothing in the audit trail matches (it covers the last 30 days unless a time is given).',
    current: context.current,
  });

  replace(main,
    el('h1', { tabindex: '-1' }, 'Audit trail'),
    el('p', {}, 'Every action, replay, bulk job, alert change and review answer. Nobody can change it.'),
    form,
    nodes);
  await load();
}
