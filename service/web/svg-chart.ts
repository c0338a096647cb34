/**
 * Small charts drawn on the server as inline SVG (the page's Content Security
 * Policy allows no script and no style attribute: colors go in SVG
 * presentation attributes such as fill=). Labels and figures are in the SVG
 * as text and also in the tables next to each chart.
 */
import { formatMoney } from '../../rules/format';

function esc(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

const r1 = (n: number): string => (Math.round(n * 10) / 10).toString();

/** Vertical bars, one per value (e.g. aging buckets), each with its color and label. */
export function svgBars(title: string, items: readonly { label: string; value: number; color: string }[]): string {
  const width = 560;
  const height = 220;
  const top = 24;
  const bottom = height - 36;
  const max = Math.max(0, ...items.map((i) => i.value));
  const slot = (width - 20) / Math.max(1, items.length);
  const bars = items.map((it, i) => {
    const h = max > 0 ? ((bottom - top) * Math.max(0, it.value)) / max : 0;
    const x = 10 + slot * i + slot * 0.15;
    return `<rect x="${r1(x)}" y="${r1(bottom - h)}" width="${r1(slot * 0.7)}" height="${r1(h)}" fill="${esc(it.color)}"><title>${esc(it.label)}: ${esc(formatMoney(it.value))}</title></rect>` +
      `<text x="${r1(x + slot * 0.35)}" y="${r1(bottom - h - 6)}" text-anchor="middle" font-size="11" fill="#1f2937">${esc(formatMoney(it.value))}</text>` +
      `<text x="${r1(x + slot * 0.35)}" y="${bottom + 18}" text-anchor="middle" font-size="12" fill="#6b7280">${esc(it.label)}</text>`;
  }).join('');
  return `<svg class="grafico" viewBox="0 0 ${width} ${height}" role="img" aria-label="${esc(title)}" xmlns="http://www.w3.org/2000/svg">` +
    `<title>${esc(title)}</title><line x1="10" y1="${bottom}" x2="${width - 10}" y2="${bottom}" stroke="#9aa5b1" stroke-width="1"/>${bars}</svg>`;
}

/** One or more lines over the same days (e.g. balance and overdue per day). */
export function svgLines(
  title: string, days: readonly string[], series: readonly { label: string; values: readonly number[]; color: string }[],
): string {
  const width = 560;
  const height = 220;
  const left = 10;
  const right = width - 10;
  const top = 16;
  const bottom = height - 40;
  const max = Math.max(0, ...series.flatMap((s) => s.values));
  const n = days.length;
  const x = (i: number): number => (n <= 1 ? (left + right) / 2 : left + ((right - left) * i) / (n - 1));
  const y = (v: number): number => bottom - (max > 0 ? ((bottom - top) * Math.max(0, v)) / max : 0);
  const lines = series.map((s) => {
    const points = s.values.map((v, i) => `${r1(x(i))},${r1(y(v))}`).join(' ');
    return `<polyline points="${points}" fill="none" stroke="${esc(s.color)}" stroke-width="2.5"><title>${esc(s.label)}</title></polyline>`;
  }).join('');
  const grid = [0, 1, 2, 3].map((q) => {
    const gy = top + ((bottom - top) * q) / 4;
    return `<line x1="${left}" y1="${r1(gy)}" x2="${right}" y2="${r1(gy)}" stroke="#e4e7eb" stroke-width="1"/>`;
  }).join('');
  const legend = series.map((s, i) =>
    `<rect x="${left + i * 200}" y="${height - 16}" width="12" height="12" fill="${esc(s.color)}"/>` +
    `<text x="${left + i * 200 + 18}" y="${height - 6}" font-size="12" fill="#1f2937">${esc(s.label)}</text>`).join('');
  const ends = n > 0
    ? `<text x="${left}" y="${bottom + 16}" font-size="11" fill="#6b7280">${esc(days[0]!)}</text>` +
      `<text x="${right}" y="${bottom + 16}" font-size="11" fill="#6b7280" text-anchor="end">${esc(days[n - 1]!)}</text>`
    : '';
  return `<svg class="grafico" viewBox="0 0 ${width} ${height}" role="img" aria-label="${esc(title)}" xmlns="http://www.w3.org/2000/svg">` +
    `<title>${esc(title)}</title>${grid}<line x1="${left}" y1="${bottom}" x2="${right}" y2="${bottom}" stroke="#9aa5b1" stroke-width="1"/>${lines}${ends}${legend}</svg>`;
}

/** Horizontal bars with their label and amount (e.g. overdue per seller). */
export function svgHorizontalBars(title: string, items: readonly { label: string; value: number }[], color: string): string {
  const width = 560;
  const row = 26;
  const height = Math.max(40, row * items.length + 10);
  const labelWidth = 190;
  const amountWidth = 120;
  const max = Math.max(0, ...items.map((i) => i.value));
  const bars = items.map((it, i) => {
    const w = max > 0 ? ((width - labelWidth - amountWidth) * Math.max(0, it.value)) / max : 0;
    const y = 5 + row * i;
    return `<text x="0" y="${y + 16}" font-size="12" fill="#1f2937">${esc(it.label.length > 28 ? `${it.label.slice(0, 27)}…` : it.label)}</text>` +
      `<rect x="${labelWidth}" y="${y + 4}" width="${r1(Math.max(w, it.value > 0 ? 2 : 0))}" height="${row - 10}" fill="${esc(color)}"><title>${esc(it.label)}: ${esc(formatMoney(it.value))}</title></rect>` +
      `<text x="${width}" y="${y + 16}" font-size="12" fill="#1f2937" text-anchor="end">${esc(formatMoney(it.value))}</text>`;
  }).join('');
  return `<svg class="grafico" viewBox="0 0 ${width} ${height}" role="img" aria-label="${esc(title)}" xmlns="http://www.w3.org/2000/svg">` +
    `<title>${esc(title)}</title>${bars}</svg>`;
}
