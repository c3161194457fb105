/*
 * Parley dashboard: reads GET v1/dashboard (the audit of a time window summarised) and draws it with ECharts
 * (served by the service at vendor/echarts.min.js, never from a CDN); labels selected messages as training phrases
 * with POST v1/training-phrases. The API key, when the service requires one, is typed into the page's form, kept in
 * sessionStorage (this tab only) and sent as the X-API-Key header: never in a URL, so it stays out of every log.
 * Every user text becomes DOM text; the page's CSP (Trusted Types) forbids HTML strings, so the charts draw without
 * tooltips (ECharts builds those from HTML).
 */
import { element } from './dom.js';

// The CSP allows one Trusted Types policy, `default`: ECharts clears a chart's container with innerHTML = '', and
// that is the only HTML string this page lets through.
globalThis.trustedTypes?.createPolicy('default', {
  createHTML(html) {
    if (html === '') return '';
    throw new TypeError('the dashboard accepts no HTML strings');
  },
});

const KEY_STORAGE = 'parley.apiKey';
const PERCENT = new Intl.NumberFormat('en', { style: 'percent', maximumFractionDigits: 1 });

const echarts = globalThis.echarts;
const charts = new Map();
const byId = (id) => document.getElementById(id);

function apiKey() {
  return sessionStorage.getItem(KEY_STORAGE);
}

async function api(path, init = {}) {
  const headers = { ...(init.headers ?? {}) };
  const key = apiKey();
  if (key) headers['x-api-key'] = key;
  const response = await fetch(path, { ...init, headers });
  const body = await response.json().catch(() => ({}));
  return { status: response.status, body };
}

function showLogin(message) {
  byId('dashboard').hidden = true;
  byId('login').hidden = false;
  byId('login-error').textContent = message;
  byId('sign-out').hidden = true;
  byId('api-key').focus();
}

async function load() {
  const span = Number(byId('window').value);
  const to = new Date();
  const from = new Date(to.getTime() - span);
  const query = new URLSearchParams({ from: from.toISOString(), to: to.toISOString() });
  byId('status').textContent = 'Loading…';
  const { status, body } = await api(`v1/dashboard?${query}`);
  if (status === 401) {
    showLogin(apiKey() ? 'The service refused this key.' : '');
    return;
  }
  byId('login').hidden = true;
  byId('dashboard').hidden = false;
  byId('sign-out').hidden = !apiKey();
  if (status !== 200) {
    byId('status').textContent = `Could not load the dashboard: ${body?.error?.message ?? `HTTP ${status}`}`;
    return;
  }
  render(body);
}

function render(data) {
  byId('bot-name').textContent = `· ${data.bot}`;
  const shown = `${data.rowsRead} audit rows from ${new Date(data.window.from).toLocaleString()} to ${new Date(data.window.to).toLocaleString()}`;
  byId('status').textContent = data.truncated ? `${shown} (the newest only: the window holds more)` : shown;
  setKpi('kpi-messages', data.fallback.messages, String(data.fallback.messages));
  setKpi('kpi-fallbacks', data.fallback.fallbacks, String(data.fallback.fallbacks));
  setKpi('kpi-fallback-rate', data.fallback.rate, PERCENT.format(data.fallback.rate));
  const model = data.modelVersions[0]?.version ?? '';
  setKpi('kpi-model-version', model, model || 'no prediction yet');

  draw('chart-timeline', timelineOption(data));
  draw('chart-intents', intentsOption(data));
  draw('chart-fallback-states', fallbackStatesOption(data));
  draw('chart-scores', scoresOption(data));
  draw('chart-graph', graphOption(data));
  renderRecent(data);
  // The window drawn, so a reader (a test) can ask the audit for the same rows.
  document.body.dataset.from = data.window.from;
  document.body.dataset.to = data.window.to;
  document.body.dataset.loadedAt = data.window.to;
}

function setKpi(id, value, text) {
  const node = byId(id);
  node.textContent = text;
  node.dataset.value = String(value);
}

function draw(id, option) {
  let chart = charts.get(id);
  if (!chart) {
    chart = echarts.init(byId(id), null, { renderer: 'canvas' });
    charts.set(id, chart);
  }
  chart.setOption({ animation: false, ...option }, true);
}

function bucketLabel(at, bucketMs) {
  const date = new Date(at);
  return bucketMs >= 86400000 ? date.toLocaleDateString() : date.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
}

function timelineOption(data) {
  return {
    legend: { data: ['Messages', 'Sessions'], top: 0, right: 0 },
    grid: { left: 48, right: 24, top: 36, bottom: 32 },
    xAxis: { type: 'category', data: data.timeline.map((bucket) => bucketLabel(bucket.at, data.window.bucketMs)) },
    yAxis: { type: 'value', minInterval: 1 },
    series: [
      { name: 'Messages', type: 'bar', data: data.timeline.map((bucket) => bucket.messages) },
      { name: 'Sessions', type: 'line', data: data.timeline.map((bucket) => bucket.sessions) },
    ],
  };
}

function intentsOption(data) {
  const intents = [...data.intents].reverse();
  return {
    grid: { left: 140, right: 40, top: 8, bottom: 24 },
    xAxis: { type: 'value', minInterval: 1 },
    yAxis: { type: 'category', data: intents.map((entry) => entry.intent) },
    series: [{ name: 'Messages', type: 'bar', data: intents.map((entry) => entry.count), label: { show: true, position: 'right' } }],
  };
}

function fallbackStatesOption(data) {
  const states = data.fallback.byState;
  return {
    grid: { left: 48, right: 24, top: 24, bottom: 48 },
    xAxis: { type: 'category', data: states.map((entry) => entry.state), axisLabel: { interval: 0, rotate: states.length > 4 ? 30 : 0 } },
    yAxis: { type: 'value', min: 0, max: 100, axisLabel: { formatter: '{value} %' } },
    series: [
      {
        name: 'Fallback rate (%)',
        type: 'bar',
        data: states.map((entry) => Math.round(entry.rate * 1000) / 10),
        label: {
          show: true,
          position: 'top',
          formatter: ({ dataIndex }) => `${states[dataIndex].fallbacks}/${states[dataIndex].messages}`,
        },
      },
    ],
  };
}

function scoresOption(data) {
  const bins = data.scoreHistogram.length;
  return {
    grid: { left: 48, right: 24, top: 24, bottom: 32 },
    xAxis: { type: 'category', data: data.scoreHistogram.map((_, bin) => `${(bin / bins).toFixed(1)}–${((bin + 1) / bins).toFixed(1)}`) },
    yAxis: { type: 'value', minInterval: 1 },
    series: [{ name: 'Predictions', type: 'bar', data: data.scoreHistogram, label: { show: true, position: 'top' } }],
  };
}

function graphOption(data) {
  const most = Math.max(1, ...data.graph.edges.map((edge) => edge.count));
  return {
    series: [
      {
        name: 'Transitions',
        type: 'graph',
        layout: 'circular',
        circular: { rotateLabel: false },
        symbolSize: 46,
        roam: false,
        edgeSymbol: ['none', 'arrow'],
        edgeSymbolSize: 9,
        label: { show: true, position: 'bottom' },
        edgeLabel: { show: true, formatter: ({ data: edge }) => String(edge.value), fontSize: 13 },
        data: data.graph.states.map((state) => ({
          name: state.name,
          itemStyle: { color: state.initial ? '#2f5fd0' : '#7c8aa5' },
        })),
        links: data.graph.edges.map((edge) => ({
          source: edge.source,
          target: edge.dest,
          value: edge.count,
          lineStyle: {
            width: 1 + (5 * edge.count) / most,
            curveness: 0.2,
            type: edge.declared ? 'solid' : 'dashed',
            color: edge.count === 0 ? '#c4c9d2' : '#2f5fd0',
          },
        })),
      },
    ],
  };
}

function renderRecent(data) {
  const select = byId('label-intent');
  select.replaceChildren(...data.intentNames.map((name) => Object.assign(element('option', '', name), { value: name })));
  const rows = data.recent.map((message) => {
    const row = element('tr');
    row.dataset.auditId = String(message.id);
    const box = Object.assign(element('input'), { type: 'checkbox', value: message.text });
    box.setAttribute('aria-label', `Select "${message.text}"`);
    const cell = (text, className) => element('td', className, text);
    row.append(
      Object.assign(element('td'), {}),
      cell(new Date(message.at).toLocaleString()),
      cell(message.state ?? ''),
      cell(message.text, 'text'),
      cell(message.intent ?? ''),
      cell(message.score === undefined ? '' : message.score.toFixed(3), 'number'),
      cell(message.fallbackReason ?? ''),
    );
    row.firstChild.append(box);
    return row;
  });
  byId('recent').tBodies[0].replaceChildren(...rows);
}

async function label(event) {
  event.preventDefault();
  const texts = [...document.querySelectorAll('#recent tbody input:checked')].map((box) => box.value);
  const result = byId('label-result');
  const snippet = byId('label-snippet');
  snippet.hidden = true;
  if (texts.length === 0) {
    result.textContent = 'Select one message or more first.';
    return;
  }
  const intent = byId('label-intent').value;
  const { status, body } = await api('v1/training-phrases', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ intent, texts: [...new Set(texts)] }),
  });
  if (status !== 200) {
    result.textContent = `Not labelled: ${body?.error?.message ?? `HTTP ${status}`}`;
    return;
  }
  if (body.file) {
    result.textContent = `Added ${body.added.length} phrase(s) to ${body.intent} in ${body.file}; the next training (a restart) uses them.`;
  } else {
    result.textContent = `This bot has no definition file: add these phrases to ${body.intent} in its source.`;
    snippet.textContent = body.snippet;
    snippet.hidden = false;
  }
  result.dataset.added = String(body.added.length);
  for (const box of document.querySelectorAll('#recent tbody input:checked')) box.checked = false;
}

byId('login-form').addEventListener('submit', (event) => {
  event.preventDefault();
  sessionStorage.setItem(KEY_STORAGE, byId('api-key').value);
  byId('api-key').value = '';
  void load();
});
byId('sign-out').addEventListener('click', () => {
  sessionStorage.removeItem(KEY_STORAGE);
  showLogin('');
});
byId('window-form').addEventListener('submit', (event) => {
  event.preventDefault();
  void load();
});
byId('label-form').addEventListener('submit', (event) => void label(event));
window.addEventListener('resize', () => {
  for (const chart of charts.values()) chart.resize();
});
void load();
