// Home: is anything wrong? Counts by workflow and status, what waits for a person, the events queue, and a chart of
// workflows started, completed and failed per hour (GET /api/v1/instances/summary).
import uPlot from '../lib/uPlot.esm.js';
import { get } from '../api.js';
import { duration, el, replace } from '../ui.js';

const STATUSES = ['Running', 'Pending', 'Suspended', 'Completed', 'Failed', 'Terminated'];
const WORKFLOWS = ['deal-invoice', 'offboarding', 'onboarding', 'order'];
const CHART_NAME = 'Workflows started, completed and failed over time';

export async function render(main, context) {
  const summary = await get('instances/summary');
  if (!context.current()) return;

  const workflows = [...new Set([...WORKFLOWS, ...Object.keys(summary.byWorkflow ?? {})])];
  const statuses = [...new Set([...STATUSES, ...Object.values(summary.byWorkflow ?? {}).flatMap((s) => Object.keys(s))])];
  const count = (w, s) => summary.byWorkflow?.[w]?.[s] ?? 0;
  const countTable = el('div', { class: 'table-scroll', tabindex: '0', role: 'region', 'aria-label': 'Workflows by status (scrolls sideways)' },
    el('table', {},
      el('caption', {}, 'Workflows by status'),
      el('thead', {}, el('tr', {}, el('th', { scope: 'col' }, 'Workflow'), statuses.map((s) => el('th', { scope: 'col', class: 'num' }, s)))),
      el('tbody', {}, workflows.map((w) => el('tr', {},
        el('th', { scope: 'row' }, el('a', { href: `#/workflows?workflow=${encodeURIComponent(w)}` }, w)),
        statuses.map((s) => el('td', { class: count(w, s) > 0 && (s === 'Failed' || s === 'Terminated') ? 'num attention' : 'num' },
          // Only a count above zero is a link: an empty list is not worth a Tab stop for a keyboard user.
          count(w, s) > 0
            ? el('a', { href: `#/workflows?workflow=${encodeURIComponent(w)}&status=${encodeURIComponent(s)}`, 'data-testid': `count-${w}-${s}`,
              'aria-label': `${count(w, s)} ${w} ${s}` }, String(count(w, s)))
            : el('span', { 'data-testid': `count-${w}-${s}` }, '0'))))))));

  const oldest = summary.oldestEventAgeSeconds;
  const chart = el('div', { class: 'chart', role: 'img', 'aria-label': CHART_NAME });
  const hours = summary.byHour ?? [];
  const totals = hours.reduce((t, h) => ({ started: t.started + h.started, completed: t.completed + h.completed, failed: t.failed + h.failed }), { started: 0, completed: 0, failed: 0 });

  replace(main,
    el('h1', { tabindex: '-1' }, 'Overview'),
    summary.complete ? null : el('p', { class: 'notice notice-warn' }, `Counted the first ${summary.instancesRead} workflows only: the figures are lower bounds.`),
    el('div', { class: 'cards' },
      card('Reviews waiting', 'reviews-waiting', summary.reviewsWaiting, '#/reviews', 'workflows wait for a person to answer'),
      card('Open alerts', 'open-alerts', summary.openAlerts, '#/alerts', 'alerts nobody has acknowledged or resolved'),
      card('Open dead letters', 'open-dead-letters', summary.openDeadLetters, '#/dead-letters', 'events or workflows that gave up'),
      el('section', { class: 'card', 'aria-labelledby': 'h-queue' },
        el('h2', { id: 'h-queue' }, 'Events queue'),
        el('p', { class: 'figure' }, el('span', { 'data-testid': 'queue-length' }, String(summary.eventsQueueLength ?? 0)), el('span', { class: 'unit' }, ' waiting')),
        el('p', {}, 'Oldest: ', el('span', { 'data-testid': 'queue-oldest-age' }, oldest === null || oldest === undefined ? 'none' : duration(oldest * 1000))))),
    el('section', { 'aria-labelledby': 'h-workflows' },
      el('h2', { id: 'h-workflows' }, 'Workflows'),
      countTable,
      el('h3', {}, CHART_NAME),
      chart,
      el('p', { class: 'hint' }, `Last ${hours.length} hours (your time): ${totals.started} started, ${totals.completed} completed, ${totals.failed} failed.`)));

  drawChart(chart, hours);
}

function card(title, testId, value, href, hint) {
  const id = `h-${testId}`;
  return el('section', { class: `card${value > 0 && testId !== 'reviews-waiting' ? ' card-attention' : ''}`, 'aria-labelledby': id },
    el('h2', { id }, title),
    el('p', { class: 'figure' }, el('a', { href, 'data-testid': testId, 'aria-label': `${value} ${title.toLowerCase()}` }, String(value ?? 0))),
    el('p', { class: 'hint' }, hint));
}

/** uPlot lines (dashed differently, so colour is not the only cue) over the summary's hours; redrawn at the container's width when the window changes size. */
function drawChart(container, hours) {
  const x = hours.map((h) => Date.parse(h.hour) / 1000);
  const data = [x, hours.map((h) => h.started), hours.map((h) => h.completed), hours.map((h) => h.failed)];
  const width = () => Math.max(280, container.clientWidth || 600);
  const plot = new uPlot({
    width: width(),
    height: 220,
    scales: { x: { time: true }, y: { range: (u, min, max) => [0, Math.max(4, max)] } },
    axes: [{}, { label: 'workflows', size: 50 }],
    series: [
      { label: 'hour' },
      { label: 'started', stroke: '#1f4e79', width: 2, points: { show: true } },
      { label: 'completed', stroke: '#2e7d32', width: 2, dash: [6, 3], points: { show: true } },
      { label: 'failed', stroke: '#b3261e', width: 2, dash: [2, 2], points: { show: true } },
    ],
  }, data, container);
  const resize = () => {
    if (!container.isConnected) {
      window.removeEventListener('resize', resize);
      plot.destroy();
      return;
    }
    plot.setSize({ width: width(), height: 220 });
  };
  window.addEventListener('resize', resize);
}
