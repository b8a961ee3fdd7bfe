// timbot IM console: a small chat client for the local emulator. Plain JS, no build step, nothing
// loaded from outside the emulator. All user-supplied text goes through textContent, never
// innerHTML, so messages cannot inject markup.
'use strict';

(() => {
  const $ = (id) => document.getElementById(id);

  // --- constants -------------------------------------------------------------------------------

  const RECALL_LIMIT_S = 120;          // the service lets a user recall for two minutes
  // Legacy v3 clients give up ringing after 60 s; ?callTimeout=<seconds> shortens it for tests.
  const CALL_TIMEOUT_MS = (Number(new URL(location.href).searchParams.get('callTimeout')) || 60) * 1000;
  const PING_MS = 30_000;              // the server drops sockets idle for two minutes
  const HISTORY_MAX = 100;

  // Legacy TRTCCalling v3 actions (reference/call-signaling.md §1.3).
  const CALL = { ERROR: -2, INVITE: 0, CANCEL: 1, REJECT: 2, NO_ANSWER: 3, ACCEPT: 4, HANGUP: 5, BUSY: 6 };

  // A small face palette; glyphs every Linux font stack has, so nothing needs a web font.
  const FACES = [
    ['smile', '\u263A'], ['sad', '\u2639'], ['heart', '\u2665'], ['love', '\u2764'],
    ['star', '\u2605'], ['sun', '\u2600'], ['umbrella', '\u2602'], ['coffee', '\u2615'],
    ['music', '\u266A'], ['victory', '\u270C'], ['ok', '\u2714'], ['no', '\u2718'],
    ['phone', '\u260E'], ['zap', '\u26A1'], ['snow', '\u2744'], ['flower', '\u273F'],
  ];

  // --- state -----------------------------------------------------------------------------------

  const state = {
    wantUser: null,        // who to (re)log in as
    user: null,            // logged in as
    lastUser: null,        // logged in as before the socket dropped
    userSig: null,
    clockOffset: 0,        // server seconds minus local seconds
    ws: null,
    reconnectDelay: 500,
    nextId: 1,
    arrival: 0,            // order in which this page learnt of messages
    pending: new Map(),    // request id -> {resolve, reject}
    conversations: [],
    open: null,            // open conversation ID
    messages: new Map(),   // conversation ID -> Map(key -> message)
    nodes: new Map(),      // key -> DOM node of the open conversation
    ratedSessions: new Set(),
    call: null,            // see startCall / onIncomingCall
    convTimer: null,
    readTimer: null,
    loggedOut: false,
  };

  const serverNow = () => Date.now() / 1000 + state.clockOffset;

  // --- DOM helpers -----------------------------------------------------------------------------

  /** Creates an element; string children become text nodes (never parsed as HTML). */
  function el(tag, attrs, ...children) {
    const e = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (v === null || v === undefined || v === false) continue;
      if (k === 'class') e.className = v;
      else if (k === 'text') e.textContent = v;
      else if (k.startsWith('on')) e.addEventListener(k.slice(2), v);
      else e.setAttribute(k, v === true ? '' : String(v));
    }
    for (const c of children) {
      if (c === null || c === undefined || c === false) continue;
      e.append(c instanceof Node ? c : document.createTextNode(String(c)));
    }
    return e;
  }

  /** Only http(s) and same-origin URLs become links or images (no javascript: URLs). */
  function safeUrl(u) {
    if (typeof u !== 'string') return null;
    if (/^https?:\/\//i.test(u) || (u.startsWith('/') && !u.startsWith('//'))) return u;
    return null;
  }

  let toastTimer = null;
  function toast(text, kind) {
    const t = $('toast');
    t.textContent = text;
    t.dataset.kind = kind || 'error';
    t.hidden = false;
    clearTimeout(toastTimer);
    toastTimer = setTimeout(() => { t.hidden = true; }, 5000);
  }

  function fmtTime(sec) {
    const d = new Date(sec * 1000);
    const two = (n) => String(n).padStart(2, '0');
    const today = new Date();
    const hm = two(d.getHours()) + ':' + two(d.getMinutes());
    return d.toDateString() === today.toDateString() ? hm : (d.getMonth() + 1) + '/' + d.getDate() + ' ' + hm;
  }

  function fmtSize(n) {
    if (!(n >= 0)) return '';
    if (n < 1024) return n + ' B';
    if (n < 1024 * 1024) return (n / 1024).toFixed(1) + ' KB';
    return (n / 1024 / 1024).toFixed(1) + ' MB';
  }

  function parseJson(s) {
    if (typeof s !== 'string') return null;
    try { return JSON.parse(s); } catch (e) { return null; }
  }

  const peerOf = (cid) => cid.startsWith('C2C') ? cid.slice(3) : cid.slice(5);
  const isGroup = (cid) => cid.startsWith('GROUP');

  // --- connection ------------------------------------------------------------------------------

  function setConn(s) {
    const c = $('conn');
    c.textContent = s;
    c.dataset.state = s;
  }

  function connect() {
    if (state.ws && state.ws.readyState <= 1) return;
    const ws = new WebSocket((location.protocol === 'https:' ? 'wss://' : 'ws://') + location.host + '/console/ws');
    state.ws = ws;
    setConn('connecting');
    ws.onopen = () => {
      state.reconnectDelay = 500;
      // A reconnect logs the same user in again and reopens the chat that was open.
      if (state.wantUser) login(state.wantUser, state.wantUser === state.lastUser);
    };
    ws.onmessage = (ev) => {
      const m = parseJson(ev.data);
      if (m) onServer(m);
    };
    ws.onclose = () => {
      setConn('offline');
      for (const p of state.pending.values()) p.reject(new Error('connection closed'));
      state.pending.clear();
      if (state.ws === ws) state.ws = null;
      if (state.wantUser && !state.loggedOut) {
        setTimeout(connect, state.reconnectDelay);
        state.reconnectDelay = Math.min(state.reconnectDelay * 2, 5000);
      }
    };
  }

  /** Sends a request; resolves with the reply, rejects with the error op's message. */
  function request(op, fields) {
    return new Promise((resolve, reject) => {
      const ws = state.ws;
      if (!ws || ws.readyState !== 1) {
        reject(new Error('not connected'));
        return;
      }
      const id = state.nextId++;
      state.pending.set(id, { resolve, reject });
      ws.send(JSON.stringify(Object.assign({ op, id }, fields || {})));
    });
  }

  function onServer(m) {
    if (m.id !== undefined && state.pending.has(m.id)) {
      const p = state.pending.get(m.id);
      state.pending.delete(m.id);
      if (m.op === 'error') {
        const err = new Error(m.message || m.reason);
        err.reply = m;
        p.reject(err);
      } else {
        p.resolve(m);
      }
      return;
    }
    switch (m.op) {
      case 'message': onMessage(m.message, true); break;
      case 'recalled': onRecalled(m.message); break;
      case 'peerRead': onPeerRead(m.conversationId, m.readTime); break;
      case 'kicked':
        state.loggedOut = true;
        showLogin('You were logged out by the server (kicked or logged in elsewhere).');
        break;
      case 'error': toast(m.message || m.reason); break;
      default: break;
    }
  }

  setInterval(() => {
    if (state.ws && state.ws.readyState === 1) request('ping').catch(() => {});
  }, PING_MS);

  // --- login -----------------------------------------------------------------------------------

  async function login(user, reconnecting) {
    try {
      const r = await request('login', { user });
      state.user = r.user;
      state.lastUser = r.user;
      state.userSig = r.userSig;
      state.clockOffset = r.now - Date.now() / 1000;
      state.loggedOut = false;
      setConn('online');
      $('me').textContent = r.user;
      $('login').hidden = true;
      $('app').hidden = false;
      const url = new URL(location.href);
      url.searchParams.set('user', r.user);
      history.replaceState(null, '', url);
      await refreshConversations();
      if (reconnecting && state.open) {
        await openConversation(state.open);
      } else if (!reconnecting) {
        const peer = url.searchParams.get('peer');
        if (peer) await openConversation('C2C' + peer);
      }
    } catch (e) {
      // A dropped socket retries by itself; a refused login goes back to the form.
      if (!e.reply) return;
      state.wantUser = null;
      showLogin('Login failed: ' + e.message);
    }
  }

  function showLogin(error) {
    $('app').hidden = true;
    $('login').hidden = false;
    $('login-error').textContent = error || '';
    $('call-banner').hidden = true;
    state.user = null;
    state.open = null;
    $('app').classList.remove('chat-open');
    state.messages.clear();
    state.nodes.clear();
    if (state.call) clearTimeout(state.call.timer);
    state.call = null;
    renderCall();
  }

  $('login-form').addEventListener('submit', (ev) => {
    ev.preventDefault();
    const user = $('login-user').value.trim();
    if (!user) return;
    $('login-error').textContent = '';
    state.wantUser = user;
    state.loggedOut = false;
    if (state.ws && state.ws.readyState === 1) login(user, false);
    else connect();
  });

  $('logout').addEventListener('click', async () => {
    state.loggedOut = true;
    state.wantUser = null;
    try { await request('logout'); } catch (e) { /* closing anyway */ }
    const url = new URL(location.href);
    url.searchParams.delete('user');
    url.searchParams.delete('peer');
    history.replaceState(null, '', url);
    showLogin('');
  });

  // --- conversations ---------------------------------------------------------------------------

  function scheduleConversations() {
    clearTimeout(state.convTimer);
    state.convTimer = setTimeout(() => refreshConversations().catch(() => {}), 150);
  }

  async function refreshConversations() {
    const r = await request('conversations');
    state.conversations = r.items || [];
    renderConversations();
  }

  function preview(m) {
    if (!m) return '';
    if (m.recalled) return 'message recalled';
    const e = (m.body || [])[0];
    if (!e) return '';
    const c = e.MsgContent || {};
    switch (e.MsgType) {
      case 'TIMTextElem': return c.Text || '';
      case 'TIMFaceElem': return '[face]';
      case 'TIMImageElem': return '[image]';
      case 'TIMFileElem': return '[file] ' + (c.FileName || '');
      case 'TIMSoundElem': return '[voice]';
      case 'TIMVideoFileElem': return '[video]';
      case 'TIMLocationElem': return '[location]';
      case 'TIMCustomElem': {
        const d = parseJson(c.Data);
        if (d && d.version === 3 && Number.isInteger(d.action)) return '[call] ' + callText(d);
        if (d && d.src === '15') return '[menu]';
        if (d && d.src === '9') return '[rating]';
        return c.Desc || '[custom]';
      }
      default: return '[' + e.MsgType + ']';
    }
  }

  function renderConversations() {
    renderTitle();
    const total = state.conversations.reduce((n, c) => n + (c.unread || 0), 0);
    document.title = (total ? '(' + total + ') ' : '') + (state.user ? state.user + ' · ' : '') + 'timbot IM console';
    const ul = $('conversations');
    ul.replaceChildren();
    const items = state.conversations.slice();
    if (state.open && !items.some((c) => c.conversationId === state.open)) {
      items.unshift({ conversationId: state.open, peer: peerOf(state.open), name: peerOf(state.open), unread: 0 });
    }
    if (!items.length) {
      ul.append(el('li', { class: 'none muted' }, 'No conversations yet.'));
    }
    for (const c of items) {
      const active = c.conversationId === state.open;
      // The chat on screen is being read: no badge, even before the server has caught up.
      const unread = active && document.visibilityState === 'visible' ? 0 : (c.unread || 0);
      const li = el('li', {
        class: 'conv' + (active ? ' active' : ''),
        'data-testid': 'conversation-item',
        'data-conversation-id': c.conversationId,
        'data-peer': c.peer,
        'data-unread': unread,
        tabindex: 0,
        onclick: () => openConversation(c.conversationId),
        onkeydown: (ev) => { if (ev.key === 'Enter') openConversation(c.conversationId); },
      },
      el('span', { class: 'avatar' + (isGroup(c.conversationId) ? ' group' : '') }, (c.name || '?').slice(0, 1).toUpperCase()),
      el('span', { class: 'conv-main' },
        el('span', { class: 'conv-top' },
          el('span', { class: 'conv-name', 'data-testid': 'conversation-name' }, c.name || c.peer),
          c.last ? el('time', { class: 'conv-time' }, fmtTime(c.last.time)) : null),
        el('span', { class: 'conv-bottom' },
          el('span', { class: 'conv-preview' }, preview(c.last)),
          unread > 0 ? el('span', { class: 'badge', 'data-testid': 'conversation-unread' }, String(unread)) : null)));
      ul.append(li);
    }
  }

  // Phone width shows one pane: back to the list closes the chat (it stops being read).
  $('chat-back').addEventListener('click', () => {
    state.open = null;
    state.nodes.clear();
    $('chat').hidden = true;
    $('empty').hidden = false;
    $('app').classList.remove('chat-open');
    const url = new URL(location.href);
    url.searchParams.delete('peer');
    history.replaceState(null, '', url);
    renderCall();
    renderConversations();
  });

  $('new-chat').addEventListener('submit', (ev) => {
    ev.preventDefault();
    const v = $('new-chat-input').value.trim();
    if (!v) return;
    $('new-chat-input').value = '';
    openConversation(v.startsWith('GROUP') || v.startsWith('C2C') ? v : 'C2C' + v);
  });

  /** The open chat's header: the peer's nick as the list shows it, the user ID beside it. */
  function renderTitle() {
    const cid = state.open;
    if (!cid) return;
    const c = state.conversations.find((x) => x.conversationId === cid);
    const id = peerOf(cid);
    const name = c && c.name ? c.name : id;
    const title = $('chat-title');
    title.textContent = isGroup(cid) ? 'Group ' + name : name;
    title.dataset.peer = id;
    $('chat-peer-id').textContent = name !== id ? id : '';
  }

  async function openConversation(cid) {
    state.open = cid;
    state.nodes.clear();
    $('empty').hidden = true;
    $('chat').hidden = false;
    $('app').classList.add('chat-open');
    renderTitle();
    $('chat').dataset.conversationId = cid;
    $('messages').replaceChildren();
    renderCall();
    renderConversations();
    const url = new URL(location.href);
    if (!isGroup(cid)) {
      url.searchParams.set('peer', peerOf(cid));
      history.replaceState(null, '', url);
    }
    try {
      const r = await request('history', { conversationId: cid, max: HISTORY_MAX });
      if (state.open !== cid) return;
      const map = new Map();
      for (const m of r.messages || []) {
        m._n = ++state.arrival;
        map.set(m.key, m);
      }
      // Keep live messages that raced the history answer.
      for (const [k, m] of state.messages.get(cid) || []) {
        if (!map.has(k)) {
          m._n = ++state.arrival;
          map.set(k, m);
        }
      }
      state.messages.set(cid, map);
      renderMessages();
      markRead();
    } catch (e) {
      toast('Could not load the conversation: ' + e.message);
    }
    $('message-input').focus();
  }

  /** Reports the open conversation read (the peer then sees "read"), if the page is visible. */
  function markRead() {
    clearTimeout(state.readTimer);
    state.readTimer = setTimeout(() => {
      if (!state.open || document.visibilityState !== 'visible') return;
      request('read', { conversationId: state.open }).then(scheduleConversations).catch(() => {});
    }, 100);
  }

  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'visible') markRead();
  });

  // --- messages --------------------------------------------------------------------------------

  /** Stores a message; returns false when nothing visible changed (no re-render needed). */
  function upsert(m) {
    let map = state.messages.get(m.conversationId);
    if (!map) {
      map = new Map();
      state.messages.set(m.conversationId, map);
    }
    const old = map.get(m.key);
    if (old) {
      m._n = old._n;
      // A live echo must not undo a read mark the page already applied.
      if (old.peerRead && !m.recalled) m.peerRead = true;
    } else {
      m._n = ++state.arrival;
    }
    map.set(m.key, m);
    return !old || JSON.stringify(old) !== JSON.stringify(m);
  }

  /** Moves the message's conversation to the top at once; the server's list follows shortly. */
  function touchConversation(m) {
    const i = state.conversations.findIndex((c) => c.conversationId === m.conversationId);
    if (i < 0) return;
    const c = state.conversations[i];
    if (c.last && c.last.key !== m.key && order(m, c.last) < 0) return;
    const isNew = !c.last || c.last.key !== m.key;
    c.last = m;
    if (isNew && m.from !== state.user && m.conversationId !== state.open) c.unread = (c.unread || 0) + 1;
    state.conversations.splice(i, 1);
    state.conversations.unshift(c);
    renderConversations();
  }

  function onMessage(m, live) {
    const changed = upsert(m);
    touchConversation(m);
    if (m.conversationId === state.open) {
      if (changed) renderMessage(m);
      if (m.from !== state.user) markRead();
    }
    if (live && m.from !== state.user) onCallSignal(m);
    scheduleConversations();
  }

  function onRecalled(m) {
    upsert(m);
    if (m.conversationId === state.open) renderMessage(m);
    scheduleConversations();
  }

  function onPeerRead(cid, readTime) {
    const map = state.messages.get(cid);
    if (!map) return;
    for (const m of map.values()) {
      if (m.from === state.user && m.time <= readTime && !m.peerRead) {
        m.peerRead = true;
        if (cid === state.open) renderMessage(m);
      }
    }
  }

  function renderMessages() {
    const box = $('messages');
    box.replaceChildren();
    state.nodes.clear();
    const map = state.messages.get(state.open) || new Map();
    const list = [...map.values()].sort(order);
    if (!list.length) box.append(el('div', { class: 'none muted', 'data-testid': 'no-messages' }, 'No messages yet. Say hello!'));
    for (const m of list) renderMessage(m, true);
    box.scrollTop = box.scrollHeight;
  }

  /** Server time, then the order this page learnt of them (history order, then arrival). */
  function order(a, b) {
    return a.time - b.time || a._n - b._n;
  }

  /** Inserts or replaces one message's node in the open conversation. */
  function renderMessage(m, bulk) {
    const box = $('messages');
    const nearBottom = box.scrollHeight - box.scrollTop - box.clientHeight < 80;
    const placeholder = box.querySelector('[data-testid="no-messages"]');
    if (placeholder) placeholder.remove();
    const node = messageNode(m);
    const old = state.nodes.get(m.key);
    state.nodes.set(m.key, node);
    if (old) {
      old.replaceWith(node);
    } else {
      // Usually the newest; otherwise insert before the first later message.
      let before = null;
      if (!bulk) {
        for (const n of box.children) {
          const k = n.dataset.key;
          const other = k && (state.messages.get(state.open) || new Map()).get(k);
          if (other && order(m, other) < 0) { before = n; break; }
        }
      }
      box.insertBefore(node, before);
      if (!bulk && (nearBottom || m.from === state.user)) box.scrollTop = box.scrollHeight;
    }
  }

  function messageNode(m) {
    const own = m.from === state.user;
    const content = m.recalled ? null : renderBody(m, own);
    const kind = m.recalled ? 'recalled' : content.kind;
    const node = el('div', {
      class: 'msg' + (own ? ' own' : '') + (kind === 'call' ? ' system' : ''),
      'data-testid': 'message',
      'data-key': m.key,
      'data-from': m.from,
      'data-own': own ? 'true' : 'false',
      'data-kind': kind,
      'data-recalled': m.recalled ? 'true' : 'false',
    });
    node.append(el('div', { class: 'meta' },
      el('span', { class: 'from', 'data-testid': 'msg-from' }, own ? 'You' : m.from), ' ',
      el('time', { title: new Date(m.time * 1000).toLocaleString() }, fmtTime(m.time))));
    if (m.recalled) {
      node.append(el('div', { class: 'recalled', 'data-testid': 'msg-recalled' },
        (own ? 'You' : m.from) + ': message recalled'));
      return node;
    }
    node.append(content.node);
    // Call signals are protocol traffic: no read marks or recall for them.
    if (own && kind !== 'call') {
      const foot = el('div', { class: 'foot' });
      if (!isGroup(m.conversationId)) {
        foot.append(el('span', {
          class: 'status' + (m.peerRead ? ' read' : ''),
          'data-testid': 'msg-status',
          'data-read': m.peerRead ? 'true' : 'false',
        }, m.peerRead ? 'read' : 'sent'));
      }
      if (serverNow() - m.time < RECALL_LIMIT_S) {
        foot.append(el('button', {
          type: 'button', class: 'link recall', 'data-testid': 'msg-recall',
          onclick: () => recall(m),
        }, 'Recall'));
      }
      node.append(foot);
    }
    return node;
  }

  // Recall buttons disappear once the two minutes are over.
  setInterval(() => {
    for (const b of document.querySelectorAll('[data-testid="msg-recall"]')) {
      const key = b.closest('[data-key]').dataset.key;
      const m = (state.messages.get(state.open) || new Map()).get(key);
      if (!m || serverNow() - m.time >= RECALL_LIMIT_S) b.remove();
    }
  }, 5000);

  async function recall(m) {
    try {
      const f = { conversationId: m.conversationId };
      if (isGroup(m.conversationId)) f.msgSeq = m.msgSeq; else f.msgKey = m.msgKey;
      await request('recall', f);
    } catch (e) {
      toast('Recall failed: ' + e.message);
    }
  }

  /** Renders a message body: {node, kind}. */
  function renderBody(m, own) {
    const wrap = el('div', { class: 'bubble' });
    let kind = 'text';
    const body = m.body || [];
    body.forEach((e, i) => {
      const r = renderElem(e, m, own);
      if (i === 0) kind = r.kind;
      wrap.append(r.node);
    });
    if (['card', 'rating', 'call', 'rated'].includes(kind)) wrap.className = 'bubble plain';
    return { node: wrap, kind };
  }

  function renderElem(e, m, own) {
    const c = e.MsgContent || {};
    switch (e.MsgType) {
      case 'TIMTextElem':
        return { kind: 'text', node: el('span', { class: 'text', 'data-testid': 'msg-text' }, c.Text || '') };
      case 'TIMFaceElem': {
        const byName = FACES.find(([n]) => '[' + n + ']' === c.Data);
        const glyph = byName ? byName[1] : (c.Data == null && FACES[c.Index] ? FACES[c.Index][1] : null);
        return { kind: 'face', node: el('span', {
          class: 'face', 'data-testid': 'msg-face', 'data-index': c.Index, title: c.Data || 'face ' + c.Index,
        }, glyph || (c.Data || '[face ' + c.Index + ']')) };
      }
      case 'TIMImageElem': return { kind: 'image', node: imageNode(c) };
      case 'TIMFileElem': {
        const url = safeUrl(c.Url);
        const label = (c.FileName || 'file') + (c.FileSize ? ' (' + fmtSize(c.FileSize) + ')' : '');
        const node = url
          ? el('a', { class: 'file', 'data-testid': 'msg-file', href: url, download: c.FileName || '', target: '_blank', rel: 'noopener' },
            el('span', { class: 'file-icon' }, 'FILE'), label)
          : el('span', { class: 'file', 'data-testid': 'msg-file' }, label);
        return { kind: 'file', node };
      }
      case 'TIMSoundElem': {
        const url = safeUrl(c.Url);
        const label = '[voice ' + (c.Second || 0) + ' s]';
        return { kind: 'sound', node: url ? el('a', { href: url, target: '_blank', rel: 'noopener', 'data-testid': 'msg-sound' }, label) : el('span', {}, label) };
      }
      case 'TIMVideoFileElem': {
        const url = safeUrl(c.VideoUrl);
        return { kind: 'video', node: url ? el('a', { href: url, target: '_blank', rel: 'noopener', 'data-testid': 'msg-video' }, '[video]') : el('span', {}, '[video]') };
      }
      case 'TIMLocationElem':
        return { kind: 'location', node: el('span', { 'data-testid': 'msg-location' },
          '[location] ' + (c.Desc || '') + ' (' + c.Latitude + ', ' + c.Longitude + ')') };
      case 'TIMCustomElem': return customNode(c, m, own);
      default:
        return { kind: 'unknown', node: jsonPreview('[' + e.MsgType + ']', c) };
    }
  }

  function imageNode(c) {
    const infos = c.ImageInfoArray || [];
    const pick = (t) => infos.find((i) => i.Type === t);
    const shown = pick(3) || pick(2) || pick(1) || infos[0];
    const full = pick(1) || pick(2) || shown;
    const src = shown && safeUrl(shown.URL);
    if (!src) return el('span', { 'data-testid': 'msg-image-missing' }, '[image]');
    const w = shown.Width || 0;
    const h = shown.Height || 0;
    const img = el('img', {
      class: 'image', 'data-testid': 'msg-image', src, alt: 'image', loading: 'lazy',
      width: w && h ? Math.min(w, 240) : null,
      height: w && h ? Math.round(Math.min(w, 240) * h / w) : null,
    });
    return el('a', { href: safeUrl(full.URL) || src, target: '_blank', rel: 'noopener', class: 'image-link' }, img);
  }

  function jsonPreview(label, value) {
    let s = typeof value === 'string' ? value : JSON.stringify(value);
    if (s.length > 400) s = s.slice(0, 400) + '…';
    return el('div', { class: 'custom', 'data-testid': 'msg-custom' },
      label ? el('span', { class: 'custom-label' }, label) : null,
      el('code', {}, s));
  }

  function customNode(c, m, own) {
    const d = parseJson(c.Data);
    if (d && typeof d === 'object' && d.version === 3 && Number.isInteger(d.action)) {
      return { kind: 'call', node: el('div', { class: 'call-note', 'data-testid': 'msg-call', 'data-action': d.action },
        '\u260E ' + callText(d)) };
    }
    if (d && typeof d === 'object' && typeof d.src === 'string') {
      if (d.src === '15') return { kind: 'card', node: branchCard(d, m, own) };
      if (d.src === '9') return { kind: 'rating', node: ratingCard(d, m, own) };
      if (d.src === '10') {
        const sel = d.menuSelected || {};
        if (sel.sessionId && own) state.ratedSessions.add(sel.sessionId);
        return { kind: 'rated', node: el('div', { class: 'call-note', 'data-testid': 'msg-rated' },
          'Rated: ' + (sel.content || sel.id || '')) };
      }
    }
    return { kind: 'custom', node: jsonPreview(c.Desc ? c.Desc : 'custom', d === null ? (c.Data || '') : d) };
  }

  // --- customer-service cards ------------------------------------------------------------------

  /** src 15: a branch menu; clicking an item sends its text, as the Tencent plugin does. */
  function branchCard(d, m, own) {
    let content = d.content;
    if (typeof content === 'string') content = parseJson(content) || { header: content };
    content = content || {};
    const head = content.header || content.head || content.title || '';
    const items = content.items || content.menu || content.list || [];
    const card = el('div', { class: 'card', 'data-testid': 'cs-card', 'data-src': '15' });
    if (head) card.append(el('div', { class: 'card-head' }, String(head)));
    const ul = el('div', { class: 'card-items' });
    items.forEach((it, i) => {
      const text = typeof it === 'string' ? it : String(it.content ?? it.text ?? it.title ?? '');
      ul.append(el('button', {
        type: 'button', class: 'card-item', 'data-testid': 'card-item', 'data-index': i, disabled: own,
        onclick: () => sendText(m.conversationId, text),
      }, text));
    });
    card.append(ul);
    if (content.tail) card.append(el('div', { class: 'card-tail muted' }, String(content.tail)));
    return card;
  }

  /** src 9: a satisfaction menu; clicking answers with src 10 {menuSelected {id, content, sessionId}}. */
  function ratingCard(d, m, own) {
    let mc = d.menuContent;
    if (typeof mc === 'string') mc = parseJson(mc);
    mc = mc || {};
    let menu = Array.isArray(mc.menu) && mc.menu.length ? mc.menu : null;
    if (!menu) menu = [1, 2, 3, 4, 5].map((n) => ({ id: String(n), content: String(n) }));
    const sessionId = mc.sessionId || d.sessionId || '';
    let expire = Number(mc.expireTime) || 0;
    if (expire > 1e12) expire = expire / 1000;
    const expired = expire > 0 && serverNow() > expire;
    const done = state.ratedSessions.has(sessionId) || (mc.selected && Object.keys(mc.selected).length > 0);
    const card = el('div', { class: 'card rating', 'data-testid': 'rating-card', 'data-session-id': sessionId });
    card.append(el('div', { class: 'card-head' }, String(mc.head || 'Please rate this conversation')));
    const row = el('div', { class: 'rating-row' });
    const star = Number(mc.type) === 1;
    menu.forEach((item, i) => {
      const label = star ? '\u2605'.repeat(i + 1) : String(item.content ?? item.id);
      row.append(el('button', {
        type: 'button', class: 'rating-button', 'data-testid': 'rating-button',
        'data-id': item.id, 'data-value': item.content, title: String(item.content ?? ''),
        disabled: own || expired || done,
        onclick: () => rate(m, card, { id: item.id, content: item.content, sessionId }),
      }, label));
    });
    card.append(row);
    if (mc.tail) card.append(el('div', { class: 'card-tail muted' }, String(mc.tail)));
    if (expired) card.append(el('div', { class: 'muted small', 'data-testid': 'rating-expired' }, 'This rating has expired.'));
    if (done && !own) card.append(el('div', { class: 'muted small', 'data-testid': 'rating-done' }, 'Thanks for your rating.'));
    return card;
  }

  async function rate(m, card, selected) {
    const data = { customerServicePlugin: 0, src: '10', menuSelected: selected };
    try {
      await sendBody(m.conversationId, [customElem(data, '[rating] ' + selected.content)]);
      state.ratedSessions.add(selected.sessionId);
      for (const b of card.querySelectorAll('button')) b.disabled = true;
      if (!card.querySelector('[data-testid="rating-done"]')) {
        card.append(el('div', { class: 'muted small', 'data-testid': 'rating-done' }, 'Thanks for your rating.'));
      }
    } catch (e) {
      toast('Rating failed: ' + e.message);
    }
  }

  // --- sending ---------------------------------------------------------------------------------

  const textElem = (text) => ({ MsgType: 'TIMTextElem', MsgContent: { Text: text } });
  const customElem = (data, desc) => ({
    MsgType: 'TIMCustomElem', MsgContent: { Data: JSON.stringify(data), Desc: desc || '', Ext: '' },
  });

  async function sendBody(cid, body) {
    const r = await request('send', { conversationId: cid, body });
    onMessage(r.message, false);
    return r.message;
  }

  async function sendText(cid, text) {
    try {
      await sendBody(cid, [textElem(text)]);
    } catch (e) {
      toast('Send failed: ' + e.message);
    }
  }

  $('composer').addEventListener('submit', (ev) => {
    ev.preventDefault();
    const input = $('message-input');
    const text = input.value;
    if (!text.trim() || !state.open) return;
    input.value = '';
    sendBody(state.open, [textElem(text)]).catch((e) => {
      toast('Send failed: ' + e.message);
      if (!input.value) input.value = text;
    });
  });

  $('message-input').addEventListener('keydown', (ev) => {
    if (ev.key === 'Enter' && !ev.shiftKey && !ev.isComposing) {
      ev.preventDefault();
      $('composer').requestSubmit();
    }
  });

  // Faces
  const palette = $('face-palette');
  FACES.forEach(([name, glyph], index) => {
    palette.append(el('button', {
      type: 'button', class: 'face-option', 'data-testid': 'face-option', 'data-index': index,
      'data-name': name, title: name,
      onclick: () => {
        palette.hidden = true;
        if (state.open) {
          sendBody(state.open, [{ MsgType: 'TIMFaceElem', MsgContent: { Index: index, Data: '[' + name + ']' } }])
            .catch((e) => toast('Send failed: ' + e.message));
        }
      },
    }, glyph));
  });
  $('face-button').addEventListener('click', () => { palette.hidden = !palette.hidden; });

  // Images and files: upload to the emulator, then send the element it returns.
  async function uploadFiles(files) {
    const cid = state.open;
    for (const f of files) {
      if (!cid) break;
      try {
        toast('Uploading ' + (f.name || 'file') + '…', 'info');
        const res = await fetch('/console/upload', {
          method: 'POST',
          headers: {
            'Content-Type': f.type || 'application/octet-stream',
            'X-File-Name': encodeURIComponent(f.name || 'pasted'),
            'X-Tim-User': state.user,
            'X-Tim-UserSig': state.userSig,
          },
          body: f,
        });
        const j = await res.json();
        if (!res.ok) throw new Error(j.error || res.statusText);
        await sendBody(cid, [j.elem]);
        $('toast').hidden = true;
      } catch (e) {
        toast('Upload of ' + (f.name || 'file') + ' failed: ' + e.message);
      }
    }
  }

  $('file-input').addEventListener('change', (ev) => {
    const files = [...ev.target.files];
    ev.target.value = '';
    uploadFiles(files);
  });

  // Pasted images and files dropped on the chat are sent the same way.
  $('message-input').addEventListener('paste', (ev) => {
    const files = [...(ev.clipboardData ? ev.clipboardData.files : [])];
    if (files.length) {
      ev.preventDefault();
      uploadFiles(files);
    }
  });
  $('chat').addEventListener('dragover', (ev) => { ev.preventDefault(); });
  $('chat').addEventListener('drop', (ev) => {
    ev.preventDefault();
    const files = [...(ev.dataTransfer ? ev.dataTransfer.files : [])];
    if (files.length) uploadFiles(files);
  });

  document.addEventListener('keydown', (ev) => {
    if (ev.key === 'Escape') palette.hidden = true;
  });

  // --- calls (legacy TRTCCalling v3 custom messages) -------------------------------------------

  function callText(d) {
    switch (d.action) {
      case CALL.INVITE: return (d.call_type === 1 ? 'Audio' : d.call_type === 2 ? 'Video' : '') + ' call invitation';
      case CALL.CANCEL: return 'Call cancelled';
      case CALL.REJECT: return 'Call rejected';
      case CALL.NO_ANSWER: return 'No answer';
      case CALL.ACCEPT: return 'Call accepted';
      case CALL.HANGUP: return 'Call ended, ' + (d.duration || 0) + ' s';
      case CALL.BUSY: return 'Line busy';
      case CALL.ERROR: return 'Call failed';
      default: return 'Call signal ' + d.action;
    }
  }

  const callActive = () => state.call && ['calling', 'ringing', 'connected'].includes(state.call.status);

  /** Sends {@code template} back to the call's peer with a new action, as v3 clients reply. */
  function sendCall(call, action, extra) {
    const data = Object.assign({}, call.raw, { action }, extra || {});
    if (action !== CALL.ERROR) delete data.code;
    return sendBody('C2C' + call.peer, [customElem(data, '')])
      .catch((e) => toast('Call signal failed: ' + e.message));
  }

  function setCall(status, label) {
    const call = state.call;
    if (!call) return;
    call.status = status;
    call.label = label || status;
    if (!['calling', 'ringing'].includes(status)) clearTimeout(call.timer);
    if (status === 'connected') call.connectedAt = Date.now();
    if (status !== 'ringing') $('call-banner').hidden = true;
    renderCall();
  }

  function startCall(media) {
    if (!state.open || isGroup(state.open)) return;
    if (callActive()) {
      toast('Finish the current call first.');
      return;
    }
    // Web clients pick 1..2^32-1 (reference/call-signaling.md §1.2).
    const roomId = 1 + Math.floor(Math.random() * 4294967294);
    const invite = {
      call_id: '', version: 3, room_id: roomId, action: CALL.INVITE, duration: 0, invited_list: [],
      // Not part of v3 (which has no media type); v3 parsers ignore unknown keys, and it lets
      // the callee show "audio" or "video".
      call_type: media === 'audio' ? 1 : 2,
    };
    const call = { peer: peerOf(state.open), raw: invite, media, direction: 'out', status: 'calling', label: 'calling…' };
    state.call = call;
    call.timer = setTimeout(() => {
      if (state.call === call && call.status === 'calling') {
        sendCall(call, CALL.NO_ANSWER);
        setCall('no-answer', 'no answer');
      }
    }, CALL_TIMEOUT_MS);
    renderCall();
    sendBody(state.open, [customElem(invite, '')]).catch((e) => {
      toast('Call failed: ' + e.message);
      if (state.call === call) setCall('error', 'failed');
    });
  }

  /** Reacts to a live v3 call message from someone else. */
  function onCallSignal(m) {
    if (m.type !== 'C2C') return;
    const e = (m.body || [])[0];
    if (!e || e.MsgType !== 'TIMCustomElem') return;
    const d = parseJson((e.MsgContent || {}).Data);
    if (!d || typeof d !== 'object' || d.version !== 3 || !Number.isInteger(d.action)) return;
    const from = m.from;
    if (d.action === CALL.INVITE) {
      if (callActive()) {
        // Already in a call: answer busy with the invite echoed, as every v3 client does.
        sendCall({ peer: from, raw: d }, CALL.BUSY);
        return;
      }
      const media = d.call_type === 1 ? 'audio' : 'video';
      const call = { peer: from, raw: d, media, direction: 'in', status: 'ringing', label: 'ringing' };
      if (typeof d.caller === 'string' && d.caller) call.caller = d.caller;
      state.call = call;
      // The caller gives up after 60 s and should say so; stop ringing anyway if it never does.
      call.timer = setTimeout(() => {
        if (state.call === call && call.status === 'ringing') setCall('no-answer', 'no answer');
      }, CALL_TIMEOUT_MS + 5000);
      // A relayed call comes from the bot's account; its invite names the real caller.
      const caller = call.caller ? call.caller + ' (via ' + from + ')' : from;
      $('call-banner-text').textContent = caller + ' is calling you (' + media + ')';
      $('call-banner').hidden = false;
      renderCall();
      return;
    }
    const call = state.call;
    if (!call || call.peer !== from || !callActive()) return;
    switch (d.action) {
      case CALL.CANCEL: setCall('cancelled', 'cancelled'); break;
      case CALL.REJECT: if (call.status === 'calling') setCall('rejected', 'rejected'); break;
      case CALL.NO_ANSWER: setCall('no-answer', 'no answer'); break;
      case CALL.ACCEPT: if (call.status === 'calling') setCall('connected', 'connected'); break;
      case CALL.HANGUP: setCall('ended', 'ended (' + (Number(d.duration) || 0) + ' s)'); break;
      case CALL.BUSY: if (call.status === 'calling') setCall('busy', 'busy'); break;
      case CALL.ERROR: setCall('error', 'failed'); break;
      default: break;
    }
  }

  function renderCall() {
    const call = state.call;
    const bar = $('call-bar');
    const stateEl = $('call-state');
    if (!call) {
      bar.hidden = true;
      stateEl.textContent = '';
      stateEl.dataset.state = 'idle';
    } else {
      bar.hidden = false;
      bar.dataset.state = call.status;
      $('call-peer').textContent = call.caller ? call.caller + ' (via ' + call.peer + ')' : call.peer;
      $('call-media').textContent = '(' + call.media + ', ' + (call.direction === 'out' ? 'outgoing' : 'incoming') + ')';
      stateEl.textContent = call.label;
      stateEl.dataset.state = call.status;
      $('call-cancel').hidden = !(call.status === 'calling');
      $('call-hangup').hidden = call.status !== 'connected';
      $('call-dismiss').hidden = callActive();
    }
    const canCall = state.open && !isGroup(state.open) && !callActive();
    $('call-audio').disabled = !canCall;
    $('call-video').disabled = !canCall;
    $('call-audio').hidden = state.open && isGroup(state.open);
    $('call-video').hidden = state.open && isGroup(state.open);
    renderTimer();
  }

  function renderTimer() {
    const call = state.call;
    const t = $('call-timer');
    if (call && call.status === 'connected') {
      const s = Math.floor((Date.now() - call.connectedAt) / 1000);
      t.textContent = Math.floor(s / 60) + ':' + String(s % 60).padStart(2, '0');
    } else {
      t.textContent = '';
    }
  }
  setInterval(renderTimer, 1000);

  $('call-audio').addEventListener('click', () => startCall('audio'));
  $('call-video').addEventListener('click', () => startCall('video'));
  $('call-cancel').addEventListener('click', () => {
    const call = state.call;
    if (!call || call.status !== 'calling') return;
    sendCall(call, CALL.CANCEL);
    setCall('cancelled', 'cancelled');
  });
  $('call-hangup').addEventListener('click', () => {
    const call = state.call;
    if (!call || call.status !== 'connected') return;
    const duration = Math.round((Date.now() - call.connectedAt) / 1000);
    sendCall(call, CALL.HANGUP, { duration });
    setCall('ended', 'ended (' + duration + ' s)');
  });
  $('call-accept').addEventListener('click', () => {
    const call = state.call;
    if (!call || call.status !== 'ringing') return;
    sendCall(call, CALL.ACCEPT);
    setCall('connected', 'connected');
    if (state.open !== 'C2C' + call.peer) openConversation('C2C' + call.peer);
  });
  $('call-reject').addEventListener('click', () => {
    const call = state.call;
    if (!call || call.status !== 'ringing') return;
    sendCall(call, CALL.REJECT);
    setCall('rejected', 'rejected');
  });
  $('call-dismiss').addEventListener('click', () => {
    if (!callActive()) {
      state.call = null;
      renderCall();
    }
  });

  // --- start -----------------------------------------------------------------------------------

  fetch('/console/info.json').then((r) => r.json()).then((i) => {
    $('server-info').textContent = 'Local Tencent IM emulator · SDKAppID ' + i.sdkAppId + ' · admin ' + i.admin
      + ' · REST at ' + i.rest;
  }).catch(() => {});

  renderCall();
  const initial = new URL(location.href).searchParams.get('user');
  if (initial) {
    $('login-user').value = initial;
    state.wantUser = initial;
  }
  connect();
})();
