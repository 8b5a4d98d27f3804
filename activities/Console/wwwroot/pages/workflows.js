// Workflows: search by business key, workflow, status, step and creation time (GET /api/v1/instances, newest first,
// "Load more" while there is a continuation token); operators select rows or use the filter for a bulk action with a
// dry run, a confirmation naming how many, and a progress bar.
// Selected rows: the console applies the action to each selected id (POST /api/v1/instances/{id}/{action}) and counts
// the answers itself. No selection: a bulk job over the current filter (POST /api/v1/bulk-jobs, GET .../{id} polled).
import { get, post } from '../api.js';
import { dialog, el, field, longText, problemBox, replace, select, statusBox, statusLabel, when } from '../ui.js';

const WORKFLOWS = ['deal-invoice', 'offboarding', 'onboarding', 'order', 'stock-reserve', 'stock-release', 'order-crm-note', 'shipstation-notify'];
const STATUSES = ['Running', 'Pending', 'Suspended', 'Completed', 'Failed', 'Terminated'];
const STEPS = [
  'awaiting-review', 'waiting-for-business-day', 'waiting-for-effective-time', 'dead-lettered',
  'fetching-deal', 'building-invoice', 'matching-customer', 'creating-invoice', 'patching-deal', 'reversing-invoice',
  'revoking', 'escalated', 'provisioning', 'completed', 'completed-late', 'completed-with-reviews', 'cancelled',
];
const ACTIONS = ['terminate', 'suspend', 'resume', 'restart', 'retry', 'reread', 'purge'];
const FILTERS = ['key', 'workflow', 'status', 'step', 'createdFrom', 'createdTo'];
const PAGE_SIZE = 50;
const POLL_MS = 1000;

export async function render(main, context) {
  const filter = Object.fromEntries(FILTERS.map((n) => [n, context.params.get(n) ?? '']).filter(([, v]) => v !== ''));
  const selected = new Set();
  const shown = [];

  // The search form: submitting it puts the filter in the address, so Back and a shared link work.
  const key = el('input', { type: 'search', value: filter.key ?? '', autocomplete: 'off', spellcheck: 'false' });
  const workflow = select([['', 'Any'], ...WORKFLOWS], filter.workflow ?? '');
  const status = select([['', 'Any'], ...STATUSES], filter.status ?? '');
  const step = select([['', 'Any'], ...new Set([...STEPS, ...(filter.step ? [filter.step] : [])])], filter.step ?? '');
  const from = el('input', { type: 'datetime-local', value: toLocalInput(filter.createdFrom) });
  const to = el('input', { type: 'datetime-local', value: toLocalInput(filter.createdTo) });
  const form = el('form', { class: 'filters', role: 'search', 'aria-label': 'Find workflows' },
    field('Business key', key, 'Deal id, employee id or order number'),
    field('Workflow', workflow), field('Status', status), field('Step', step),
    field('Created from', from), field('Created to', to),
    el('div', { class: 'buttons' }, el('button', { type: 'submit', class: 'primary' }, 'Search')));
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const query = new URLSearchParams();
    if (key.value.trim()) query.set('key', key.value.trim());
    if (workflow.value) query.set('workflow', workflow.value);
    if (status.value) query.set('status', status.value);
    if (step.value) query.set('step', step.value);
    if (from.value) query.set('createdFrom', new Date(from.value).toISOString());
    if (to.value) query.set('createdTo', new Date(to.value).toISOString());
    const target = `#/workflows${query.size ? '?' + query : ''}`;
    if (location.hash === target) context.refresh(); else location.hash = target;
  });

  // The results.
  const selectAll = el('input', { type: 'checkbox', id: 'select-all' });
  const rows = el('tbody');
  const more = el('button', { type: 'button', hidden: true }, 'Load more');
  const listMessage = el('div');
  const selection = el('p', { class: 'hint', 'aria-live': 'polite' });
  const results = el('div', { class: 'table-scroll', tabindex: '0', role: 'region', 'aria-label': 'Workflows (scrolls sideways)' },
    el('table', {},
      el('caption', {}, 'Workflows'),
      el('thead', {}, el('tr', {},
        ['Select', 'Workflow id', 'Workflow', 'Key', 'Status', 'Step', 'Where it is', 'Created', 'Updated'].map((h) => el('th', { scope: 'col' }, h)))),
      rows));
  selectAll.addEventListener('change', () => {
    for (const box of rows.querySelectorAll('input[type=checkbox]')) {
      box.checked = selectAll.checked;
      if (selectAll.checked) selected.add(box.value); else selected.delete(box.value);
    }
    showSelection();
  });

  function showSelection() {
    replace(selection, selected.size === 0
      ? 'No rows selected: a bulk action applies to every workflow the filter finds.'
      : `${selected.size} selected: a bulk action applies to these workflows only.`);
    selectAll.checked = shown.length > 0 && shown.every((r) => selected.has(r.instanceId));
  }

  function addRows(items) {
    for (const item of items) {
      shown.push(item);
      const box = el('input', { type: 'checkbox', value: item.instanceId, 'aria-label': `Select ${item.instanceId}` });
      box.addEventListener('change', () => {
        if (box.checked) selected.add(item.instanceId); else selected.delete(item.instanceId);
        showSelection();
      });
      rows.append(el('tr', {},
        el('td', {}, box),
        el('td', {}, el('a', { href: `#/workflows/${encodeURIComponent(item.instanceId)}` }, item.instanceId)),
        el('td', {}, item.workflow ?? ''),
        el('td', {}, item.key ?? ''),
        el('td', {}, statusLabel(item.runtimeStatus)),
        el('td', {}, item.step ?? ''),
        el('td', { class: 'detail' }, longText(item.stepDetail)),
        el('td', {}, when(item.createdAt)),
        el('td', {}, when(item.lastUpdatedAt))));
    }
  }

  let token = null;
  async function load() {
    more.disabled = true;
    try {
      const page = await get('instances', { ...filter, pageSize: PAGE_SIZE, continuationToken: token ?? undefined });
      if (!context.current()) return;
      addRows(page.items ?? []);
      token = page.continuationToken ?? null;
      more.hidden = !token;
      replace(listMessage, shown.length === 0 && !token ? el('p', { class: 'empty' }, 'No workflow matches.') : null,
        el('p', { class: 'hint' }, `${shown.length} shown${token ? '; more may match' : ''}.`));
      showSelection();
    } catch (err) {
      replace(listMessage, problemBox(err));
    } finally {
      more.disabled = false;
    }
  }
  more.addEventListener('click', load);

  replace(main,
    el('h1', { tabindex: '-1' }, 'Workflows'),
    form,
    context.canAct ? bulkControls(filter, selected, context) : null,
    el('div', { class: 'select-all' }, selectAll, el('label', { for: 'select-all' }, 'Select all shown')),
    selection,
    results,
    listMessage,
    more);
  await load();
}

/** The operator's bulk controls: action, reason, dry run, run (confirmed), and the running job's progress. */
function bulkControls(filter, selected, context) {
  const action = select(ACTIONS, 'retry');
  const reason = el('input', { type: 'text', maxlength: '1000', autocomplete: 'off' });
  const dryRun = el('button', { type: 'button' }, 'Dry run');
  const run = el('button', { type: 'button', class: 'primary' }, 'Run');
  const out = el('div', { class: 'bulk-out' });
  const box = el('section', { class: 'bulk', 'aria-labelledby': 'h-bulk' },
    el('h2', { id: 'h-bulk' }, 'Bulk action'),
    el('div', { class: 'filters' }, field('Bulk action', action), field('Reason', reason, 'Kept with each workflow and in the audit trail')),
    el('div', { class: 'buttons' }, dryRun, run),
    out);

  const hasFilter = Object.keys(filter).length > 0;
  const describeTargets = () => (selected.size > 0 ? `the ${selected.size} selected` : 'every workflow the filter finds');

  // The last dry run's count, reused by Run for the same action and filter within a minute (no second counting job).
  let counted = null;
  async function count() {
    if (selected.size > 0) return { matched: selected.size, sample: [...selected].slice(0, 5) };
    if (counted && counted.action === action.value && Date.now() - counted.at < 60_000) return counted.result;
    const result = await countJob();
    counted = { action: action.value, at: Date.now(), result };
    return result;
  }

  async function countJob() {
    if (!hasFilter) throw { problem: { title: 'No filter', detail: 'Search with at least one filter first, or select rows: a bulk action never applies to everything.' } };
    const started = await post('bulk-jobs', { action: action.value, filter: jobFilter(filter), dryRun: true, reason: reason.value.trim() || undefined });
    let job = await get(`bulk-jobs/${encodeURIComponent(started.id)}`);
    while (job.state === 'running') {
      await sleep(POLL_MS);
      job = await get(`bulk-jobs/${encodeURIComponent(started.id)}`);
    }
    if (job.state !== 'completed') throw { problem: { title: `Dry run ${job.state}`, detail: job.failure ?? 'The dry run did not finish.' } };
    return { matched: job.matched, sample: (job.sample ?? []).map((s) => s.target) };
  }

  dryRun.addEventListener('click', async () => {
    dryRun.disabled = run.disabled = true;
    replace(out, el('p', { role: 'status' }, 'Counting…'));
    counted = null;
    try {
      const { matched, sample } = await count();
      replace(out, el('div', { 'data-testid': 'bulk-dry-run', role: 'status', class: 'notice notice-plain' },
        `${matched} workflows would be touched by ${action.value} (${describeTargets()}).`,
        sample.length ? el('span', { class: 'hint' }, ` For example: ${sample.join(', ')}.`) : null));
    } catch (err) {
      replace(out, problemBox(err));
    } finally {
      dryRun.disabled = run.disabled = false;
    }
  });

  run.addEventListener('click', async () => {
    dryRun.disabled = run.disabled = true;
    try {
      replace(out, el('p', { role: 'status' }, 'Counting…'));
      const { matched } = await count();
      replace(out);
      const ids = [...selected];
      dryRun.disabled = run.disabled = false;
      run.focus();
      const confirmed = await dialog({
        title: 'Confirm the bulk action',
        text: `${action.value} ${matched} workflows?`,
        reason: false,
        onConfirm: async () => true,
      });
      if (!confirmed) return;
      if (ids.length > 0) await runOnSelection(ids, action.value, reason.value.trim(), out);
      else await runJob(action.value, filter, reason.value.trim(), out);
    } catch (err) {
      replace(out, problemBox(err));
    } finally {
      dryRun.disabled = run.disabled = false;
    }
  });

  return box;
}

/** Progress as the contract shows it: a progressbar (done + failed + skipped of matched), the counts, a cancel button. */
function progress(out, onCancel) {
  const fill = el('div', { class: 'progress-fill' });
  const bar = el('div', { class: 'progress', role: 'progressbar', 'aria-label': 'Bulk job progress', 'aria-valuemin': '0', 'aria-valuenow': '0', 'aria-valuemax': '0' }, fill);
  const counts = el('p', { 'data-testid': 'bulk-counts' }, 'matched 0, done 0, failed 0, skipped 0');
  const state = el('p', { role: 'status' }, 'Running…');
  const cancel = el('button', { type: 'button' }, 'Cancel job');
  const failures = el('div');
  cancel.addEventListener('click', () => { cancel.disabled = true; onCancel(); });
  replace(out, bar, counts, state, cancel, failures);
  return {
    update({ matched, done, failed, skipped }) {
      const now = done + failed + skipped;
      bar.setAttribute('aria-valuenow', String(now));
      bar.setAttribute('aria-valuemax', String(matched));
      bar.setAttribute('aria-valuetext', `${now} of ${matched}`);
      fill.style.width = `${matched > 0 ? Math.min(100, (100 * now) / matched) : 0}%`;
      replace(counts, `matched ${matched}, done ${done}, failed ${failed}, skipped ${skipped}`);
    },
    finish(text, list = []) {
      cancel.hidden = true;
      replace(state, text);
      replace(failures, list.length ? el('ul', { class: 'failures' }, list.map((f) => el('li', {}, `${f.target}: ${f.reason}`))) : null);
    },
  };
}

async function runOnSelection(ids, action, reason, out) {
  let cancelled = false;
  const p = progress(out, () => { cancelled = true; });
  const counts = { matched: ids.length, done: 0, failed: 0, skipped: 0 };
  const failures = [];
  p.update(counts);
  for (const id of ids) {
    if (cancelled) break;
    try {
      const answer = await post(`instances/${encodeURIComponent(id)}/${action}`, reason ? { reason } : {});
      if (answer.result === 'skipped') counts.skipped++; else counts.done++;
    } catch (err) {
      counts.failed++;
      failures.push({ target: id, reason: err.problem?.detail ?? err.message });
    }
    p.update(counts);
  }
  p.finish(cancelled ? `Cancelled: ${counts.done + counts.failed + counts.skipped} of ${counts.matched} handled.` : `Finished: ${counts.done} done, ${counts.failed} failed, ${counts.skipped} skipped.`, failures);
}

async function runJob(action, filter, reason, out) {
  const started = await post('bulk-jobs', { action, filter: jobFilter(filter), dryRun: false, reason: reason || undefined });
  const path = `bulk-jobs/${encodeURIComponent(started.id)}`;
  const p = progress(out, async () => {
    try { await post(`${path}/cancel`, reason ? { reason } : {}); } catch (err) { out.append(problemBox(err)); }
  });
  let job = await get(path);
  p.update(job);
  while (job.state === 'running' && out.isConnected) {
    await sleep(POLL_MS);
    job = await get(path);
    p.update(job);
  }
  p.finish(`Job ${job.id} ${job.state}: ${job.done} done, ${job.failed} failed, ${job.skipped} skipped.${job.failure ? ' ' + job.failure : ''}`, job.failures ?? []);
  if (!out.isConnected) return;
  out.append(statusBox('Search again to see the workflows as they are now.', 'plain'));
}

/** The search filter as a bulk job takes it (the same names). */
function jobFilter(filter) {
  return Object.fromEntries(Object.entries(filter));
}

function toLocalInput(iso) {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '';
  const pad = (n) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
