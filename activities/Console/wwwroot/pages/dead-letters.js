// Dead letters: events and workflows that gave up (GET /api/v1/dead-letters), filtered by source and state;
// operators replay one (POST /api/v1/dead-letters/{id}/replay, with a reason).
import { get, post } from '../api.js';
import { dialog, el, field, longText, pagedTable, replace, select, sentence, statusBox, statusLabel, when } from '../ui.js';

// The development sources and the two the store adds; a deployment's other sources still work through the address (?source=).
const SOURCES = ['crm', 'hr', 'app', 'workflow', 'unknown'];
const STATES = ['open', 'replayed'];

export async function render(main, context) {
  const source = select([['', 'Any'], ...new Set([...SOURCES, ...(context.params.get('source') ? [context.params.get('source')] : [])])], context.params.get('source') ?? '');
  const state = select([['', 'Any'], ...STATES], context.params.get('status') ?? 'open');
  const form = el('form', { class: 'filters', role: 'search', 'aria-label': 'Find dead letters' },
    field('Source', source), field('State', state),
    el('div', { class: 'buttons' }, el('button', { type: 'submit', class: 'primary' }, 'Search')));
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const query = new URLSearchParams();
    if (source.value) query.set('source', source.value);
    query.set('status', state.value || 'any');
    const target = `#/dead-letters?${query}`;
    if (location.hash === target) context.refresh(); else location.hash = target;
  });

  const status = context.params.get('status') === 'any' ? '' : context.params.get('status') ?? 'open';
  const { out, nodes, load } = pagedTable({
    caption: 'Dead letters',
    headings: ['Recorded', 'Source', 'What', 'Why', 'State', 'Action'],
    fetchPage: (continuationToken) => get('dead-letters', { source: context.params.get('source') ?? undefined, status: status || undefined, pageSize: 50, continuationToken }),
    row,
    empty: 'No dead letters match.',
    current: context.current,
  });

  function row(d) {
    const stateCell = el('td', {}, statusLabel(d.status));
    const actions = el('td', {});
    if (context.canAct && d.status === 'open') {
      const replay = el('button', { type: 'button', disabled: d.replayable === false, 'aria-label': `Replay ${d.id}`, title: `Replay ${d.id}` }, 'Replay');
      replay.addEventListener('click', async () => {
        const answer = await dialog({
          title: `Replay ${d.id}`,
          text: `Send the ${d.kind} of ${d.reference} again, once. A replay of one whose workflow already finished is refused.`,
          onConfirm: (reason) => post(`dead-letters/${encodeURIComponent(d.id)}/replay`, reason ? { reason } : {}),
        });
        if (!answer) return;
        replace(stateCell, statusLabel('replayed'));
        replay.remove();
        replace(out, statusBox(`Replayed ${d.reference}${answer.detail ? `: ${sentence(answer.detail)}` : ''}.`));
      });
      actions.append(replay);
    } else if (d.replayedAt) {
      actions.append(el('span', { class: 'hint' }, 'replayed by ', d.replayedBy ?? '', ' ', when(d.replayedAt)));
    }
    return el('tr', {},
      el('td', {}, when(d.createdAt)),
      el('td', {}, d.source ?? d.kind),
      el('td', {}, d.kind === 'workflow' ? el('a', { href: `#/workflows/${encodeURIComponent(d.reference)}` }, d.reference) : d.reference),
      el('td', { class: 'detail' }, longText(d.reason)),
      stateCell,
      actions);
  }

  replace(main,
    el('h1', { tabindex: '-1' }, 'Dead letters'),
    el('p', {}, 'Events that never reached a workflow, and workflows that gave up. Fix the cause, then replay.'),
    form,
    nodes);
  await load();
}
