// Reviews: every workflow waiting for a person (GET /api/v1/instances?step=awaiting-review), with the question;
// the answer is given on the workflow's page, through the review route.
import { get } from '../api.js';
import { el, problemBox, replace, table, when } from '../ui.js';

export async function render(main, context) {
  const items = [];
  let token = null;
  const list = el('div');
  const more = el('button', { type: 'button', hidden: true }, 'Load more');

  async function load() {
    more.disabled = true;
    try {
      const page = await get('instances', { step: 'awaiting-review', status: 'Running', pageSize: 50, continuationToken: token ?? undefined });
      if (!context.current()) return;
      items.push(...(page.items ?? []));
      token = page.continuationToken ?? null;
      more.hidden = !token;
      replace(list, table('Reviews waiting', [
        ['Workflow', (r) => el('a', { href: `#/workflows/${encodeURIComponent(r.instanceId)}` }, r.instanceId)],
        ['About', (r) => `${r.workflow} ${r.key ?? ''}`],
        ['Question', (r) => el('span', { class: 'detail' }, r.stepDetail ?? '')],
        ['Waiting since', (r) => when(r.lastUpdatedAt)],
      ], items, 'No workflow is waiting for a person.'));
    } catch (err) {
      replace(list, problemBox(err));
    } finally {
      more.disabled = false;
    }
  }
  more.addEventListener('click', load);

  replace(main,
    el('h1', { tabindex: '-1' }, 'Reviews'),
    el('p', {}, context.canAct ? 'Open a workflow to read its question and answer it.' : 'Open a workflow to read its question; an operator can answer it.'),
    list, more);
  await load();
}
