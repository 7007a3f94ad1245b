// Text for people. Money arrives as integer micro-USD and is summed as integers; it is divided only here, to print.

const MICROS_PER_CENT = 10_000n;
const compact = new Intl.NumberFormat('en-US', { notation: 'compact', maximumFractionDigits: 1 });
const whole = new Intl.NumberFormat('en-US');

/** {@code 1234567891} micro-USD becomes "$1,234.57": rounded to the cent with integer arithmetic. */
export function dollars(micros) {
  const m = BigInt(micros);
  const size = m < 0n ? -m : m;
  if (size > 0n && size < MICROS_PER_CENT / 2n) {
    return m < 0n ? '-<$0.01' : '<$0.01';
  }
  const cents = (size + MICROS_PER_CENT / 2n) / MICROS_PER_CENT;
  const text = `$${(cents / 100n).toLocaleString('en-US')}.${String(cents % 100n).padStart(2, '0')}`;
  return m < 0n ? `-${text}` : text;
}

/** Dollars for an axis tick: "$1.2K". */
export function dollarsShort(micros) {
  return `$${compact.format(Number(micros) / 1e6)}`;
}

export function count(n) {
  return whole.format(n);
}

export function countShort(n) {
  return compact.format(n);
}

export function millis(ms) {
  return ms >= 1000 ? `${(ms / 1000).toFixed(ms >= 10_000 ? 0 : 1)} s` : `${Math.round(ms)} ms`;
}

/** {@code part} of {@code whole} as "62.5%". */
export function percent(part, of) {
  return of > 0 ? `${((100 * part) / of).toFixed(1)}%` : '0%';
}

const CLIENTS = {
  'claude-code': 'Claude Code',
  codex: 'Codex',
  cursor: 'Cursor',
  copilot: 'Copilot',
  'openai-sdk': 'OpenAI SDK',
  'anthropic-sdk': 'Anthropic SDK',
  other: 'Other',
};

export function clientName(id) {
  return CLIENTS[id] ?? id;
}

/** "2026-05-07" becomes "May 7". */
export function day(label) {
  const date = new Date(`${label}T00:00:00Z`);
  return date.toLocaleDateString('en-US', { month: 'short', day: 'numeric', timeZone: 'UTC' });
}
