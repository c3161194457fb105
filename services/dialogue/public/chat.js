/*
 * Parley web chat: one WebSocket to the channel (frames documented in src/channels/README.md), a conversation
 * log, option buttons, file upload, reset, and reconnects that resume the session kept in sessionStorage.
 * Bot content only ever becomes DOM text: nothing here parses HTML, and the page's CSP (Trusted Types) forbids it.
 */
import { element } from './dom.js';
import { renderMarkdown } from './markdown.js';
import { fileLink, image, jsonBlock, locationLink, revokeObjectUrls } from './rich-replies.js';

const SESSION_KEY = 'parley.sessionId';
const RECONNECT_MIN_MS = 500;
const RECONNECT_MAX_MS = 10000;
const OUTBOX_LIMIT = 50;
// The API key, when the service requires one, from the page's own address: `#key=…` (never sent to the server
// with the page request, so it stays out of logs) or `?key=…`. Browsers cannot set headers on a WebSocket, so the
// socket carries it as its `key` query parameter.
const API_KEY = new URLSearchParams(location.hash.slice(1)).get('key') || new URLSearchParams(location.search).get('key');

const log = document.getElementById('log');
const statusLine = document.getElementById('status');
const form = document.getElementById('composer');
const textInput = document.getElementById('text');
const fileInput = document.getElementById('file');
const resetButton = document.getElementById('reset');

let socket = null;
let sessionOpen = false; // the current socket has received its session frame
let attempts = 0;
let maxFrameBytes = Infinity;
const outbox = []; // frames sent while disconnected, flushed once the session is open again

// ---- connection ---------------------------------------------------------------------------------------

function connect() {
  const url = new URL(document.body.dataset.wsPath || 'v1/ws', location.href);
  url.protocol = location.protocol === 'https:' ? 'wss:' : 'ws:';
  const id = storedSessionId();
  if (id) url.searchParams.set('session_id', id);
  if (API_KEY) url.searchParams.set('key', API_KEY);
  setStatus('connecting', attempts === 0 ? 'Connecting…' : 'Reconnecting…');
  sessionOpen = false;
  socket = new WebSocket(url);
  socket.addEventListener('message', (event) => receive(event.data));
  socket.addEventListener('close', onClose);
}

function onClose(event) {
  socket = null;
  sessionOpen = false;
  attempts += 1;
  // 1012 is the server's "restarting" hint: come back after the delay its reason suggests (another replica will
  // answer). Otherwise back off, with jitter.
  const base = event.code === 1012 ? restartDelay(event.reason) : Math.min(RECONNECT_MAX_MS, RECONNECT_MIN_MS * 2 ** attempts);
  setStatus('offline', 'Disconnected. Reconnecting…');
  setTimeout(connect, base * (0.5 + Math.random() / 2));
}

/** The `retryAfterMs` of a 1012 close's JSON reason (`{"reconnect":true,"retryAfterMs":500}`), kept in bounds. */
function restartDelay(reason) {
  try {
    const hint = JSON.parse(reason);
    if (hint && typeof hint.retryAfterMs === 'number') return Math.min(RECONNECT_MAX_MS, Math.max(0, hint.retryAfterMs));
  } catch {
    // An older server's plain-text reason: the default delay.
  }
  return RECONNECT_MIN_MS;
}

function send(frame) {
  if (socket && sessionOpen && socket.readyState === WebSocket.OPEN) {
    socket.send(JSON.stringify(frame));
  } else if (outbox.length < OUTBOX_LIMIT) {
    outbox.push(frame);
  } else {
    addNote('error', 'Not connected: the message was not sent.');
  }
}

function receive(data) {
  let frame;
  try {
    frame = JSON.parse(data);
  } catch {
    return;
  }
  const handler = HANDLERS[frame && frame.action];
  if (handler) handler(frame.message);
}

const HANDLERS = {
  session: onSession,
  error: onError,
  bot_reply_str: (text) => addMessage('bot', String(text)),
  bot_reply_markdown: (text) => addMessage('bot', renderMarkdown(String(text))),
  bot_reply_options: (options) => addOptions(parseOptions(options)),
  bot_reply_file: (file) => addMessage('bot', fileLink(file)),
  bot_reply_image: (file) => addMessage('bot', image(file)),
  bot_reply_location: (place) => addMessage('bot', locationLink(place)),
  bot_reply_json: (value) => addMessage('bot', jsonBlock(value)),
  // Sent only when the service runs with PARLEY_DEV_MODE=true: what the bot's code threw during the turn.
  turn_errors: (errors) => {
    for (const error of Array.isArray(errors) ? errors : []) {
      addNote('error dev', `Bot error in state '${String(error.state)}' (${String(error.code)}): ${String(error.message)}`);
    }
  },
};

function onSession(session) {
  sessionOpen = true;
  attempts = 0;
  storeSessionId(session.id);
  if (typeof session.maxFrameBytes === 'number') maxFrameBytes = session.maxFrameBytes;
  setStatus('connected', 'Connected');
  // After a page reload the log is empty: show what the session already said.
  if (log.children.length === 0 && Array.isArray(session.chatHistory)) {
    for (const [text, sender] of session.chatHistory) addMessage(sender === 1 ? 'user' : 'bot', String(text));
  }
  while (outbox.length > 0 && sessionOpen) socket.send(JSON.stringify(outbox.shift()));
}

function onError(error) {
  const code = error && error.code;
  if (code === 'SESSION_NOT_FOUND' && !sessionOpen) {
    addNote('info', 'Your previous conversation has expired; a new one has started.');
    return;
  }
  addNote('error', (error && error.message) || 'Something went wrong.');
  // The session vanished mid-conversation (expired or deleted): start a new one.
  if (code === 'SESSION_NOT_FOUND') {
    storeSessionId(null);
    socket.close(1000, 'session gone');
  }
}

// ---- user actions -------------------------------------------------------------------------------------

function sendText(text) {
  addMessage('user', text);
  send({ action: 'user_message', message: text });
}

form.addEventListener('submit', (event) => {
  event.preventDefault();
  const text = textInput.value;
  if (text.trim() === '') return;
  textInput.value = '';
  sendText(text);
});

fileInput.addEventListener('change', () => {
  const file = fileInput.files && fileInput.files[0];
  fileInput.value = '';
  if (!file) return;
  const reader = new FileReader();
  reader.addEventListener('load', () => sendFile(file, String(reader.result)));
  reader.addEventListener('error', () => addNote('error', `Could not read ${file.name}.`));
  reader.readAsDataURL(file);
});

function sendFile(file, dataUrl) {
  const base64 = dataUrl.slice(dataUrl.indexOf(',') + 1);
  const frame = { action: 'user_file', message: { name: file.name, type: file.type || 'application/octet-stream', base64 } };
  if (new TextEncoder().encode(JSON.stringify(frame)).length > maxFrameBytes) {
    addNote('error', `${file.name} is too large to send.`);
    return;
  }
  addMessage('user', `File: ${file.name}`);
  send(frame);
}

resetButton.addEventListener('click', () => {
  revokeObjectUrls();
  log.replaceChildren();
  addNote('info', 'Conversation restarted.');
  send({ action: 'reset' });
  textInput.focus();
});

// ---- the log ------------------------------------------------------------------------------------------

function addMessage(sender, content) {
  const item = element('div', `message ${sender}`);
  const who = element('span', 'visually-hidden', sender === 'user' ? 'You: ' : 'Bot: ');
  const bubble = element('div', 'bubble');
  bubble.append(content);
  item.append(who, bubble);
  return appendToLog(item);
}

function addNote(kind, text) {
  return appendToLog(element('p', `note ${kind}`, text));
}

function appendToLog(item) {
  log.append(item);
  item.scrollIntoView({ block: 'end' });
  return item;
}

function addOptions(options) {
  if (options.length === 0) return;
  const group = element('div', 'options');
  group.setAttribute('role', 'group');
  group.setAttribute('aria-label', 'Reply options');
  for (const option of options) {
    const button = element('button', 'option', option);
    button.type = 'button';
    button.addEventListener('click', () => choose(group, button, option));
    group.append(button);
  }
  addMessage('bot', group);
}

function choose(group, chosen, option) {
  for (const button of group.querySelectorAll('button')) button.disabled = true;
  chosen.classList.add('chosen');
  sendText(option);
  textInput.focus();
}

/** BBF sends a JSON string of {"0": "A", "1": "B"}; an array or such an object is accepted too. */
function parseOptions(message) {
  let options = message;
  if (typeof options === 'string') {
    try {
      options = JSON.parse(options);
    } catch {
      return [];
    }
  }
  if (Array.isArray(options)) return options.map(String);
  if (options && typeof options === 'object') {
    return Object.keys(options)
      .sort((a, b) => Number(a) - Number(b))
      .map((key) => String(options[key]));
  }
  return [];
}

// ---- helpers -----------------------------------------------------------------------------------------

function setStatus(state, text) {
  statusLine.dataset.state = state;
  statusLine.textContent = text;
}

// sessionStorage throws in some privacy modes; the chat then simply starts a new session on each reconnect.
function storedSessionId() {
  try {
    return sessionStorage.getItem(SESSION_KEY);
  } catch {
    return null;
  }
}

function storeSessionId(id) {
  try {
    if (id) sessionStorage.setItem(SESSION_KEY, id);
    else sessionStorage.removeItem(SESSION_KEY);
  } catch {
    // see storedSessionId
  }
}

connect();
