// Alerts: what was raised to people (GET /api/v1/alerts), by state; operators acknowledge (stops the reminders) or
// resolve one (POST /api/v1/alerts/{id}/acknowledge | resolve, with a reason).
import { get, post } from '../api.js';
import { dialog, el, field, longText, pagedTable, replace, select, statusBox, statusLabel, when } from '../ui.js';

const STATES = ['open', 'acknowledged', 'resolved'];

export async function render(main, context) {
  const state = select([['', 'Any'], ...STATES], context.params.get('state') ?? '');
  const form = el('form', { class: 'filters', role: 'search', 'aria-label': 'Find alerts' },
    field('State', state),
    el('div', { class: 'buttons' }, el('button', { type: 'submit', class: 'primary' }, 'Search')));
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const target = state.value ? `#/alerts?state=${encodeURIComponent(state.value)}` : '#/alerts';
    if (location.hash === target) context.refresh(); else location.hash = target;
  });

  const { out, nodes, load } = pagedTable({
    caption: 'Alerts',
    headings: ['Last raised', 'Severity', 'Alert', 'About', 'Times', 'State', 'Action'],
    fetchPage: (continuationToken) => get('alerts', { state: context.params.get('state') ?? undefined, pageSize: 50, continuationToken }),
    row,
    empty: 'No alerts match.',
    current: context.current,
  });

  function row(a) {
    const stateCell = el('td', {}, statusLabel(a.state));
    const actions = el('td', { class: 'buttons' });
    const act = (verb, text) => {
      const button = el('button', { type: 'button', 'aria-label': `${text} ${a.id}`, title: `${text} ${a.id}` }, text);
      button.addEventListener('click', async () => {
        const answer = await dialog({
          title: `${text} alert`,
          text: `${text} "${a.title}"${verb === 'acknowledge' ? ': the reminders stop; it stays open until resolved.' : ': it is closed.'}`,
          onConfirm: (reason) => post(`alerts/${encodeURIComponent(a.id)}/${verb}`, reason ? { reason } : {}),
        });
        if (!answer) return;
        const now = answer.alert?.state ?? (verb === 'acknowledge' ? 'acknowledged' : 'resolved');
        replace(stateCell, statusLabel(now));
        replace(out, statusBox(`${text}: ${answer.result ?? 'done'} ("${a.title}" is ${now}).`));
        if (now === 'resolved') replace(actions);
        else if (verb === 'acknowledge') button.remove();
      });
      return button;
    };
    if (context.canAct && a.state !== 'resolved') {
      if (a.state === 'open') actions.append(act('acknowledge', 'Acknowledge'));
      actions.append(act('resolve', 'Resolve'));
    }
    return el('tr', {},
      el('td', {}, when(a.lastRaisedAt ?? a.firstRaisedAt)),
      el('td', {}, el('span', { class: `severity severity-${a.severity}` }, a.severity)),
      el('td', { class: 'detail' }, el('strong', {}, a.title), el('div', { class: 'hint' }, longText(a.text))),
      el('td', {}, a.instanceId ? el('a', { href: `#/workflows/${encodeURIComponent(a.instanceId)}` }, a.instanceId) : a.reference ?? ''),
      el('td', { class: 'num' }, String(a.count ?? 1)),
      stateCell,
      actions);
  }

  replace(main,
    el('h1', { tabindex: '-1' }, 'Alerts'),
    form,
    nodes);
  await load();
}
