// The moderation page of the civic-widgets reference backend (served at /admin/moderation).
// Vanilla JS, no build step, loaded as a separate file (the page's CSP forbids inline scripts).
// Every text from the API goes through textContent: comments are never parsed as HTML.
// The admin token is kept in sessionStorage (this tab only), never in a cookie.

const TEXTS = {
  en: {
    title: 'Moderation',
    loginTitle: 'Sign in',
    loginHint: 'Type the admin token of this server (CIVIC_ADMIN_TOKEN). It stays in this tab only.',
    token: 'Admin token',
    signIn: 'Sign in',
    signOut: 'Sign out',
    queues: 'Queues',
    state: 'Show',
    'state.pending': 'Waiting for review',
    'state.flagged': 'Flagged',
    'state.hidden': 'Hidden',
    'state.rejected': 'Rejected',
    'state.spam': 'Spam (honeypot, too fast, banned)',
    thread: 'Thread (optional)',
    refresh: 'Refresh',
    comments: 'Comments',
    empty: 'Nothing here.',
    more: 'Load more',
    rules: 'Word rules',
    rulesHint: 'One rule per line: a word or phrase, then "hold" (sent for review) or "reject" (refused). Case and accents are ignored; a trailing * matches any ending. Example: arnaque* hold',
    rulesLabel: 'Rules',
    save: 'Save',
    bans: 'Bans',
    noBans: 'No ban.',
    log: 'Moderation log',
    noLog: 'No action yet.',
    approve: 'Approve',
    reject: 'Reject',
    hide: 'Hide',
    restore: 'Restore',
    banDevice: 'Ban this device',
    banNetwork: 'Ban this network',
    unban: 'Lift the ban',
    reason: 'Reason (needed to reject, hide or ban)',
    needReason: 'Type a reason first.',
    replyTo: (author) => `In reply to ${author}:`,
    official: 'official',
    reasons: {
      pre: 'every comment is reviewed', first: 'first comment of this device', words: 'word rule', flags: 'flags',
      honeypot: 'honeypot filled', too_fast: 'sent too fast', banned: 'banned identity', author: 'deleted by its author',
    },
    flagReasons: { spam: 'spam', abuse: 'abuse', off_topic: 'off topic', personal_data: 'personal data', other: 'other' },
    flags: (n) => `${n} flag${n === 1 ? '' : 's'}:`,
    identities: 'Author (hashed):',
    banned: 'banned',
    meta: (thread, state, reason, date) => `Thread ${thread} · ${state}${reason ? ` (${reason})` : ''} · ${date}`,
    until: (d) => `until ${d}`,
    forGood: 'for good',
    done: {
      approve: 'Approved.', reject: 'Rejected.', hide: 'Hidden.', restore: 'Restored.', ban: 'Banned.', unban: 'Ban lifted.', rules: 'Rules saved.',
    },
    loaded: (n) => `${n} comment${n === 1 ? '' : 's'} listed.`,
    badToken: 'This token is not accepted by the server.',
    failed: (m) => `The server refused: ${m}`,
    offline: 'The server cannot be reached.',
    badRule: (line) => `Line not understood: "${line}" (expected: word hold|reject)`,
  },
  fr: {
    title: 'Modération',
    loginTitle: 'Connexion',
    loginHint: 'Saisissez le jeton d’administration de ce serveur (CIVIC_ADMIN_TOKEN). Il n’est gardé que dans cet onglet.',
    token: 'Jeton d’administration',
    signIn: 'Se connecter',
    signOut: 'Se déconnecter',
    queues: 'Files',
    state: 'Afficher',
    'state.pending': 'En attente de validation',
    'state.flagged': 'Signalés',
    'state.hidden': 'Masqués',
    'state.rejected': 'Refusés',
    'state.spam': 'Indésirables (piège, trop rapide, banni)',
    thread: 'Discussion (facultatif)',
    refresh: 'Actualiser',
    comments: 'Commentaires',
    empty: 'Rien ici.',
    more: 'Afficher la suite',
    rules: 'Règles de mots',
    rulesHint: 'Une règle par ligne : un mot ou une expression, puis « hold » (à valider) ou « reject » (refusé). Casse et accents ignorés ; un * final accepte toute terminaison. Exemple : arnaque* hold',
    rulesLabel: 'Règles',
    save: 'Enregistrer',
    bans: 'Bannissements',
    noBans: 'Aucun bannissement.',
    log: 'Journal de modération',
    noLog: 'Aucune action pour l’instant.',
    approve: 'Valider',
    reject: 'Refuser',
    hide: 'Masquer',
    restore: 'Rétablir',
    banDevice: 'Bannir cet appareil',
    banNetwork: 'Bannir ce réseau',
    unban: 'Lever le bannissement',
    reason: 'Motif (obligatoire pour refuser, masquer ou bannir)',
    needReason: 'Saisissez d’abord un motif.',
    replyTo: (author) => `En réponse à ${author}\u00a0:`,
    official: 'officiel',
    reasons: {
      pre: 'tous les commentaires sont relus', first: 'premier commentaire de cet appareil', words: 'règle de mots', flags: 'signalements',
      honeypot: 'piège à robots rempli', too_fast: 'envoyé trop vite', banned: 'identité bannie', author: 'supprimé par son auteur',
    },
    flagReasons: { spam: 'indésirable', abuse: 'abus', off_topic: 'hors sujet', personal_data: 'données personnelles', other: 'autre' },
    flags: (n) => `${n} signalement${n > 1 ? 's' : ''} :`,
    identities: 'Auteur (haché) :',
    banned: 'banni',
    meta: (thread, state, reason, date) => `Discussion ${thread} · ${state}${reason ? ` (${reason})` : ''} · ${date}`,
    until: (d) => `jusqu’au ${d}`,
    forGood: 'définitif',
    done: {
      approve: 'Validé.', reject: 'Refusé.', hide: 'Masqué.', restore: 'Rétabli.', ban: 'Banni.', unban: 'Bannissement levé.', rules: 'Règles enregistrées.',
    },
    loaded: (n) => `${n} commentaire${n > 1 ? 's' : ''} affiché${n > 1 ? 's' : ''}.`,
    badToken: 'Ce jeton n’est pas accepté par le serveur.',
    failed: (m) => `Le serveur a refusé : ${m}`,
    offline: 'Le serveur est injoignable.',
    badRule: (line) => `Ligne incomprise : « ${line} » (attendu : mot hold|reject)`,
  },
};

const lang = (navigator.languages?.[0] ?? navigator.language ?? 'en').toLowerCase().startsWith('fr') ? 'fr' : 'en';
const t = TEXTS[lang];
const KEY = 'civic-admin-token';
const $ = (id) => document.getElementById(id);
const dateFormat = new Intl.DateTimeFormat(lang, { dateStyle: 'medium', timeStyle: 'short' });
const fmt = (iso) => dateFormat.format(new Date(iso));

class HttpError extends Error {
  constructor(status, message) {
    super(message);
    this.status = status;
  }
}

async function api(method, path, body) {
  const headers = { Authorization: `Bearer ${sessionStorage.getItem(KEY) ?? ''}`, Accept: 'application/json' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  let res;
  try {
    res = await fetch(`/api/admin/${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body), credentials: 'omit' });
  } catch {
    throw new HttpError(0, t.offline);
  }
  const data = res.status === 204 ? null : await res.json().catch(() => null);
  if (!res.ok) throw new HttpError(res.status, data?.error?.message ?? String(res.status));
  return data;
}

function say(message) {
  $('alert').textContent = '';
  $('status').textContent = message;
}

function fail(err) {
  if (err.status === 401) {
    sessionStorage.removeItem(KEY);
    showLogin(t.badToken);
    return;
  }
  $('status').textContent = '';
  $('alert').textContent = err.status ? t.failed(err.message) : err.message;
}

function el(tag, text, cls) {
  const e = document.createElement(tag);
  if (text !== undefined) e.textContent = text;
  if (cls) e.className = cls;
  return e;
}

function button(label, onClick, cls) {
  const b = el('button', label, cls);
  b.type = 'button';
  b.addEventListener('click', async () => {
    b.disabled = true;
    try {
      await onClick();
    } catch (err) {
      fail(err);
    } finally {
      b.disabled = false;
    }
  });
  return b;
}

/* ------------------------------------------------------------------ the queue */

let cursor = null;

function renderItem(item) {
  const node = $('item').content.firstElementChild.cloneNode(true);
  const c = item.comment;
  const stateLabel = t[`state.${item.state}`] ?? item.state;
  const reason = item.reason && Object.hasOwn(t.reasons, item.reason) ? t.reasons[item.reason] : item.reason;
  node.querySelector('.meta').textContent = t.meta(item.threadId, stateLabel, reason, fmt(c.createdAt));
  if (item.parent) {
    node.querySelector('.parent').hidden = false;
    node.querySelector('.parent-label').textContent = t.replyTo(item.parent.author);
    node.querySelector('.parent-text').textContent = item.parent.body.length > 200 ? `${item.parent.body.slice(0, 200)}…` : item.parent.body;
  }
  node.querySelector('.author').textContent = c.official ? `${c.author} (${t.official})` : c.author;
  node.querySelector('.body').textContent = c.body;
  if (item.flags.count > 0) {
    const f = node.querySelector('.flags');
    f.hidden = false;
    f.textContent = `${t.flags(item.flags.count)} ${item.flags.items.map((x) => {
      const why = t.flagReasons[x.reason] ?? x.reason;
      return x.detail ? `${why} (${x.detail})` : why;
    }).join(', ')}`;
  }
  const ids = node.querySelector('.identities');
  ids.append(el('span', `${t.identities} `));
  for (const identity of item.identities) {
    ids.append(el('code', identity.slice(0, identity.indexOf(':') + 13) + '…'), ' ');
  }
  if (item.banned) ids.append(el('strong', `(${t.banned})`));

  const reasonInput = node.querySelector('.reason');
  node.querySelector('.reason-text').textContent = t.reason;
  const needReason = () => {
    const r = reasonInput.value.trim();
    if (!r) {
      $('alert').textContent = t.needReason;
      reasonInput.focus();
      throw Object.assign(new Error(t.needReason), { handled: true });
    }
    return r;
  };
  const act = (action) => async () => {
    let body = {};
    if (action === 'reject' || action === 'hide') {
      try {
        body = { reason: needReason() };
      } catch {
        return;
      }
    }
    const updated = await api('POST', `comments/${encodeURIComponent(c.id)}/${action}`, body);
    say(t.done[action]);
    node.replaceWith(renderItem(updated));
    void loadLog();
  };
  const buttons = node.querySelector('.buttons');
  if (item.state !== 'accepted' || item.flags.count > 0) buttons.append(button(item.state === 'pending' || item.state === 'accepted' ? t.approve : t.restore, act(item.state === 'pending' || item.state === 'accepted' ? 'approve' : 'restore')));
  if (item.state !== 'rejected') buttons.append(button(t.reject, act('reject'), 'danger'));
  if (item.state === 'accepted' || item.state === 'pending') buttons.append(button(t.hide, act('hide'), 'secondary'));
  for (const identity of item.identities) {
    const label = identity.startsWith('device:') ? t.banDevice : t.banNetwork;
    buttons.append(button(label, async () => {
      let r;
      try {
        r = needReason();
      } catch {
        return;
      }
      await api('POST', 'bans', { identity, reason: r });
      say(t.done.ban);
      void loadBans();
      void loadLog();
    }, 'danger'));
  }
  return node;
}

async function loadQueue(more = false) {
  const state = $('state').value;
  const thread = $('thread').value.trim();
  const q = new URLSearchParams({ state, limit: '20' });
  if (thread) q.set('thread', thread);
  if (more && cursor) q.set('cursor', cursor);
  const page = await api('GET', `moderation?${q}`);
  const list = $('items');
  if (!more) list.replaceChildren();
  for (const item of page.items) list.append(renderItem(item));
  cursor = page.nextCursor;
  $('more').hidden = !cursor;
  $('empty').hidden = list.children.length > 0;
  say(t.loaded(list.children.length));
}

/* ------------------------------------------------------------------ rules, bans, log */

async function loadRules() {
  const rules = await api('GET', 'moderation/rules');
  $('rules').value = rules.words.map((w) => `${w.pattern} ${w.action}`).join('\n');
}

function parseRules(text) {
  const words = [];
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (!line) continue;
    const m = /^(.+?)\s+(hold|reject)$/i.exec(line);
    if (!m) throw new Error(t.badRule(line));
    words.push({ pattern: m[1].trim(), action: m[2].toLowerCase() });
  }
  return { words };
}

async function loadBans() {
  const { bans } = await api('GET', 'bans');
  const list = $('bans');
  list.replaceChildren();
  if (!bans.length) list.append(el('li', t.noBans));
  for (const b of bans) {
    const li = el('li');
    li.append(el('code', b.identity.slice(0, b.identity.indexOf(':') + 13) + '…'), ' ');
    li.append(el('span', `${b.reason} · ${b.until ? t.until(fmt(b.until)) : t.forGood} `));
    li.append(button(t.unban, async () => {
      await api('DELETE', `bans?identity=${encodeURIComponent(b.identity)}`);
      say(t.done.unban);
      void loadBans();
      void loadLog();
    }, 'secondary'));
    list.append(li);
  }
}

async function loadLog() {
  const { items } = await api('GET', 'moderation/log?limit=30');
  const list = $('log');
  list.replaceChildren();
  if (!items.length) list.append(el('li', t.noLog));
  for (const e of items) {
    const parts = [fmt(e.at), e.who, e.action, e.threadId, e.commentId ? e.commentId.slice(0, 8) : null, e.identity ? `${e.identity.slice(0, e.identity.indexOf(':') + 13)}…` : null, e.reason];
    list.append(el('li', parts.filter(Boolean).join(' · ')));
  }
}

/* ------------------------------------------------------------------ start */

function showLogin(message) {
  $('app').hidden = true;
  $('login').hidden = false;
  if (message) $('alert').textContent = message;
  $('token').focus();
}

async function showApp() {
  $('login').hidden = true;
  $('app').hidden = false;
  try {
    await loadQueue();
    await Promise.all([loadRules(), loadBans(), loadLog()]);
  } catch (err) {
    fail(err);
  }
}

function translate() {
  document.documentElement.lang = lang;
  document.title = t.title;
  for (const node of document.querySelectorAll('[data-t]')) {
    const text = t[node.dataset.t];
    if (typeof text === 'string') node.textContent = text;
  }
}

translate();
$('login').addEventListener('submit', (e) => {
  e.preventDefault();
  sessionStorage.setItem(KEY, $('token').value.trim());
  $('token').value = '';
  $('alert').textContent = '';
  void showApp();
});
$('signout').addEventListener('click', () => {
  sessionStorage.removeItem(KEY);
  $('items').replaceChildren();
  say('');
  showLogin();
});
$('filters').addEventListener('submit', (e) => {
  e.preventDefault();
  loadQueue().catch(fail);
});
$('state').addEventListener('change', () => loadQueue().catch(fail));
$('more').addEventListener('click', () => loadQueue(true).catch(fail));
$('rules-form').addEventListener('submit', async (e) => {
  e.preventDefault();
  try {
    await api('PUT', 'moderation/rules', parseRules($('rules').value));
    say(t.done.rules);
    void loadLog();
  } catch (err) {
    if (err instanceof HttpError) fail(err);
    else $('alert').textContent = err.message;
  }
});

if (sessionStorage.getItem(KEY)) void showApp();
else showLogin();
