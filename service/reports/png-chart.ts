/**
 * Simple bar and line charts drawn straight into PNG with pngjs (pure JS, no
 * native addon, so it travels inside the Windows single executable). Outlook
 * does not render SVG, so mail charts must be bitmaps. The PNG holds no text:
 * titles, labels and numbers go in the HTML next to the image. Drawn at twice
 * the display size so it stays sharp on high-density screens.
 */
import { PNG } from 'pngjs';

export type Rgb = readonly [number, number, number];

export function hexColor(hex: string): Rgb {
  const m = /^#?([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex);
  if (!m) throw new Error(`Color inválido: ${hex}`);
  return [parseInt(m[1] as string, 16), parseInt(m[2] as string, 16), parseInt(m[3] as string, 16)];
}

const WHITE: Rgb = [255, 255, 255];
const GRID: Rgb = [228, 231, 235];
const AXIS: Rgb = [154, 165, 177];

class Canvas {
  readonly png: PNG;
  constructor(readonly width: number, readonly height: number) {
    this.png = new PNG({ width, height });
    this.rect(0, 0, width, height, WHITE);
  }

  set(x: number, y: number, c: Rgb, alpha = 1): void {
    const xi = Math.round(x);
    const yi = Math.round(y);
    if (xi < 0 || yi < 0 || xi >= this.width || yi >= this.height) return;
    const i = (yi * this.width + xi) * 4;
    const d = this.png.data;
    d[i] = Math.round((d[i] as number) * (1 - alpha) + c[0] * alpha);
    d[i + 1] = Math.round((d[i + 1] as number) * (1 - alpha) + c[1] * alpha);
    d[i + 2] = Math.round((d[i + 2] as number) * (1 - alpha) + c[2] * alpha);
    d[i + 3] = 255;
  }

  rect(x: number, y: number, w: number, h: number, c: Rgb): void {
    for (let yy = Math.round(y); yy < Math.round(y + h); yy += 1) {
      for (let xx = Math.round(x); xx < Math.round(x + w); xx += 1) this.set(xx, yy, c);
    }
  }

  /** A thick line: stamps discs along the segment (good enough for charts). */
  line(x0: number, y0: number, x1: number, y1: number, c: Rgb, thickness: number): void {
    const steps = Math.max(1, Math.ceil(Math.hypot(x1 - x0, y1 - y0)));
    for (let s = 0; s <= steps; s += 1) this.disc(x0 + ((x1 - x0) * s) / steps, y0 + ((y1 - y0) * s) / steps, thickness / 2, c);
  }

  disc(cx: number, cy: number, r: number, c: Rgb): void {
    for (let y = Math.floor(cy - r - 1); y <= Math.ceil(cy + r + 1); y += 1) {
      for (let x = Math.floor(cx - r - 1); x <= Math.ceil(cx + r + 1); x += 1) {
        const dist = Math.hypot(x - cx, y - cy);
        const alpha = Math.max(0, Math.min(1, r + 0.5 - dist));
        if (alpha > 0) this.set(x, y, c, alpha);
      }
    }
  }

  encode(): Buffer {
    return PNG.sync.write(this.png);
  }
}

export interface ChartSize {
  /** Display size in CSS pixels; the PNG is drawn at twice this. */
  width: number;
  height: number;
}

const PAD = 12;

/** Horizontal grid lines at quarters of the scale, and the base line. */
function grid(cv: Canvas, top: number, bottom: number, left: number, right: number): void {
  for (let q = 0; q < 4; q += 1) cv.rect(left, top + ((bottom - top) * q) / 4, right - left, 2, GRID);
  cv.rect(left, bottom, right - left, 2, AXIS);
}

/** Vertical bars, one per value, each with its color; the scale starts at zero. */
export function barChartPng(values: readonly number[], colors: readonly string[], size: ChartSize): Buffer {
  const cv = new Canvas(size.width * 2, size.height * 2);
  const top = PAD * 2;
  const bottom = cv.height - PAD * 2;
  const left = PAD * 2;
  const right = cv.width - PAD * 2;
  grid(cv, top, bottom, left, right);
  const max = Math.max(0, ...values);
  const slot = (right - left) / Math.max(1, values.length);
  values.forEach((v, i) => {
    const h = max > 0 ? ((bottom - top) * Math.max(0, v)) / max : 0;
    const color = hexColor(colors[i % colors.length] ?? '#1e3a5f');
    cv.rect(left + slot * i + slot * 0.18, bottom - h, slot * 0.64, h, color);
  });
  return cv.encode();
}

/** One or more line series over the same points; the scale starts at zero. */
export function lineChartPng(series: readonly { values: readonly number[]; color: string }[], size: ChartSize): Buffer {
  const cv = new Canvas(size.width * 2, size.height * 2);
  const top = PAD * 2;
  const bottom = cv.height - PAD * 2;
  const left = PAD * 2;
  const right = cv.width - PAD * 2;
  grid(cv, top, bottom, left, right);
  const max = Math.max(0, ...series.flatMap((s) => s.values));
  for (const s of series) {
    const color = hexColor(s.color);
    const n = s.values.length;
    const x = (i: number): number => (n <= 1 ? (left + right) / 2 : left + ((right - left) * i) / (n - 1));
    const y = (v: number): number => bottom - (max > 0 ? ((bottom - top) * Math.max(0, v)) / max : 0);
    for (let i = 1; i < n; i += 1) cv.line(x(i - 1), y(s.values[i - 1] as number), x(i), y(s.values[i] as number), color, 5);
    s.values.forEach((v, i) => cv.disc(x(i), y(v), 6, color));
  }
  return cv.encode();
}

/** Horizontal bars (one per row), for rankings such as overdue balance per seller. */
export function horizontalBarsPng(values: readonly number[], color: string, size: ChartSize): Buffer {
  const cv = new Canvas(size.width * 2, size.height * 2);
  const left = PAD;
  const right = cv.width - PAD;
  const max = Math.max(0, ...values);
  const slot = (cv.height - PAD * 2) / Math.max(1, values.length);
  const c = hexColor(color);
  values.forEach((v, i) => {
    const w = max > 0 ? ((right - left) * Math.max(0, v)) / max : 0;
    cv.rect(left, PAD + slot * i + slot * 0.2, Math.max(w, v > 0 ? 2 : 0), slot * 0.6, c);
  });
  return cv.encode();
}

export function pngDataUri(png: Buffer): string {
  return `data:image/png;base64,${png.toString('base64')}`;
}
