// The budgets panel: GET /v1/budgets, one bar per budget filled up to its limit, with the soft limit marked. It reads
// the answer loosely: a service without budgets (404), an empty list or missing fields are not errors.

import { ApiError, getJson } from './api.js';
import { dollars } from './format.js';

const STATES = { ok: 'On track', soft: 'Past soft limit', blocked: 'Blocked' };

/** The budgets, an empty list when there are none; an ApiError for anything else. */
export async function loadBudgets(key) {
  try {
    const answer = await getJson('../v1/budgets', key);
    return Array.isArray(answer?.budgets) ? answer.budgets.filter((b) => b && typeof b === 'object') : [];
  } catch (error) {
    if (error instanceof ApiError && error.status === 404) {
      return [];
    }
    throw error;
  }
}

function micros(value) {
  return Number.isSafeInteger(value) && value >= 0 ? BigInt(value) : null;
}

/** {@code part} of {@code whole} in tenths of a percent, by integer division. */
function permille(part, whole) {
  return whole > 0n ? Number((part * 1000n) / whole) : 0;
}

function node(tag, className, text) {
  const element = document.createElement(tag);
  element.className = className;
  if (text !== undefined) {
    element.textContent = text;
  }
  return element;
}

function budget(b) {
  const spent = micros(b.spentMicros) ?? 0n;
  const soft = micros(b.softMicros);
  const hard = micros(b.hardMicros);
  const limit = hard ?? soft;
  const state = typeof b.state === 'string' ? b.state : 'ok';
  const subject = String(b.subject ?? 'unnamed');
  const [kind, name] = subject.includes(':') ? subject.split(/:(.*)/s) : ['', subject];

  const row = node('div', `budget ${state}`);
  row.dataset.subject = subject;
  row.dataset.state = state;
  const head = node('div', 'budget-head');
  const title = node('span', 'subject');
  if (kind) {
    title.append(node('span', 'kind', kind));
  }
  title.append(name);
  head.append(title, node('span', `badge ${state}`, STATES[state] ?? state));

  const meter = node('div', 'meter');
  const used = limit === null ? 0 : permille(spent, limit);
  const fill = node('div', 'fill');
  fill.style.width = `${Math.min(used, 1000) / 10}%`;
  meter.append(fill);
  if (soft !== null && hard !== null && hard > 0n) {
    const mark = node('div', 'soft-mark');
    mark.style.left = `${Math.min(permille(soft, hard), 1000) / 10}%`;
    mark.title = `Soft limit ${dollars(soft)}`;
    meter.append(mark);
  }

  const facts = [limit === null
    ? `${dollars(spent)} spent, no limit`
    : `${dollars(spent)} of ${dollars(limit)} (${(used / 10).toFixed(1)}%)`];
  if (soft !== null && hard !== null) {
    facts.push(`soft limit ${dollars(soft)}`);
  }
  if (b.period) {
    facts.push(`per ${b.period}`);
  }
  const resets = Date.parse(b.resetsAt);
  if (!Number.isNaN(resets)) {
    facts.push(`resets ${new Date(resets).toLocaleDateString('en-US', {
      month: 'short', day: 'numeric', year: 'numeric', timeZone: 'UTC',
    })}`);
  }
  row.append(head, meter, node('div', 'budget-foot', facts.join(' · ')));
  row.dataset.permille = used;
  return row;
}

/** The panel's content: the budgets closest to their limit first. */
export function budgetsView(budgets) {
  if (budgets.length === 0) {
    return node('p', 'chart-empty', 'No budgets configured.');
  }
  const rows = budgets.map(budget).sort((a, b) => b.dataset.permille - a.dataset.permille);
  const list = node('div', 'budgets');
  list.append(...rows);
  return list;
}
