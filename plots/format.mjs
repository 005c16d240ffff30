// Dutch notation for numbers and percentages (12.345 and 1,5), and escaping text for HTML.

/** Format x with `decimals` decimals in Dutch notation (thousands '.', decimal ','). */
export function nl(x, decimals = 0, { sign = false } = {}) {
  if (x === null || x === undefined || !Number.isFinite(x)) return '–';
  const fixed = Math.abs(x).toFixed(decimals);
  const [int, frac] = fixed.split('.');
  const grouped = int.replace(/\B(?=(\d{3})+(?!\d))/g, '.');
  let s = frac ? `${grouped},${frac}` : grouped;
  const zero = Number(fixed) === 0;
  if (x < 0 && !zero) s = '−' + s; // U+2212, a real minus sign
  else if (sign && !zero) s = '+' + s;
  return s;
}

/** A share (0..1) as a Dutch percentage: 0.125 -> "12,5%". */
export function pct(share, decimals = 1, opts = {}) {
  return nl(share * 100, decimals, opts) + '%';
}

export function escapeHtml(s) {
  return String(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}
