// The usage dashboard. The key comes from the fragment once (#key=..., then removed from the address bar) or from the
// form, and is held in sessionStorage for this tab only. The range is in the fragment too (#days=30, or
// #from=YYYY-MM-DD&to=YYYY-MM-DD), so a view can be linked to.

import { ApiError, spend } from './api.js';
import { budgetsView, loadBudgets } from './budgets.js';
import * as charts from './charts.js';
import { clientName, count, countShort, day, dollars, dollarsShort, millis, percent } from './format.js';
import {
  dailyByTeam, days, distillation, expensiveModels, expensiveShare, ranked, teamModels, tokens,
} from './insights.js';

const KEY = 'switchboard.dashboard.key';
const RANGES = [7, 30, 90];
const TOTAL_COLOR = '#1f2937';

const $ = (selector) => document.querySelector(selector);
const money = (micros, full) => (full ? dollars(micros) : dollarsShort(micros));
const tokenCount = (n, full) => (full ? count(n) : countShort(n));

let range = readFragment();
let loads = 0;
let shown = null; // the last answers, drawn again when the window is resized

function lastDays(n) {
  const today = new Date();
  const first = new Date(today);
  first.setUTCDate(today.getUTCDate() - (n - 1));
  return { days: n, from: first.toISOString().slice(0, 10), to: today.toISOString().slice(0, 10) };
}

function readFragment() {
  const params = new URLSearchParams(location.hash.slice(1));
  const key = params.get('key');
  if (key) {
    sessionStorage.setItem(KEY, key);
    params.delete('key');
    const rest = params.toString();
    history.replaceState(null, '', `${location.pathname}${location.search}${rest ? `#${rest}` : ''}`);
  }
  const date = /^\d{4}-\d{2}-\d{2}$/;
  if (date.test(params.get('from') ?? '') && date.test(params.get('to') ?? '')) {
    return { from: params.get('from'), to: params.get('to') };
  }
  const n = Number(params.get('days'));
  return lastDays(RANGES.includes(n) ? n : 30);
}

function notice(text, retry = false) {
  $('#notice').hidden = !text;
  $('#notice-text').textContent = text ?? '';
  $('#retry').hidden = !retry;
}

function showKey(held) {
  $('#key-form').hidden = held;
  $('#key-held').hidden = !held;
}

function showRange() {
  for (const button of document.querySelectorAll('[data-days]')) {
    button.setAttribute('aria-pressed', String(Number(button.dataset.days) === range.days));
  }
  $('#range-text').textContent = `${day(range.from)} – ${day(range.to)}, ${range.to.slice(0, 4)} (UTC)`;
}

async function load() {
  const key = sessionStorage.getItem(KEY);
  const generation = ++loads;
  showKey(Boolean(key));
  showRange();
  notice(null);
  if (!key) {
    document.body.dataset.state = 'locked';
    return;
  }
  document.body.dataset.state = 'loading';
  const query = (params) => spend(key, range, params);
  const budgets = loadBudgets(key).then((list) => ({ list }), (error) => ({ error }));
  try {
    const [daily, teams, teamModel, users, userModel, clients, students] = await Promise.all([
      query({ groupBy: 'team', granularity: 'day' }),
      query({ groupBy: 'team' }),
      query({ groupBy: 'team,model' }),
      query({ groupBy: 'user', top: '10' }),
      query({ groupBy: 'user,model' }),
      query({ groupBy: 'client' }),
      query({ groupBy: 'workload,provider,model' }),
    ]);
    const answers = { daily, teams, teamModel, users, userModel, clients, students, budgets: await budgets };
    if (generation === loads) {
      shown = answers;
      draw();
      document.body.dataset.state = 'ready';
    }
  } catch (error) {
    if (generation === loads) {
      fail(error);
    }
  }
}

function fail(error) {
  document.body.dataset.state = 'error';
  if (!(error instanceof ApiError)) {
    notice(`The dashboard could not draw this answer: ${error.message}`, true);
  } else if (error.status === 401) {
    sessionStorage.removeItem(KEY);
    showKey(false);
    notice(`The key was refused: ${error.message}`);
  } else if (error.status === 403) {
    notice(`${error.message} The dashboard needs an admin key.`);
  } else if (error.status === 503) {
    notice(`Metering is not ready yet: ${error.message}`, true);
  } else {
    notice(error.message, true);
  }
}

function panel(name, content) {
  const body = $(`[data-panel="${name}"] .body`);
  body.replaceChildren(content(body.clientWidth));
}

function kpis({ teams, userModel }) {
  const total = teams.total;
  const perDay = BigInt(total.costMicros) / BigInt(days(teams.from, teams.to).length);
  const users = new Set(userModel.rows.map((row) => row.group.user)).size;
  const cards = [
    ['spend', 'Spend', dollars(total.costMicros), `${dollars(perDay)} per day`],
    ['requests', 'Requests', count(total.requests), `${percent(total.errors, total.requests)} failed`],
    ['tokens', 'Tokens', countShort(tokens(total)),
      `${countShort(total.inputTokens)} in · ${countShort(total.outputTokens)} out`],
    ['reasoning', 'Reasoning tokens', countShort(total.reasoningTokens),
      `${percent(total.reasoningTokens, total.outputTokens)} of output`],
    ['latency', 'Average latency', millis(total.avgLatencyMillis), 'per request'],
    ['users', 'Active users', count(users), `in ${count(teams.rows.length)} teams`],
  ];
  $('#kpis').replaceChildren(...cards.map(([id, label, value, note]) => {
    const card = document.createElement('div');
    card.className = 'kpi';
    card.dataset.kpi = id;
    card.innerHTML = '<span class="kpi-label"></span><span class="kpi-value"></span><span class="kpi-note"></span>';
    card.querySelector('.kpi-label').textContent = label;
    card.querySelector('.kpi-value').textContent = value;
    card.querySelector('.kpi-note').textContent = note;
    return card;
  }));
}

function draw() {
  const { daily, teams, teamModel, users, userModel, clients, students, budgets } = shown;
  const teamColors = charts.palette(ranked(teams, 'team'));
  kpis(shown);

  panel('spend-over-time', (width) => {
    const spendByDay = dailyByTeam(daily);
    return charts.lines({
      id: 'spend-over-time', label: 'Spend per day', width, x: spendByDay.x, xFormat: day, format: money,
      series: [{ name: 'All teams', values: spendByDay.total, color: TOTAL_COLOR, strong: true },
        ...spendByDay.teams.map((t) => ({ ...t, color: teamColors.get(t.name) }))],
    });
  });

  panel('top-users', (width) => charts.hbars({
    id: 'top-users', label: 'Top users by cost', width,
    items: users.rows.map((row) => ({
      label: row.group.user, value: row.costMicros, text: dollars(row.costMicros), color: '#3b6fd8',
      note: `${dollars(row.costMicros)} · ${count(row.requests)} requests · ${countShort(tokens(row))} tokens`,
    })),
  }));

  const expensive = expensiveModels(userModel.rows);
  $('[data-panel="expensive-share"]').dataset.expensiveModels = [...expensive.models].sort().join(',');
  $('#expensive-now').textContent = expensive.models.size > 0
    ? `In this range: ${[...expensive.models].sort().join(', ')}, at ${dollars(expensive.thresholdMicros)} or more `
      + 'per million tokens.'
    : 'No model stands out in this range.';
  panel('expensive-share', (width) => charts.hbars({
    id: 'expensive-share', label: 'Share of tokens on expensive models', width, max: 1,
    items: expensiveShare(userModel.rows, expensive.models).slice(0, 10).map((u) => ({
      label: u.name, value: u.expensive / u.all, text: percent(u.expensive, u.all), color: '#d64a5b',
      note: `${count(u.expensive)} of ${count(u.all)} tokens on expensive models`,
    })),
  }));

  panel('team-models', (width) => {
    const matrix = teamModels(teamModel);
    const modelColors = charts.palette(matrix.models.map((m) => m.name));
    return charts.stackedHbars({
      id: 'team-models', label: 'Cost by team and model', width, categories: matrix.teams, format: money,
      series: matrix.models.map((m) => ({ ...m, color: modelColors.get(m.name) })),
    });
  });

  panel('client-mix', (width) => charts.hbars({
    id: 'client-mix', label: 'Requests by client', width,
    items: [...clients.rows].sort((a, b) => b.requests - a.requests).map((row) => ({
      label: clientName(row.group.client), value: row.requests, color: '#2b9f78',
      text: `${percent(row.requests, clients.total.requests)} · ${dollars(row.costMicros)}`,
      note: `${count(row.requests)} requests, ${dollars(row.costMicros)}`,
    })),
  }));

  const byTeam = (value, text) => [...teams.rows].sort((a, b) => value(b) - value(a)).map((row) => ({
    label: row.group.team, value: value(row), text: text(value(row)), color: teamColors.get(row.group.team),
  }));
  panel('reasoning', (width) => charts.bars({
    id: 'reasoning', label: 'Reasoning tokens by team', width, format: tokenCount,
    items: byTeam((row) => row.reasoningTokens, countShort),
  }));
  panel('latency', (width) => charts.bars({
    id: 'latency', label: 'Average latency by team', width, format: millis,
    items: byTeam((row) => row.avgLatencyMillis, millis),
  }));

  const distilled = distillation(students);
  const saved = (row) => row.teacherCostMicros - row.costMicros - row.shadowCostMicros;
  const net = saved(distilled);
  $('#distillation-now').textContent = distilled.rows.length === 0
    ? 'No request was served by a distilled student in this range.'
    : `Students served ${count(distilled.requests)} requests for ${dollars(distilled.costMicros)}; the teachers `
      + `would have cost ${dollars(distilled.teacherCostMicros)}, `
      + (distilled.shadowRequests === 0
        ? `${dollars(distilled.teacherCostMicros - distilled.costMicros)} more.`
        : `and shadow evaluation asked them ${count(distilled.shadowRequests)} times for `
          + `${dollars(distilled.shadowCostMicros)}: ${dollars(net < 0n ? -net : net)} `
          + `${net < 0n ? 'lost' : 'saved'} in all.`);
  panel('distillation', (width) => charts.stackedHbars({
    id: 'distillation', label: 'Student cost against the teacher\'s', width, format: money,
    categories: distilled.rows.map((row) => row.name),
    series: [
      { name: 'Student', values: distilled.rows.map((row) => Number(row.costMicros)), color: '#2b9f78' },
      { name: 'Shadow evaluation', values: distilled.rows.map((row) => Number(row.shadowCostMicros)),
        color: '#d98e04' },
      { name: 'Saved', values: distilled.rows.map((row) => (saved(row) > 0n ? Number(saved(row)) : 0)),
        color: '#c9d3e3' },
    ],
  }));

  const budgetsPanel = $('[data-panel="budgets"]');
  if (budgets.error) {
    budgetsPanel.dataset.state = 'error';
    const text = document.createElement('p');
    text.className = 'chart-empty';
    text.textContent = `Budgets could not be read: ${budgets.error.message}`;
    budgetsPanel.querySelector('.body').replaceChildren(text);
  } else {
    budgetsPanel.dataset.state = budgets.list.length > 0 ? 'ready' : 'empty';
    panel('budgets', () => budgetsView(budgets.list));
  }
}

$('#key-form').addEventListener('submit', (event) => {
  event.preventDefault();
  sessionStorage.setItem(KEY, $('#key-input').value.trim());
  $('#key-input').value = '';
  load();
});
$('#forget').addEventListener('click', () => {
  sessionStorage.removeItem(KEY);
  shown = null;
  load();
});
$('#retry').addEventListener('click', load);
for (const button of document.querySelectorAll('[data-days]')) {
  button.addEventListener('click', () => {
    range = lastDays(Number(button.dataset.days));
    history.replaceState(null, '', `#days=${range.days}`);
    load();
  });
}
let resizing;
window.addEventListener('resize', () => {
  clearTimeout(resizing);
  resizing = setTimeout(() => shown && draw(), 150);
});

load();
