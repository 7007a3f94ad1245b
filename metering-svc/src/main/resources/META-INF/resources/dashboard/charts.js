// Charts drawn as inline SVG, one user unit per CSS pixel: lines, vertical bars, horizontal bars and stacked
// horizontal bars. Every chart is an <svg data-chart="id">; marks carry data-* attributes with their raw values and a
// <title> that the browser shows as a tooltip.

const SVG = 'http://www.w3.org/2000/svg';
const PALETTE = ['#3b6fd8', '#f08c2e', '#2b9f78', '#d64a5b', '#8a5cd1', '#c9a227', '#2ba3c4', '#d46fb0',
  '#6f8d3c', '#8c6d5a', '#5b6b7d', '#e07b53'];
const CHAR = 6.8; // average glyph width of the 12px labels, to size gutters

/** One colour per name, in the order given, reused across charts so a team keeps its colour. */
export function palette(names) {
  return new Map(names.map((name, i) => [name, PALETTE[i % PALETTE.length]]));
}

function svg(name, attrs = {}, ...children) {
  const node = document.createElementNS(SVG, name);
  for (const [key, value] of Object.entries(attrs)) {
    if (value !== undefined && value !== null) {
      node.setAttribute(key, value);
    }
  }
  for (const child of children) {
    node.append(child);
  }
  return node;
}

function tip(text) {
  return svg('title', {}, text);
}

function clip(text, chars) {
  return text.length > chars ? `${text.slice(0, chars - 1)}…` : text;
}

function frame(id, label, width, height) {
  return svg('svg', {
    class: 'chart', 'data-chart': id, role: 'img', 'aria-label': label,
    width, height, viewBox: `0 0 ${width} ${height}`,
  });
}

/** Round steps of about a quarter of {@code max}, from zero to the first at or above it. */
function ticks(max) {
  if (!(max > 0)) {
    return [0, 1];
  }
  const rough = max / 4;
  const magnitude = 10 ** Math.floor(Math.log10(rough));
  const step = [1, 2, 2.5, 5, 10].find((s) => s * magnitude >= rough) * magnitude;
  const result = [0];
  while (result[result.length - 1] < max) {
    result.push(result.length * step);
  }
  return result;
}

function legend(entries) {
  const list = document.createElement('ul');
  list.className = 'legend';
  for (const [name, color] of entries) {
    const item = document.createElement('li');
    const swatch = document.createElement('span');
    swatch.className = 'swatch';
    swatch.style.background = color;
    item.append(swatch, name);
    list.append(item);
  }
  return list;
}

function figure(chart, entries) {
  const node = document.createElement('figure');
  node.className = 'chart-figure';
  node.append(chart);
  if (entries && entries.length > 1) {
    node.append(legend(entries));
  }
  return node;
}

function empty(id, text) {
  const node = document.createElement('p');
  node.className = 'chart-empty';
  node.dataset.chart = id;
  node.textContent = text;
  return node;
}

/** A value axis on the left with grid lines; returns the y of a value. */
function valueAxis(chart, box, max, format) {
  const marks = ticks(max);
  const top = marks[marks.length - 1];
  const y = (v) => box.y + box.h - (v / top) * box.h;
  for (const t of marks) {
    chart.append(svg('line', { class: t === 0 ? 'axis' : 'grid', x1: box.x, x2: box.x + box.w, y1: y(t), y2: y(t) }),
      svg('text', { class: 'tick', x: box.x - 8, y: y(t) + 4, 'text-anchor': 'end' }, format(t)));
  }
  return y;
}

/**
 * Lines over a shared x axis of labels. {@code series}: [{name, values, color, strong}], values aligned with
 * {@code x}. Hovering a column names every series' value there.
 */
export function lines({ id, label, width, height = 280, x, xFormat, series, format }) {
  if (x.length === 0 || series.length === 0) {
    return empty(id, 'No usage in this range.');
  }
  const chart = frame(id, label, width, height);
  const box = { x: 64, y: 12, w: width - 64 - 16, h: height - 12 - 30 };
  const max = Math.max(...series.flatMap((s) => s.values));
  const y = valueAxis(chart, box, max, format);
  const step = x.length > 1 ? box.w / (x.length - 1) : 0;
  const px = (i) => (x.length > 1 ? box.x + i * step : box.x + box.w / 2);
  const every = Math.max(1, Math.ceil(x.length / Math.floor(box.w / 64)));
  x.forEach((value, i) => {
    if (i % every === 0) {
      chart.append(svg('text', { class: 'tick', x: px(i), y: box.y + box.h + 18, 'text-anchor': 'middle' },
        xFormat(value)));
    }
  });
  for (const s of [...series].reverse()) {
    const d = s.values.map((v, i) => `${i === 0 ? 'M' : 'L'}${px(i).toFixed(1)},${y(v).toFixed(1)}`).join('');
    chart.append(svg('path', {
      class: s.strong ? 'line strong' : 'line', d, stroke: s.color,
      'data-series': s.name, 'data-sum': s.values.reduce((a, b) => a + b, 0),
    }, tip(s.name)));
    if (x.length <= 31) {
      s.values.forEach((v, i) => chart.append(svg('circle', {
        class: 'dot', cx: px(i), cy: y(v), r: s.strong ? 3 : 2.2, fill: s.color,
      })));
    }
  }
  x.forEach((value, i) => {
    const text = [xFormat(value), ...series.map((s) => `${s.name}: ${format(s.values[i], true)}`)].join('\n');
    chart.append(svg('rect', {
      class: 'hover', x: px(i) - step / 2, y: box.y, width: Math.max(step, 8), height: box.h, 'data-x': value,
    }, tip(text)));
  });
  return figure(chart, series.map((s) => [s.name, s.color]));
}

/** Vertical bars, one per item: [{label, value, color, text}]; {@code text} is printed above the bar. */
export function bars({ id, label, width, height = 240, items, format }) {
  if (items.length === 0) {
    return empty(id, 'No usage in this range.');
  }
  const chart = frame(id, label, width, height);
  const box = { x: 64, y: 22, w: width - 64 - 12, h: height - 22 - 30 };
  const y = valueAxis(chart, box, Math.max(...items.map((i) => i.value)), format);
  const slot = box.w / items.length;
  const bar = Math.min(56, slot * 0.6);
  items.forEach((item, i) => {
    const cx = box.x + slot * (i + 0.5);
    chart.append(svg('rect', {
      class: 'bar', x: cx - bar / 2, y: y(item.value), width: bar, height: box.y + box.h - y(item.value),
      fill: item.color, 'data-label': item.label, 'data-value': item.value,
    }, tip(`${item.label}: ${item.text}`)),
    svg('text', { class: 'value', x: cx, y: y(item.value) - 6, 'text-anchor': 'middle' }, item.text),
    svg('text', { class: 'tick', x: cx, y: box.y + box.h + 18, 'text-anchor': 'middle' },
      clip(item.label, Math.floor(slot / CHAR))));
  });
  return figure(chart);
}

/**
 * Horizontal bars, largest first as given: [{label, value, text, color, note}]. Bars are scaled to {@code max}
 * (the largest value when absent); {@code text} is printed after the bar, {@code note} in its tooltip.
 */
export function hbars({ id, label, width, items, max }) {
  if (items.length === 0) {
    return empty(id, 'No usage in this range.');
  }
  const row = 28;
  const gutter = Math.min(200, 16 + CHAR * Math.max(...items.map((i) => Math.min(i.label.length, 26))));
  const textWidth = 16 + CHAR * Math.max(...items.map((i) => i.text.length));
  const chart = frame(id, label, width, items.length * row + 8);
  const scale = max ?? Math.max(...items.map((i) => i.value));
  const span = width - gutter - textWidth;
  items.forEach((item, i) => {
    const top = 4 + i * row;
    const length = scale > 0 ? Math.max(item.value > 0 ? 2 : 0, (item.value / scale) * span) : 0;
    chart.append(svg('text', { class: 'label', x: gutter - 10, y: top + row / 2 + 4, 'text-anchor': 'end' },
      clip(item.label, 26)),
    svg('rect', { class: 'track', x: gutter, y: top + 5, width: span, height: row - 10, rx: 3 }),
    svg('rect', {
      class: 'bar', x: gutter, y: top + 5, width: length, height: row - 10, rx: 3, fill: item.color,
      'data-label': item.label, 'data-value': item.value,
    }, tip(`${item.label}: ${item.note ?? item.text}`)),
    svg('text', { class: 'value', x: gutter + length + 8, y: top + row / 2 + 4 }, item.text));
  });
  return figure(chart);
}

/**
 * Horizontal bars cut into coloured parts: {@code categories} are the rows, [{name, values, color}] the parts,
 * values aligned with the rows. The row total is printed after each bar.
 */
export function stackedHbars({ id, label, width, categories, series, format }) {
  if (categories.length === 0) {
    return empty(id, 'No usage in this range.');
  }
  const row = 32;
  const totals = categories.map((_, i) => series.reduce((sum, s) => sum + s.values[i], 0));
  const gutter = Math.min(200, 16 + CHAR * Math.max(...categories.map((c) => Math.min(c.length, 26))));
  const textWidth = 16 + CHAR * Math.max(...totals.map((t) => format(t, true).length));
  const chart = frame(id, label, width, categories.length * row + 8);
  const scale = Math.max(...totals);
  const span = width - gutter - textWidth;
  categories.forEach((category, i) => {
    const top = 4 + i * row;
    chart.append(svg('text', { class: 'label', x: gutter - 10, y: top + row / 2 + 4, 'text-anchor': 'end' },
      clip(category, 26)));
    let at = gutter;
    for (const s of series) {
      const value = s.values[i];
      if (value > 0) {
        const length = scale > 0 ? (value / scale) * span : 0;
        chart.append(svg('rect', {
          class: 'segment', x: at, y: top + 5, width: length, height: row - 10, fill: s.color,
          'data-category': category, 'data-series': s.name, 'data-value': value,
        }, tip(`${category} · ${s.name}: ${format(value, true)} (${Math.round((100 * value) / totals[i])}%)`)));
        at += length;
      }
    }
    chart.append(svg('text', { class: 'value', x: at + 8, y: top + row / 2 + 4 }, format(totals[i], true)));
  });
  return figure(chart, series.map((s) => [s.name, s.color]));
}
