import type { DashboardBody } from '../model/types.js';

const CELL = 4;

/**
 * Draws a dashboard body's layout as a text grid (4 characters per column of CloudWatch's 24,
 * one line per row): each widget a box with its type and title. For reviewing layouts.
 */
export function dashboardGrid(body: DashboardBody): string {
  const height = body.widgets.reduce((h, w) => Math.max(h, w.y + w.height), 0);
  const canvas = Array.from({ length: height + 1 }, () => Array.from({ length: 24 * CELL + 1 }, () => ' '));
  for (const w of body.widgets) {
    const x0 = w.x * CELL;
    const x1 = (w.x + w.width) * CELL;
    const y0 = w.y;
    const y1 = w.y + w.height;
    for (let x = x0; x <= x1; x++) {
      canvas[y0]![x] = x === x0 || x === x1 ? '+' : '-';
      canvas[y1]![x] = x === x0 || x === x1 ? '+' : '-';
    }
    for (let y = y0 + 1; y < y1; y++) {
      canvas[y]![x0] = '|';
      canvas[y]![x1] = '|';
    }
    const props = w.properties as { title?: string; markdown?: string; alarms?: unknown[] };
    const title = props.title ?? props.markdown?.split('\n')[0]?.replace(/\\/g, '') ?? '';
    const label = `${w.type}${w.type === 'alarm' ? ` ×${props.alarms?.length ?? 0}` : ''}: ${title}`;
    const room = x1 - x0 - 2;
    const row = y1 - y0 > 1 ? y0 + 1 : y0;
    [...label.slice(0, Math.max(0, room))].forEach((c, i) => (canvas[row]![x0 + 1 + i] = c));
  }
  return `${canvas.map((r) => r.join('').trimEnd()).join('\n')}\n`;
}
