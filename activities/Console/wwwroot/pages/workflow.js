// One workflow, business view first: what it is about and where it is now in one sentence, then the timeline of its
// steps (durations, a Gantt bar each, input/output/error and the outbound API calls made in each), timers, events
// received, what started it, the evidence record (offboarding, CSV), the actions the role allows and the review form.
// Reads GET /api/v1/instances/{id}, .../history, /api/v1/api-calls/{correlationId} and /api/v1/evidence/offboardings.
import { ApiError, download, get, post, url } from '../api.js';
import { dialog, duration, el, field, longText, pre, problemBox, replace, sentence, statusBox, statusLabel, table, when, whenText } from '../ui.js';

/** The operator's actions: [API name, button text, runtime states it fits (the API decides; these only enable)]. */
const ACTIONS = [
  ['retry', 'Retry', (v) => v.runtimeStatus === 'Failed' || v.step === 'dead-lettered'],
  ['restart', 'Restart', (v) => ['Completed', 'Failed', 'Terminated'].includes(v.runtimeStatus)],
  ['terminate', 'Terminate', (v) => ['Running', 'Pending', 'Suspended'].includes(v.runtimeStatus)],
  ['suspend', 'Suspend', (v) => ['Running', 'Pending'].includes(v.runtimeStatus)],
  ['resume', 'Resume', (v) => v.runtimeStatus === 'Suspended'],
  ['reread', 'Re-read source', (v) => ['Running', 'Pending'].includes(v.runtimeStatus)],
  ['purge', 'Purge', (v) => ['Completed', 'Failed', 'Terminated'].includes(v.runtimeStatus)],
];

/** An action's answer, kept across the refreshes that follow it (follow = how many more to make while it runs). */
let flash = null;

/** Steps in which a workflow waits for time or a person: no point refreshing to watch them. */
const WAITING = ['awaiting-review', 'waiting-for-business-day', 'waiting-for-effective-time'];
const FOLLOW_MS = 2000;

export async function render(main, context, instanceId) {
  const view = await get(`instances/${encodeURIComponent(instanceId)}`);
  if (!context.current()) return;
  const [history, calls, evidence] = await Promise.all([
    get(`instances/${encodeURIComponent(instanceId)}/history`).catch((err) => err),
    view.links?.correlationId ? get(`api-calls/${encodeURIComponent(view.links.correlationId)}`).catch((err) => err) : Promise.resolve([]),
    view.workflow === 'offboarding' && view.key ? get('evidence/offboardings', { employeeId: view.key }).catch((err) => err) : Promise.resolve(null),
  ]);
  if (!context.current()) return;

  const followed = flash && flash.id === instanceId ? flash : null;
  const message = followed?.node ?? null;
  flash = null;
  // After an action or an answer, the page follows the workflow for a while so the result shows without reloading.
  if (followed && followed.follow > 0 && ['Running', 'Pending'].includes(view.runtimeStatus) && !WAITING.includes(view.step)) {
    flash = { ...followed, follow: followed.follow - 1 };
    setTimeout(() => context.current() && context.refresh(), FOLLOW_MS);
  }
  const refresh = el('button', { type: 'button' }, 'Refresh');
  refresh.addEventListener('click', () => context.refresh());
  const entries = history instanceof Error ? [] : history.entries ?? [];
  const review = view.step === 'awaiting-review' ? view.customStatus?.Review : null;

  replace(main,
    el('p', { class: 'crumbs' }, el('a', { href: '#/workflows' }, 'Workflows'), ' / ', view.instanceId),
    el('div', { class: 'title-row' }, el('h1', { tabindex: '-1' }, view.instanceId), refresh),
    message,
    el('p', { class: 'where-now' },
      el('span', { 'data-testid': 'runtime-status', class: statusLabel(view.runtimeStatus).className }, view.runtimeStatus),
      ' ', el('span', { 'data-testid': 'where-now' }, whereNow(view))),
    view.customStatus?.Detail && !review ? el('div', { class: 'hint detail' }, longText(view.customStatus.Detail, 240)) : null,
    business(view),
    review ? reviewSection(view, review, context) : null,
    context.canAct ? actions(view, context) : null,
    el('section', { 'aria-labelledby': 'h-timeline' },
      el('h2', { id: 'h-timeline' }, 'Timeline'),
      history instanceof Error ? problemBox(history) : timeline(view, history, calls instanceof Error ? [] : calls),
      calls instanceof Error ? problemBox(calls) : null),
    el('section', { 'aria-labelledby': 'h-timers' }, el('h2', { id: 'h-timers' }, 'Timers'), timers(view, entries)),
    el('section', { 'aria-labelledby': 'h-events' }, el('h2', { id: 'h-events' }, 'Events received'), events(entries)),
    el('section', { 'aria-labelledby': 'h-started' }, el('h2', { id: 'h-started' }, 'Started by'), startedBy(view, entries)),
    view.workflow === 'offboarding' ? el('section', { 'aria-labelledby': 'h-evidence' }, el('h2', { id: 'h-evidence' }, 'Evidence'), evidenceList(evidence)) : null,
    el('details', { class: 'raw' }, el('summary', {}, 'The workflow as the API returns it (JSON)'), pre(view)));
}

/** "Deal 1001", "The offboarding of employee 8": the business object, in the business's words. */
function subject(view) {
  switch (view.workflow) {
    case 'deal-invoice': return `Deal ${view.key}`;
    case 'offboarding': return `The offboarding of employee ${view.key}`;
    case 'onboarding': return `The onboarding of employee ${view.key}`;
    case 'order': return `Order ${orderName(view.key)}`;
    case 'stock-reserve': return `The stock of order ${orderName(view.key)}`;
    case 'stock-release': return `The stock release of order ${orderName(view.key)}`;
    case 'order-crm-note': return `The CRM note of order ${orderName(view.key)}`;
    case 'shipstation-notify': return 'A ShipStation shipment notice';
    default: return `Workflow ${view.instanceId}`;
  }
}

/** "1001 from store-a" from the order key "store-a-1001" (shop handle, then Shopify's order id). */
function orderName(key) {
  const match = /^(.+)-(\d+)$/.exec(key ?? '');
  return match ? `${match[2]} from ${match[1]}` : (key ?? '');
}

/** One sentence saying where the workflow is now, from its runtime status, step, review question and output. */
export function whereNow(view) {
  const status = view.customStatus ?? {};
  const until = status.WaitingUntil ? ` (until ${whenText(status.WaitingUntil)})` : '';
  const phrase = (() => {
    switch (view.runtimeStatus) {
      case 'Terminated': return 'was stopped by an operator and will not go on';
      case 'Suspended': return 'is paused by an operator; resume it to go on';
      case 'Pending': return 'is queued and about to start';
      case 'Failed': return `failed${view.step ? ` at step "${view.step}"` : ''} and needs support${cause(view.failure?.errorMessage ?? view.failure?.ErrorMessage)}`;
      default: break;
    }
    switch (view.step) {
      case 'awaiting-review': return `is waiting for a person to ${reviewTask(status.Review)}`;
      case 'waiting-for-business-day': return `is waiting for the next business day to be invoiced${until}`;
      case 'waiting-for-effective-time': return `is waiting for the time the employee's access ends${until}`;
      case 'fetching-deal': return 'is reading the deal from the CRM';
      case 'building-invoice': return 'is building the invoice';
      case 'matching-customer': return 'is matching the company to an ERP customer';
      case 'creating-invoice': return 'is creating the invoice in the ERP';
      case 'patching-deal': return 'is writing the invoice back to the deal in the CRM';
      case 'reversing-invoice': return 'is reversing the invoice in the ERP';
      case 'revoking': return "is removing the employee's access";
      case 'escalated': return 'missed its deadline and is escalated to a person';
      case 'provisioning': return "is creating the employee's accounts";
      case 'planning': return 'is checking the order (address, SKUs) and choosing a warehouse';
      case 'reserving-stock': return 'is reserving the stock for the order';
      case 'creating-warehouse-order': return `is sending the order to the warehouse${status.Detail ? ` (${status.Detail})` : ''}`;
      case 'awaiting-shipment': return `is waiting for the warehouse to ship${status.Detail ? `: ${status.Detail}` : ''}`;
      case 'fulfilling-in-store': return 'is telling the store what shipped, with the tracking number';
      case 'cancelling': return 'is cancelling the order at the warehouse and releasing its stock';
      case 'completed': return finished(view);
      case 'completed-late': return 'is done, but after its deadline';
      case 'completed-with-reviews': return 'is done; a person handled some of it';
      case 'cancelled': return 'was cancelled; nothing more will happen';
      case 'dead-lettered': return `stopped and needs support${cause(status.Detail)}`;
      case null: case undefined: case '': return view.runtimeStatus === 'Completed' ? 'is done' : 'is running';
      default: return `is at step "${view.step}"`;
    }
  })();
  return `${subject(view)} ${phrase}.`;
}

function reviewTask(review) {
  const names = (review?.Actions ?? []).map((a) => a.Name);
  if (names.includes('use-customer')) return 'choose the ERP customer';
  if (names.includes('use-item-code')) return 'choose the ERP item for a product';
  if (names.includes('approve')) return 'approve an invoice total that differs from the deal';
  if (names.includes('revoked-manually') || names.includes('confirmed-no-access')) return 'confirm how access was ended';
  if (names.includes('created-manually')) return 'confirm an account that could not be created';
  if (names.includes('use-sku')) return 'map a product to a warehouse SKU (or cancel the order)';
  if (names.includes('ship-from')) return 'choose a warehouse for the order, retry, or cancel it';
  return 'answer a question';
}

function finished(view) {
  const out = view.output ?? {};
  if (view.workflow === 'deal-invoice') {
    switch (out.Outcome) {
      case 'invoiced': return `was invoiced${out.InvoiceId ? `: invoice ${out.InvoiceId}` : ''}${out.InvoiceTotal !== undefined && out.InvoiceTotal !== null ? ` for ${out.InvoiceTotal}` : ''}`;
      case 'in-sync': return 'was already invoiced; nothing needed changing';
      case 'reversed': return 'had its invoice reversed';
      case 'cancelled': return 'was cancelled; no invoice was made';
      default: break;
    }
  }
  if (view.workflow === 'order') {
    switch (out.Outcome) {
      case 'fulfilled': return `was shipped${out.Warehouse ? ` by ${out.Warehouse}` : ''} and the store has its tracking`;
      case 'cancelled': return 'was cancelled before it shipped; the warehouse order was cancelled and the stock released';
      case 'cancelled-after-shipping': return 'was cancelled after it shipped; a person was alerted to arrange the return';
      case 'cancelled-by-review': return 'was cancelled by a person; nothing more was sent';
      default: break;
    }
  }
  if (view.workflow === 'offboarding') return "is done: the employee's access has ended";
  if (view.workflow === 'onboarding') return "is done: the employee's accounts exist";
  return 'is done';
}

/** ": the CRM answered 404 Not Found" from "FetchCrmDealActivity failed: hubspot answered 404 Not Found to GET ...". */
function cause(detail) {
  if (!detail) return '';
  const answered = /([\w-]+) answered (\d{3}[A-Za-z ]*?) to /.exec(detail);
  if (answered) return `: ${systemName(answered[1])} answered ${answered[2].trim()}`;
  const text = detail.length > 140 ? `${detail.slice(0, 140)}…` : detail;
  return `: ${text}`;
}

/** A connector's name as the business knows it: "the ERP (quickbooks)". */
function systemName(system) {
  const role = {
    hubspot: 'the CRM', quickbooks: 'the ERP', xero: 'the ERP', bamboohr: 'the HR system',
    shopify: 'the store', shipbob: 'the warehouse', shipstation: 'the warehouse',
  }[system.toLowerCase()];
  return role ? `${role} (${system})` : system;
}

/** What the workflow is about: the business object and its key, then when it started and what it produced. */
function business(view) {
  const kind = {
    'deal-invoice': 'Deal', offboarding: 'Employee (offboarding)', onboarding: 'Employee (onboarding)', order: 'Order',
    'stock-reserve': 'Order stock', 'stock-release': 'Order stock', 'order-crm-note': 'Order (CRM note)', 'shipstation-notify': 'ShipStation notice',
  }[view.workflow] ?? view.name;
  const out = view.output ?? {};
  const rows = [
    ['About', `${kind} ${view.key ?? ''}`.trim()],
    ['Workflow', view.workflow],
    ['Step', view.step ?? ''],
    ['Started', when(view.createdAt)],
    ['Last change', when(view.lastUpdatedAt)],
    out.Outcome ? ['Outcome', out.Outcome] : null,
    out.InvoiceId ? ['Invoice', `${out.InvoiceId}${out.InvoiceTotal !== undefined && out.InvoiceTotal !== null ? ` (total ${out.InvoiceTotal})` : ''}`] : null,
    out.Warehouse ? ['Warehouse', `${out.Warehouse}${out.WarehouseOrderId ? ` order ${out.WarehouseOrderId}` : ''}`] : null,
    out.Fulfilments?.length ? ['Store fulfilments', out.Fulfilments.join(', ')] : null,
    out.ErpCustomerId ? ['ERP customer', `${out.ErpCustomerId}${out.CustomerMatchRule ? ` (${out.CustomerMatchRule})` : ''}`] : null,
    view.failure ? ['Failure', `${view.failure.errorType ?? view.failure.ErrorType ?? ''}: ${view.failure.errorMessage ?? view.failure.ErrorMessage ?? ''}`] : null,
  ].filter(Boolean);
  return el('section', { 'aria-labelledby': 'h-business', 'data-testid': 'business', class: 'business' },
    el('h2', { id: 'h-business' }, `${kind} ${view.key ?? ''}`.trim()),
    el('dl', {}, rows.map(([k, v]) => [el('dt', {}, k), el('dd', {}, v)])));
}

/** The open review: the question, one radio per accepted answer, a value when the answer takes one, a reason. */
function reviewSection(view, review, context) {
  const section = el('section', { 'aria-labelledby': 'h-review', class: 'review' },
    el('h2', { id: 'h-review' }, 'Waiting for a person'),
    el('p', { class: 'question' }, review.Reason));
  if (!context.canAct) {
    section.append(el('p', { class: 'hint' }, `Accepted answers: ${(review.Actions ?? []).map((a) => a.Name).join(', ')}. An operator can answer.`));
    return section;
  }

  const value = el('input', { type: 'text', name: 'value', autocomplete: 'off' });
  const valueField = field('Value', value, 'Needed by the answer you chose');
  valueField.hidden = true;
  const reason = el('input', { type: 'text', name: 'reason', autocomplete: 'off', maxlength: '1000' });
  const out = el('div');
  const radios = (review.Actions ?? []).map((a, i) => {
    const radio = el('input', { type: 'radio', name: 'answer', value: a.Name, id: `answer-${i}`, required: true, 'aria-describedby': `answer-${i}-hint` });
    radio.addEventListener('change', () => {
      valueField.hidden = !a.RequiresValue;
      value.required = a.RequiresValue;
    });
    return el('div', { class: 'radio' }, radio, el('label', { for: `answer-${i}` }, a.Name), el('span', { class: 'hint', id: `answer-${i}-hint` }, ` ${a.Description}`));
  });
  const form = el('form', { 'aria-label': 'Answer review', class: 'review-form' },
    el('fieldset', {}, el('legend', {}, 'Answer'), radios),
    valueField,
    field('Reason', reason, 'Kept with the answer and in the audit trail'),
    el('div', { class: 'buttons' }, el('button', { type: 'submit', class: 'primary' }, 'Send answer')),
    out);
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const chosen = form.querySelector('input[name=answer]:checked');
    const action = (review.Actions ?? []).find((a) => a.Name === chosen?.value);
    if (!action) return;
    try {
      await post(`reviews/${encodeURIComponent(view.instanceId)}`, {
        action: action.Name,
        value: action.RequiresValue ? value.value.trim() : undefined,
        reviewedBy: context.caller.name,
        comment: reason.value.trim() || undefined,
      });
      flash = { id: view.instanceId, node: statusBox(`Answer "${action.Name}" sent; the workflow goes on.`), follow: 15 };
      setTimeout(() => context.current() && context.refresh(), 1200);
      replace(out, statusBox(`Answer "${action.Name}" sent; the workflow goes on. Refreshing…`));
    } catch (err) {
      replace(out, problemBox(err));
    }
  });
  section.append(form);
  return section;
}

/** The operator's buttons, enabled where they fit the state; each asks for a reason and shows the API's answer. */
function actions(view, context) {
  const out = el('div');
  const buttons = ACTIONS.map(([name, text, fits]) => {
    const button = el('button', { type: 'button', disabled: !fits(view) }, text);
    button.addEventListener('click', async () => {
      const answer = await dialog({
        title: `${text} ${view.instanceId}`,
        text: `${text}: ${describe(name)}`,
        reasonRequired: name === 'terminate',
        onConfirm: async (reason) => {
          try {
            return { ok: await post(`instances/${encodeURIComponent(view.instanceId)}/${name}`, reason ? { reason } : {}) };
          } catch (err) {
            if (err instanceof ApiError && err.status !== 400) return { error: err };
            throw err;
          }
        },
      });
      if (!answer) return;
      if (answer.error) {
        replace(out, problemBox(answer.error));
        return;
      }
      const r = answer.ok;
      flash = { id: view.instanceId, node: statusBox(`${text}: ${r.result}${r.detail ? ` (${sentence(r.detail)})` : ''}.`, r.result === 'done' ? 'ok' : 'warn'), follow: 15 };
      context.refresh();
    });
    return button;
  });
  return el('section', { 'aria-labelledby': 'h-actions', class: 'actions' },
    el('h2', { id: 'h-actions' }, 'Put it right'),
    el('div', { class: 'buttons' }, buttons),
    out);
}

function describe(action) {
  return {
    retry: 'run the failed or dead-lettered workflow again; what was already done is reused (no second invoice).',
    restart: 'start the workflow again from the beginning with its original input.',
    terminate: 'stop the workflow for good.',
    suspend: 'pause the workflow until someone resumes it.',
    resume: 'let a paused workflow go on.',
    reread: 'tell the workflow to read its source system again now.',
    purge: 'delete the finished workflow and its history from the engine.',
  }[action];
}

/** The steps (activities and sub-workflows) in order, each with status, duration, a Gantt bar and its details. */
function timeline(view, history, calls) {
  const steps = (history.entries ?? []).filter((e) => e.kind === 'activity' || e.kind === 'sub-orchestration');
  const now = Date.now();
  const start = Date.parse(view.createdAt) || Math.min(...steps.map((s) => Date.parse(s.at)));
  const ends = steps.map((s) => (s.endedAt ? Date.parse(s.endedAt) : now));
  const finish = Math.max(Date.parse(view.lastUpdatedAt) || start, ...ends, start + 1);
  const span = finish - start;
  const used = new Set();
  const items = steps.map((s, i) => {
    const at = Date.parse(s.at);
    const end = s.endedAt ? Date.parse(s.endedAt) : now;
    // A call belongs to the step whose time it falls in (the log keeps calls by correlation id, not by step).
    const mine = calls.filter((c) => {
      const t = Date.parse(c.startedAt);
      const hit = t >= at - 50 && t <= end + 50 && !used.has(c);
      if (hit) used.add(c);
      return hit;
    });
    const bar = el('div', { class: `gantt-bar gantt-${s.outcome ?? 'running'}`, 'data-testid': 'gantt-bar', 'aria-hidden': 'true' });
    bar.style.marginLeft = `${(100 * (at - start)) / span}%`;
    bar.style.width = `${Math.max(0.6, (100 * (end - at)) / span)}%`;
    const details = el('div', { class: 'step-details', hidden: true },
      s.input !== null && s.input !== undefined ? [el('h4', {}, 'Input'), pre(s.input)] : null,
      s.output !== null && s.output !== undefined ? [el('h4', {}, 'Output'), pre(s.output)] : null,
      s.error ? [el('h4', {}, 'Error'), pre(s.error)] : null,
      el('h4', {}, 'API calls made in this step'),
      mine.length ? apiCalls(mine) : el('p', { class: 'hint' }, 'None.'));
    const toggle = el('button', { type: 'button', class: 'link', 'aria-expanded': 'false' }, `Details ${s.name}`);
    toggle.addEventListener('click', () => {
      details.hidden = !details.hidden;
      toggle.setAttribute('aria-expanded', String(!details.hidden));
    });
    return el('li', { 'data-testid': `step-${i + 1}`, class: `step step-${s.outcome ?? 'running'}` },
      el('div', { class: 'step-head' },
        el('span', { class: 'step-name' }, s.name),
        stepSubject(s.input) ? el('span', { class: 'step-subject' }, stepSubject(s.input)) : null,
        statusLabel(s.outcome ?? 'running'),
        el('span', { class: 'step-duration' }, s.durationMs !== null && s.durationMs !== undefined ? duration(s.durationMs) : `${duration(end - at)} so far`),
        s.attempt > 1 ? el('span', { class: 'hint' }, `attempt ${s.attempt}`) : null,
        el('span', { class: 'hint' }, when(s.at))),
      el('div', { class: 'gantt' }, bar),
      s.outcome === 'failed' && s.error ? el('p', { class: 'step-error' }, s.error) : null,
      toggle,
      details);
  });
  const others = calls.filter((c) => !used.has(c));
  return [
    steps.length ? el('ol', { 'aria-label': 'Steps', class: 'steps' }, items) : el('p', { class: 'empty' }, 'No steps have run yet.'),
    history.complete === false || (history.limits ?? []).length ? el('p', { class: 'hint' }, `Limits: ${(history.limits ?? []).join(' ')}`) : null,
    others.length ? [el('h3', {}, 'Other API calls of this run'), apiCalls(others)] : null,
  ];
}

/** Which system a step worked on, when its input says (an offboarding's or onboarding's target system). */
function stepSubject(input) {
  const first = Array.isArray(input) ? input[0] : input;
  const system = first?.Target?.System ?? first?.System;
  return typeof system === 'string' ? system : null;
}

function apiCalls(calls) {
  return el('ul', { class: 'calls' }, calls.map((c) => el('li', {},
    el('p', {}, el('strong', {}, `${c.method} `), el('span', { class: 'url' }, c.url), ' ', statusLabel(c.status ? String(c.status) : 'no answer'),
      el('span', { class: 'hint' }, ` ${c.system ?? ''} · ${duration(c.durationMs)} · `, when(c.startedAt))),
    c.error ? el('p', { class: 'step-error' }, c.error) : null,
    el('details', {}, el('summary', {}, 'Request and response (redacted)'),
      el('h5', {}, 'Request'), c.requestBody ? pre(c.requestBody) : el('p', { class: 'hint' }, 'No body.'),
      el('h5', {}, 'Response'), c.responseBody ? pre(c.responseBody) : el('p', { class: 'hint' }, 'No body.')))));
}

function timers(view, entries) {
  const list = entries.filter((e) => e.kind === 'timer');
  const waiting = view.customStatus?.WaitingUntil;
  return [
    waiting ? el('p', {}, 'Waiting until ', when(waiting), '.') : null,
    table('Timers', [['Set at', (t) => when(t.at)], ['Fires at', (t) => when(t.due)], ['State', (t) => statusLabel(t.outcome)]], list, 'No timers.'),
  ];
}

function events(entries) {
  const list = entries.filter((e) => e.kind === 'event-received');
  return table('Events received', [['When', (e) => when(e.at)], ['Event', (e) => e.name], ['Payload', (e) => (e.input === null || e.input === undefined ? '' : pre(e.input))]], list, 'No events received.');
}

function startedBy(view, entries) {
  const started = entries.find((e) => e.kind === 'started');
  const links = view.links ?? {};
  return [
    el('dl', {},
      el('dt', {}, 'Webhook event'), el('dd', {}, links.triggerEventId ?? 'not recorded (started by an operator or another workflow)'),
      el('dt', {}, 'Correlation id'), el('dd', {}, links.correlationId ?? ''),
      el('dt', {}, 'Trace id'), el('dd', {}, view.traceId ?? ''),
      el('dt', {}, 'Started'), el('dd', {}, when(started?.at ?? view.createdAt))),
    el('p', { class: 'hint' }, 'The product keeps the event\u2019s id, type and subject, not its body; the workflow\u2019s input below is what it was given.'),
    pre(started?.input ?? view.input ?? null),
  ];
}

function evidenceList(evidence) {
  if (evidence instanceof Error) return problemBox(evidence);
  const records = Array.isArray(evidence) ? evidence : evidence?.items ?? [];
  if (records.length === 0) return el('p', { class: 'empty' }, 'No evidence recorded yet: it is written when access has been ended.');
  return el('ul', { class: 'evidence' }, records.map((r) => {
    const id = r.offboardingId ?? r.id;
    const path = `evidence/offboardings/${encodeURIComponent(id)}`;
    const link = el('a', { href: url(path, { format: 'csv' }).href }, 'Download CSV');
    link.addEventListener('click', async (e) => {
      e.preventDefault();
      try { await download(path, { format: 'csv' }); } catch (err) { link.after(problemBox(err)); }
    });
    return el('li', {},
      el('strong', {}, id), ' ', statusLabel(r.status),
      ` ${r.employeeName ?? ''}: ${r.systemCount ?? 0} systems`,
      r.withinSla === true ? ', within the deadline' : r.withinSla === false ? ', deadline missed' : '',
      r.completedAt ? [', finished ', when(r.completedAt)] : '', '. ',
      link);
  }));
}
