// The pipeline view: the jobs, and the one chosen (#job=<namespace>/<name>) as a graph of its stages (and of its
// candidates training ahead of their turn) with their state, times and logs, its conditions, its promoted student's live figures, its candidates, and its report's
// comparison of teacher and student.

const STATES = ['pending', 'queued', 'running', 'succeeded', 'failed', 'skipped'];
const SVG = 'http://www.w3.org/2000/svg';

async function get(path) {
  const response = await fetch(path, { headers: { accept: 'application/json' } });
  if (!response.ok) {
    throw new Error(`${path} answered ${response.status}`);
  }
  return response.json();
}

function cell(row, text, className) {
  const td = document.createElement('td');
  td.textContent = text ?? '–';
  if (className) {
    td.className = className;
  }
  row.append(td);
  return td;
}

function when(time) {
  return time ? new Date(time).toISOString().replace('T', ' ').slice(0, 19) + 'Z' : '–';
}

function duration(seconds) {
  if (seconds === null || seconds === undefined) {
    return '–';
  }
  if (seconds < 120) {
    return `${seconds} s`;
  }
  return seconds < 7200 ? `${Math.round(seconds / 60)} min` : `${(seconds / 3600).toFixed(1)} h`;
}

function selected() {
  const match = /job=([^/&]+)\/([^&]+)/.exec(location.hash);
  return match ? { namespace: decodeURIComponent(match[1]), name: decodeURIComponent(match[2]) } : null;
}

function notice(text) {
  const box = document.getElementById('notice');
  box.textContent = text ?? '';
  box.hidden = !text;
}

function renderJobs(jobs) {
  const body = document.querySelector('#jobs tbody');
  body.replaceChildren();
  document.getElementById('no-jobs').hidden = jobs.length > 0;
  const chosen = selected();
  for (const job of jobs) {
    const row = document.createElement('tr');
    row.dataset.job = `${job.namespace}/${job.name}`;
    if (chosen && chosen.namespace === job.namespace && chosen.name === job.name) {
      row.className = 'chosen';
    }
    const link = document.createElement('a');
    link.href = `#job=${encodeURIComponent(job.namespace)}/${encodeURIComponent(job.name)}`;
    link.textContent = `${job.namespace}/${job.name}`;
    cell(row, '').append(link);
    cell(row, job.teacher);
    cell(row, job.student);
    cell(row, job.stage, `stage stage-${job.stage.toLowerCase()}`);
    cell(row, when(job.startTime));
    cell(row, job.relativeAccuracy, 'num');
    cell(row, job.costRatio, 'num');
    cell(row, job.speedRatio, 'num');
    body.append(row);
  }
}

function svg(name, attributes, text) {
  const node = document.createElementNS(SVG, name);
  for (const [key, value] of Object.entries(attributes)) {
    node.setAttribute(key, value);
  }
  if (text !== undefined) {
    node.textContent = text;
  }
  return node;
}

/**
 * The stages left to right; the trainings ahead of their turn under the training stage, each drawn from the dataset
 * it trains on.
 */
function renderGraph(stages, ahead) {
  const width = 150;
  const gap = 40;
  const height = 64;
  const row = height + gap / 2;
  const tall = height + 2 + ahead.length * row;
  // as tall as the row of stages alone is drawn, per row
  const graph = svg('svg', { viewBox: `0 0 ${stages.length * (width + gap) - gap + 2} ${tall}`,
    role: 'img', 'aria-label': 'The pipeline\'s stages', style: `max-height: ${90 * tall / (height + 2)}px` });
  const node = (stage, x, y, attributes) => {
    const g = svg('g', { class: `node state-${STATES.includes(stage.state) ? stage.state : 'pending'}`,
      'data-stage': stage.id, ...attributes });
    g.append(svg('rect', { x, y, width, height, rx: 8 }));
    g.append(svg('text', { x: x + 12, y: y + 25, class: 'title' }, stage.title));
    g.append(svg('text', { x: x + 12, y: y + 47, class: 'state' },
      stage.seconds !== null && stage.seconds !== undefined ? `${stage.state} · ${duration(stage.seconds)}`
        : stage.state));
    return g;
  };
  stages.forEach((stage, i) => {
    const x = 1 + i * (width + gap);
    if (i > 0) {
      graph.append(svg('line', { x1: x - gap, y1: 1 + height / 2, x2: x, y2: 1 + height / 2, class: 'edge' }));
    }
    graph.append(node(stage, x, 1, {}));
  });
  const training = stages.findIndex(stage => stage.id === 'train');
  ahead.forEach((stage, i) => {
    const x = 1 + training * (width + gap);
    const y = 1 + (i + 1) * row;
    graph.append(svg('path', { d: `M ${x - gap} ${1 + height / 2} H ${x - gap / 2} V ${y + height / 2} H ${x}`,
      class: 'edge' }));
    graph.append(node(stage, x, y, { 'data-ahead': 'true' }));
  });
  document.getElementById('graph').replaceChildren(graph);
  // a title wider than its node (a candidate's name) is narrowed to fit, once laid out
  for (const title of graph.querySelectorAll('.title')) {
    if (title.getComputedTextLength() > width - 24) {
      title.setAttribute('textLength', width - 24);
      title.setAttribute('lengthAdjust', 'spacingAndGlyphs');
    }
  }
}

function renderStages(stages) {
  const body = document.querySelector('#stages tbody');
  body.replaceChildren();
  for (const stage of stages) {
    const row = document.createElement('tr');
    row.dataset.stage = stage.id;
    cell(row, stage.title);
    cell(row, stage.state, `state-text state-${stage.state}`);
    cell(row, stage.object);
    cell(row, when(stage.start));
    cell(row, duration(stage.seconds), 'num');
    const logs = cell(row, '');
    if (stage.logs) {
      const code = document.createElement('code');
      code.textContent = stage.logs;
      logs.append(code);
    } else {
      logs.textContent = '–';
    }
    body.append(row);
  }
}

function renderConditions(conditions) {
  const body = document.querySelector('#conditions tbody');
  body.replaceChildren();
  for (const condition of conditions ?? []) {
    const row = document.createElement('tr');
    cell(row, condition.type);
    cell(row, condition.status, `status-${condition.status.toLowerCase()}`);
    cell(row, condition.reason);
    cell(row, condition.message);
    body.append(row);
  }
}

/** spec.candidates: each one's state and figures, in the order tried. */
function renderCandidates(candidates) {
  document.getElementById('candidates').hidden = candidates.length === 0;
  const body = document.querySelector('#candidate-table tbody');
  body.replaceChildren();
  for (const candidate of candidates) {
    const row = document.createElement('tr');
    row.dataset.candidate = candidate.name;
    cell(row, candidate.name);
    cell(row, candidate.state, `state-text state-${candidate.state.toLowerCase()}`);
    cell(row, candidate.result?.relativeAccuracy ?? '–', 'num');
    cell(row, candidate.result?.costRatio ?? '–', 'num');
    cell(row, candidate.result ? `${candidate.result.studentP95LatencyMillis} ms` : '–', 'num');
    cell(row, candidate.message ?? '');
    body.append(row);
  }
}

/** The promoted student's live figures: its canary step and the teacher's shadow verdicts. */
function renderLive(canary, shadow) {
  document.getElementById('live').hidden = !canary && !shadow;
  const body = document.querySelector('#live-table tbody');
  body.replaceChildren();
  if (canary) {
    const row = document.createElement('tr');
    row.dataset.live = 'canary';
    cell(row, 'Canary');
    const state = canary.withdrawn ? 'withdrawn' : canary.share === 100 ? 'done' : 'running';
    cell(row, state, `state-text state-${state}`);
    cell(row, `${canary.share ?? '–'}% of the requests since ${when(canary.stepStartTime)}: `
      + `${canary.requests ?? 0} answered by the student, ${canary.errors ?? 0} failed, `
      + `p95 ${canary.p95LatencyMillis ?? '–'} ms`);
    body.append(row);
  }
  if (shadow) {
    const row = document.createElement('tr');
    row.dataset.live = 'shadow';
    cell(row, 'Shadow');
    const state = shadow.withdrawn ? 'withdrawn' : 'watching';
    cell(row, state, `state-text state-${state}`);
    cell(row, `the teacher agreed with ${shadow.agreed ?? 0} of ${shadow.requests ?? 0} shadowed answers`
      + (shadow.agreement ? ` (${shadow.agreement})` : '') + `, read ${when(shadow.time)}`);
    body.append(row);
  }
}

/**
 * The teacher's agreement with the student, span by span, over what the operator judges it by (since its route was
 * published, within the shadow's window; up to its withdrawal, once withdrawn), against the least agreement that keeps
 * the route. Spans without verdicts leave a gap.
 */
function renderShadowHistory(history) {
  const box = document.getElementById('shadow-chart');
  if (!history) {
    box.replaceChildren();
    return;
  }
  const width = 520;
  const height = 160;
  const pad = { left: 56, right: 24, top: 12, bottom: 32 };
  const spans = history.spans;
  const bound = Number(history.bound);
  const x = i => pad.left + (i + 0.5) / spans.length * (width - pad.left - pad.right);
  const y = agreement => pad.top + (1 - agreement) * (height - pad.top - pad.bottom);
  const chart = svg('svg', { viewBox: `0 0 ${width} ${height}`, role: 'img', 'data-chart': 'shadow',
    'aria-label': `The teacher's agreement with the student since ${when(spans[0].start)}` });
  chart.append(svg('line', { x1: pad.left, y1: height - pad.bottom, x2: width - pad.right, y2: height - pad.bottom,
    class: 'axis' }));
  chart.append(svg('line', { x1: pad.left, y1: pad.top, x2: pad.left, y2: height - pad.bottom, class: 'axis' }));
  for (const tick of [0, 0.5, 1]) {
    chart.append(svg('text', { x: pad.left - 8, y: y(tick) + 4, class: 'tick', 'text-anchor': 'end' }, tick.toFixed(1)));
    chart.append(svg('line', { x1: pad.left, y1: y(tick), x2: width - pad.right, y2: y(tick), class: 'grid' }));
  }
  chart.append(svg('line', { x1: pad.left, y1: y(bound), x2: width - pad.right, y2: y(bound), class: 'bound' }));
  chart.append(svg('text', { x: pad.left + 6, y: y(bound) + 14, class: 'label', 'text-anchor': 'start' },
    `least agreement ${history.bound}`));
  chart.append(svg('text', { x: width / 2, y: height - 8, class: 'label', 'text-anchor': 'middle' },
    `agreement since ${when(spans[0].start)} (window ${history.window})`));
  let line = [];
  const lines = [line];
  spans.forEach((span, i) => {
    if (span.requests === 0) {
      line = [];
      lines.push(line);
      return;
    }
    const agreement = span.agreed / span.requests;
    line.push(`${x(i)},${y(agreement)}`);
    const point = svg('g', { class: `point ${agreement < bound ? 'point-below' : 'point-student'}`,
      'data-agreement': agreement.toFixed(3), 'data-requests': span.requests });
    point.append(svg('circle', { cx: x(i), cy: y(agreement), r: 4 }));
    point.append(svg('title', {}, `${span.agreed} of ${span.requests} agreed from ${when(span.start)}`));
    chart.append(point);
  });
  lines.filter(points => points.length > 1)
    .forEach(points => chart.prepend(svg('polyline', { points: points.join(' '), class: 'agreement' })));
  box.replaceChildren(chart);
}

function dollarsPerMillion(micros) {
  return `$${(micros / 1e6).toPrecision(3)}`;
}

function renderReport(report, candidates) {
  const box = document.getElementById('report');
  box.hidden = !report;
  if (!report) {
    return;
  }
  const rows = [
    ['Accuracy', report.teacher.accuracy, report.student.accuracy],
    ['p50 latency', `${report.teacher.p50LatencyMillis} ms`, `${report.student.p50LatencyMillis} ms`],
    ['p95 latency', `${report.teacher.p95LatencyMillis} ms`, `${report.student.p95LatencyMillis} ms`],
    ['Output tokens/s', report.teacher.outputTokensPerSecond, report.student.outputTokensPerSecond],
    ['Cost per million tokens', dollarsPerMillion(report.teacher.costMicrosPerMillionTokens),
      dollarsPerMillion(report.student.costMicrosPerMillionTokens)],
    ['Failed requests', report.teacher.errors, report.student.errors],
  ];
  const body = document.querySelector('#comparison tbody');
  body.replaceChildren();
  for (const [label, teacher, student] of rows) {
    const row = document.createElement('tr');
    cell(row, label);
    cell(row, String(teacher), 'num');
    cell(row, String(student), 'num');
    body.append(row);
  }
  renderChart(report, candidates);
  const dataset = report.dataset;
  document.getElementById('dataset').textContent = `Relative accuracy ${report.relativeAccuracy}, cost ratio `
    + `${report.costRatio}, speed ratio ${report.speedRatio}. Dataset: ${dataset.read} read, ${dataset.invalid} left `
    + `out, ${dataset.duplicates} duplicates, ${dataset.train} to train on, ${dataset.eval} held out`
    + (dataset.trafficWorkload ? `, from the traffic captured for workload ${dataset.trafficWorkload}.` : '.');
}

/**
 * Accuracy relative to the teacher (up) against cost per million tokens (right, logarithmic), p95 as a label: the
 * teacher and the student, or every evaluated candidate.
 */
function renderChart(report, candidates) {
  const width = 520;
  const height = 240;
  const pad = { left: 56, right: 24, top: 16, bottom: 40 };
  const teacherAccuracy = Number(report.teacher.accuracy) || 1;
  const teacher = { name: 'teacher', cost: report.teacher.costMicrosPerMillionTokens, relative: 1,
    p95: report.teacher.p95LatencyMillis };
  const evaluated = candidates.filter(candidate => candidate.result?.costRatio);
  const points = evaluated.length === 0
    ? [teacher, { name: 'student', cost: report.student.costMicrosPerMillionTokens,
      relative: Number(report.student.accuracy) / teacherAccuracy, p95: report.student.p95LatencyMillis }]
    : [teacher, ...evaluated.map(candidate => ({ name: candidate.name,
      cost: teacher.cost * Number(candidate.result.costRatio), relative: Number(candidate.result.relativeAccuracy),
      p95: candidate.result.studentP95LatencyMillis, chosen: candidate.state === 'Met' }))];
  const logs = points.map(p => Math.log10(Math.max(1, p.cost)));
  const lo = Math.floor(Math.min(...logs));
  const hi = Math.max(lo + 1, Math.ceil(Math.max(...logs)));
  const top = Math.max(1.1, ...points.map(p => p.relative + 0.05));
  const x = cost => pad.left + (Math.log10(Math.max(1, cost)) - lo) / (hi - lo) * (width - pad.left - pad.right);
  const y = relative => pad.top + (1 - relative / top) * (height - pad.top - pad.bottom);
  const chart = svg('svg', { viewBox: `0 0 ${width} ${height}`, role: 'img',
    'aria-label': 'Accuracy relative to the teacher against cost per million tokens' });
  chart.append(svg('line', { x1: pad.left, y1: height - pad.bottom, x2: width - pad.right, y2: height - pad.bottom,
    class: 'axis' }));
  chart.append(svg('line', { x1: pad.left, y1: pad.top, x2: pad.left, y2: height - pad.bottom, class: 'axis' }));
  for (let power = lo; power <= hi; power++) {
    const dollars = 10 ** power / 1e6;
    chart.append(svg('text', { x: x(10 ** power), y: height - pad.bottom + 16, class: 'tick', 'text-anchor': 'middle' },
      `$${dollars < 1 ? dollars.toFixed(-Math.min(0, power - 6)) : dollars.toFixed(0)}`));
  }
  for (const tick of [0, 0.5, 1]) {
    chart.append(svg('text', { x: pad.left - 8, y: y(tick) + 4, class: 'tick', 'text-anchor': 'end' }, tick.toFixed(1)));
    chart.append(svg('line', { x1: pad.left, y1: y(tick), x2: width - pad.right, y2: y(tick), class: 'grid' }));
  }
  chart.append(svg('text', { x: width / 2, y: height - 6, class: 'label', 'text-anchor': 'middle' },
    'cost per million tokens'));
  chart.append(svg('text', { x: 12, y: pad.top + (height - pad.top - pad.bottom) / 2, class: 'label',
    'text-anchor': 'middle', transform: `rotate(-90 12 ${pad.top + (height - pad.top - pad.bottom) / 2})` },
  'accuracy relative to the teacher'));
  points.forEach((point, i) => {
    // the student, or the chosen candidate, in the student's colour
    const g = svg('g', { class: `point point-${point.name}${point.chosen ? ' point-student' : ''}`,
      'data-point': point.name });
    g.append(svg('circle', { cx: x(point.cost), cy: y(point.relative), r: 7 }));
    // labels of points in the right half go to their left, so that they stay inside the chart; the second point's
    // below it, so that two close points' labels do not overlap
    const right = x(point.cost) > width / 2;
    g.append(svg('text', { x: x(point.cost) + (right ? -11 : 11), y: y(point.relative) + (i % 2 ? 20 : -8),
      class: 'label', 'text-anchor': right ? 'end' : 'start' }, `${point.name} · p95 ${point.p95} ms`));
    chart.append(g);
  });
  document.getElementById('chart').replaceChildren(chart);
}

async function renderJob() {
  const chosen = selected();
  const section = document.getElementById('job');
  section.hidden = !chosen;
  if (!chosen) {
    return;
  }
  const detail = await get(`api/jobs/${encodeURIComponent(chosen.namespace)}/${encodeURIComponent(chosen.name)}`);
  document.getElementById('job-title').textContent = `${detail.job.namespace}/${detail.job.name}`;
  document.getElementById('job-summary').textContent = `Teacher ${detail.job.teacher}, task ${detail.job.task}, `
    + `student from ${detail.job.student}: stage ${detail.job.stage}.`;
  renderGraph(detail.stages, detail.trainingAhead);
  const trained = detail.stages.findIndex(stage => stage.id === 'train') + 1;
  renderStages([...detail.stages.slice(0, trained), ...detail.trainingAhead, ...detail.stages.slice(trained)]);
  renderConditions(detail.conditions);
  renderLive(detail.canary, detail.shadow);
  renderShadowHistory(detail.shadowHistory);
  renderCandidates(detail.candidates);
  renderReport(detail.report, detail.candidates);
}

async function refresh() {
  try {
    const jobs = await get('api/jobs');
    if (!selected() && jobs.length > 0) {
      history.replaceState(null, '', `#job=${encodeURIComponent(jobs[0].namespace)}/${encodeURIComponent(jobs[0].name)}`);
    }
    renderJobs(jobs);
    await renderJob();
    notice(null);
  } catch (error) {
    notice(`The operator did not answer: ${error.message}. Retry with Refresh.`);
  }
}

document.getElementById('refresh').addEventListener('click', refresh);
window.addEventListener('hashchange', refresh);
refresh();
setInterval(refresh, 10_000);
