import { html } from '../html.ts';

export interface Bar {
  label: string;
  value: number /** Shown under the bar; every few bars get one. */;
  tick?: string;
}

/**
 * A bar chart as SVG, drawn on the server: no script, no library, prints and scales. The
 * figures are in a table beside it (views/admin/audience.ts); the SVG's title and description
 * say what it shows for screen readers, and each bar carries its own <title> for a tooltip.
 */
export function columnChart(
  id: string,
  title: string,
  bars: Bar[],
  options: { width?: number; height?: number } = {},
): string {
  const width = options.width ?? 720;
  const height = options.height ?? 220;
  const top = 16,
    bottom = 28,
    left = 64,
    right = 8;
  const max = niceMax(Math.max(0, ...bars.map((b) => b.value)));
  const plotW = width - left - right,
    plotH = height - top - bottom;
  const step = bars.length ? plotW / bars.length : plotW;
  const barW = Math.max(1, step * 0.72);
  const y = (v: number) => top + plotH - (max === 0 ? 0 : (v / max) * plotH);
  const gridValues = [0, max / 2, max];
  return html`<svg class="chart" viewBox="0 0 ${width} ${height}" role="img" aria-labelledby="${id}-t ${id}-d" preserveAspectRatio="xMidYMid meet">
<title id="${id}-t">${title}</title>
<desc id="${id}-d">Maximum : ${fr(Math.max(0, ...bars.map((b) => b.value)))}. Les valeurs sont dans le tableau qui suit.</desc>
!${gridValues.map((g) => html`<line class="grid" x1="${left}" x2="${width - right}" y1="${y(g).toFixed(1)}" y2="${y(g).toFixed(1)}"></line><text class="axis" x="${left - 6}" y="${(y(g) + 4).toFixed(1)}" text-anchor="end">${fr(g)}</text>`)}
!${bars.map((b, i) => {
    const x = left + i * step + (step - barW) / 2;
    return html`<g><rect class="bar" x="${x.toFixed(1)}" y="${y(b.value).toFixed(1)}" width="${barW.toFixed(1)}" height="${(top + plotH - y(b.value)).toFixed(1)}"><title>${b.label} : ${fr(b.value)}</title></rect>!${b.tick ? html`<text class="axis" x="${(x + barW / 2).toFixed(1)}" y="${height - 10}" text-anchor="middle">${b.tick}</text>` : ''}</g>`;
  })}
</svg>`;
}

/** Horizontal bars for shares (sections, referrer kinds), labelled in the SVG itself. */
export function barList(id: string, title: string, bars: Bar[]): string {
  const rowH = 26,
    labelW = 190,
    width = 720,
    valueW = 70;
  const height = Math.max(rowH, bars.length * rowH) + 4;
  const max = Math.max(1, ...bars.map((b) => b.value));
  const plotW = width - labelW - valueW;
  return html`<svg class="chart" viewBox="0 0 ${width} ${height}" role="img" aria-labelledby="${id}-t">
<title id="${id}-t">${title}</title>
!${bars.map((b, i) => html`<g><text class="label" x="${labelW - 8}" y="${i * rowH + 18}" text-anchor="end">${b.label}</text><rect class="bar" x="${labelW}" y="${i * rowH + 5}" width="${Math.max(1, (b.value / max) * plotW).toFixed(1)}" height="${rowH - 10}"><title>${b.label} : ${fr(b.value)}</title></rect><text class="axis" x="${(labelW + Math.max(1, (b.value / max) * plotW) + 6).toFixed(1)}" y="${i * rowH + 18}">${fr(b.value)}</text></g>`)}
</svg>`;
}

const frenchNumber = new Intl.NumberFormat('fr-FR', {
  maximumFractionDigits: 0,
});
function fr(n: number): string {
  return frenchNumber.format(n);
}

/** 1, 2, 5 × 10ⁿ above `v`, so the axis reads round numbers. */
function niceMax(v: number): number {
  if (v <= 0) return 0;
  const p = 10 ** Math.floor(Math.log10(v));
  return ([1, 2, 5, 10].find((m) => m * p >= v) ?? 10) * p;
}
