// Shapes spend reports (GET /v1/spend) into what the panels draw. Every sum is of integers: micro-USD, tokens.

/** Tokens of a row: every prompt token and every generated one (reasoning tokens are part of the output). */
export function tokens(row) {
  return row.inputTokens + row.outputTokens;
}

/** Every day from {@code from} to {@code to} (both YYYY-MM-DD), both included. */
export function days(from, to) {
  const result = [];
  for (let d = new Date(`${from}T00:00:00Z`); d <= new Date(`${to}T00:00:00Z`); d.setUTCDate(d.getUTCDate() + 1)) {
    result.push(d.toISOString().slice(0, 10));
  }
  return result;
}

/** Names of a dimension in a report grouped by it, largest cost first. */
export function ranked(report, dimension) {
  const cost = new Map();
  for (const row of report.rows) {
    const name = row.group[dimension];
    cost.set(name, (cost.get(name) ?? 0) + row.costMicros);
  }
  return [...cost].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([name]) => name);
}

/** Daily cost of each team and of all, over every day of a report grouped by team by the day. */
export function dailyByTeam(report) {
  const x = days(report.from, report.to);
  const index = new Map(x.map((d, i) => [d, i]));
  const teams = new Map(ranked(report, 'team').map((team) => [team, new Array(x.length).fill(0)]));
  const total = new Array(x.length).fill(0);
  for (const row of report.rows) {
    const i = index.get(row.period);
    if (i !== undefined) {
      teams.get(row.group.team)[i] += row.costMicros;
      total[i] += row.costMicros;
    }
  }
  return { x, total, teams: [...teams].map(([name, values]) => ({ name, values })) };
}

/**
 * The requests promoted students served (provider {@code student:<job>}), from rows grouped by workload, provider and
 * model: per workload, their requests, cost and the teacher's cost for the same tokens, and the teacher's answers
 * shadow evaluation asked for and their cost (rows of the teacher's provider and model, as the teacher answered them),
 * dearest teacher first; and the totals.
 */
export function distillation(report) {
  const byName = new Map();
  const entry = (row) => {
    const name = row.group.workload || 'no workload';
    if (!byName.has(name)) {
      byName.set(name, { name, requests: 0, costMicros: 0n, teacherCostMicros: 0n, shadowRequests: 0,
        shadowCostMicros: 0n });
    }
    return byName.get(name);
  };
  for (const row of report.rows) {
    if (row.group.provider.startsWith('student:')) {
      const served = entry(row);
      served.requests += row.requests;
      served.costMicros += BigInt(row.costMicros);
      served.teacherCostMicros += BigInt(row.teacherCostMicros);
    } else if (row.shadowRequests > 0) {
      const shadowed = entry(row);
      shadowed.shadowRequests += row.shadowRequests;
      shadowed.shadowCostMicros += BigInt(row.shadowCostMicros);
    }
  }
  const rows = [...byName.values()]
    .sort((a, b) => compare(b.teacherCostMicros, a.teacherCostMicros) || compare(a.name, b.name));
  const sum = (field) => rows.reduce((total, row) => total + row[field], 0n);
  const count = (field) => rows.reduce((total, row) => total + row[field], 0);
  return { rows, requests: count('requests'), costMicros: sum('costMicros'),
    teacherCostMicros: sum('teacherCostMicros'), shadowRequests: count('shadowRequests'),
    shadowCostMicros: sum('shadowCostMicros') };
}

function compare(a, b) {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * The expensive models among rows grouped by model (and anything else): a model is expensive when its cost per token
 * over the range is at least twice the median cost per token of the paid models used (the lower median for an even
 * count; models that cost nothing, such as distilled students, are left out). Rates are compared exactly, by
 * cross-multiplying integers. {@code thresholdMicros}: the cut-off in micro-USD per million tokens.
 */
export function expensiveModels(rows) {
  const byModel = new Map();
  for (const row of rows) {
    const model = byModel.get(row.group.model) ?? { name: row.group.model, cost: 0n, tokens: 0n };
    model.cost += BigInt(row.costMicros);
    model.tokens += BigInt(tokens(row));
    byModel.set(model.name, model);
  }
  const paid = [...byModel.values()].filter((m) => m.cost > 0n && m.tokens > 0n)
    .sort((a, b) => compare(a.cost * b.tokens, b.cost * a.tokens) || a.name.localeCompare(b.name));
  if (paid.length === 0) {
    return { models: new Set(), thresholdMicros: null };
  }
  const median = paid[Math.floor((paid.length - 1) / 2)];
  const expensive = paid.filter((m) => m.cost * median.tokens >= 2n * median.cost * m.tokens);
  return {
    models: new Set(expensive.map((m) => m.name)),
    thresholdMicros: (2n * median.cost * 1_000_000n) / median.tokens,
  };
}

/**
 * Per user, the tokens spent on {@code expensive} models and in all, for users with any: the largest share first,
 * then the most expensive tokens.
 */
export function expensiveShare(rows, expensive) {
  const users = new Map();
  for (const row of rows) {
    const user = users.get(row.group.user) ?? { name: row.group.user, expensive: 0, all: 0 };
    user.all += tokens(row);
    if (expensive.has(row.group.model)) {
      user.expensive += tokens(row);
    }
    users.set(user.name, user);
  }
  return [...users.values()].filter((u) => u.expensive > 0)
    .sort((a, b) => compare(BigInt(b.expensive) * BigInt(a.all), BigInt(a.expensive) * BigInt(b.all))
      || b.expensive - a.expensive || a.name.localeCompare(b.name));
}

/** Cost of each model per team, from a report grouped by team and model: rows are teams, parts models. */
export function teamModels(report) {
  const teams = ranked(report, 'team');
  const models = ranked(report, 'model');
  const at = new Map(teams.map((team, i) => [team, i]));
  const series = new Map(models.map((model) => [model, new Array(teams.length).fill(0)]));
  for (const row of report.rows) {
    series.get(row.group.model)[at.get(row.group.team)] += row.costMicros;
  }
  return { teams, models: [...series].map(([name, values]) => ({ name, values })) };
}
