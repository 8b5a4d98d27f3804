// The console's shell: sign-in, the header (who is signed in, sign out), the main navigation and the hash router.
// Routes: #/ home, #/workflows?..., #/workflows/{instanceId}, #/reviews, #/dead-letters, #/alerts, #/audit.
import { ApiError, get, session } from './api.js';
import { el, field, problemBox, replace } from './ui.js';
import * as home from './pages/home.js';
import * as workflows from './pages/workflows.js';
import * as workflow from './pages/workflow.js';
import * as reviews from './pages/reviews.js';
import * as deadLetters from './pages/dead-letters.js';
import * as alerts from './pages/alerts.js';
import * as audit from './pages/audit.js';

const NAV = [['#/', 'Home'], ['#/workflows', 'Workflows'], ['#/reviews', 'Reviews'], ['#/dead-letters', 'Dead letters'], ['#/alerts', 'Alerts'], ['#/audit', 'Audit']];

const main = document.getElementById('main');
const header = document.getElementById('session');
const nav = document.getElementById('nav');
let caller = null;
let renderId = 0;
let shownPath = null;

/** The route of a hash: its path segments and query parameters. */
function route() {
  const hash = location.hash.startsWith('#/') ? location.hash.slice(1) : '/';
  const [path, query = ''] = hash.split('?');
  return { path, segments: path.split('/').filter(Boolean).map(decodeURIComponent), params: new URLSearchParams(query) };
}

/** Who the API takes us to be (null: not signed in). A key is tried first; without one, App Service's cookie. */
async function identify() {
  try {
    return await get('caller');
  } catch (err) {
    if (err instanceof ApiError && err.status === 401) return null;
    throw err;
  }
}

function showSignIn(error) {
  caller = null;
  replace(header);
  nav.hidden = true;
  const key = el('input', { type: 'password', name: 'key', autocomplete: 'current-password', required: true });
  const message = el('div', { class: 'sign-in-message' }, error ? problemBox(error) : null);
  const form = el('form', { class: 'sign-in', 'aria-labelledby': 'sign-in-title' },
    el('h1', { id: 'sign-in-title', tabindex: '-1' }, 'Sign in'),
    el('p', {}, 'Enter your operations key. A reader key shows everything; an operator key also lets you act. The key stays in this browser tab only.'),
    field('Operations key', key),
    el('div', { class: 'buttons' }, el('button', { type: 'submit', class: 'primary' }, 'Sign in')),
    message,
    el('p', { class: 'hint' }, 'In Azure, ', el('a', { href: '/.auth/login/aad?post_login_redirect_uri=' + encodeURIComponent(location.pathname) }, 'sign in with your organisation account'), ' instead; no key is needed then.'));
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    session.key = key.value.trim();
    try {
      const who = await get('caller');
      signedIn(who);
    } catch (err) {
      session.key = null;
      replace(message, problemBox(err, 'That key was not accepted.'));
      key.focus();
    }
  });
  replace(main, form);
  key.focus();
}

function signedIn(who) {
  caller = who;
  nav.hidden = false;
  const signOut = el('button', { type: 'button' }, 'Sign out');
  signOut.addEventListener('click', () => {
    session.key = null;
    shownPath = null;
    showSignIn();
  });
  replace(header,
    el('span', { 'data-testid': 'signed-in-as' }, `${who.name} (${who.role})`),
    who.readOnly ? el('span', { class: 'status status-warn' }, 'read-only deployment') : null,
    signOut);
  render();
}

async function render() {
  if (!caller) return;
  const { path, segments, params } = route();
  for (const link of nav.querySelectorAll('a')) {
    const target = link.getAttribute('href').slice(1);
    const current = target === '/' ? path === '/' : path === target || path.startsWith(target + '/');
    if (current) link.setAttribute('aria-current', 'page'); else link.removeAttribute('aria-current');
  }

  const id = ++renderId;
  const context = {
    caller,
    canAct: caller.role === 'operator' && !caller.readOnly,
    params,
    /** Whether this page is still the one shown (a slow answer for a page left behind is dropped). */
    current: () => id === renderId,
    refresh: () => render(),
  };
  const page = segments[0] === 'workflows' && segments[1] ? () => workflow.render(main, context, segments.slice(1).join('/'))
    : segments[0] === 'workflows' ? () => workflows.render(main, context)
    : segments[0] === 'reviews' ? () => reviews.render(main, context)
    : segments[0] === 'dead-letters' ? () => deadLetters.render(main, context)
    : segments[0] === 'alerts' ? () => alerts.render(main, context)
    : segments[0] === 'audit' ? () => audit.render(main, context)
    : segments.length === 0 ? () => home.render(main, context)
    : null;
  // A refresh of the page shown keeps it on screen until the new one is ready (no flicker while following a workflow).
  if (path !== shownPath) replace(main, el('p', { class: 'loading', role: 'status' }, 'Loading…'));
  shownPath = path;
  try {
    if (!page) {
      replace(main, el('h1', { tabindex: '-1' }, 'No such page'), el('p', {}, el('a', { href: '#/' }, 'Go to the home page')));
    } else {
      await page();
    }
  } catch (err) {
    if (!context.current()) return;
    if (err instanceof ApiError && err.status === 401) {
      showSignIn(err);
      return;
    }
    replace(main, el('h1', { tabindex: '-1' }, 'Could not load this page'), problemBox(err));
  }

  if (context.current()) {
    const heading = main.querySelector('h1');
    if (heading && document.activeElement === document.body) heading.focus({ preventScroll: true });
  }
}

async function start() {
  replace(nav, el('ul', {}, NAV.map(([href, text]) => el('li', {}, el('a', { href }, text)))));
  nav.hidden = true;
  window.addEventListener('hashchange', () => {
    // Only the console's routes (#/...); the skip link's #main is left to the browser.
    if (location.hash === '' || location.hash.startsWith('#/')) {
      render().then(() => main.querySelector('h1')?.focus({ preventScroll: true }));
    }
  });
  try {
    const who = await identify();
    if (who) signedIn(who); else showSignIn();
  } catch (err) {
    showSignIn(err);
  }
}

start();
