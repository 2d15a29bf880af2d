// Charts of the reports, drawn by Chart.js (bundled, no CDN) with only the
// pieces a bar chart needs registered, so the rest is tree-shaken away.
// Components use this module alone; unit tests mock it (jsdom has no canvas).
import { BarController, BarElement, CategoryScale, Chart, LinearScale, Tooltip } from 'chart.js';

Chart.register(BarController, BarElement, CategoryScale, LinearScale, Tooltip);

export interface BarChart {
  update(labels: string[], values: number[], tooltips: string[]): void;
  destroy(): void;
}

export interface BarOptions {
  /** The label of the value axis ("%"). */
  max?: number;
  /** A bar was clicked: its index. */
  onclick?: (index: number) => void;
  color?: string;
}

/** A bar chart on the canvas; values are shown as they are (0–max). */
export function barChart(canvas: HTMLCanvasElement, options: BarOptions = {}): BarChart {
  let tips: string[] = [];
  const chart = new Chart<'bar', number[], string>(canvas, {
    type: 'bar',
    data: { labels: [] as string[], datasets: [{ data: [] as number[], backgroundColor: options.color ?? '#173a63', borderRadius: 3 }] },
    options: {
      responsive: true,
      maintainAspectRatio: false,
      animation: false,
      scales: {
        y: { beginAtZero: true, max: options.max, ticks: { callback: (v) => `${v}%` } },
        x: { grid: { display: false } },
      },
      plugins: {
        tooltip: { callbacks: { label: (item) => tips[item.dataIndex] ?? String(item.raw) } },
      },
      onClick: (_event, elements) => {
        if (elements.length > 0) options.onclick?.(elements[0].index);
      },
      onHover: (event, elements) => {
        const target = event.native?.target as HTMLElement | undefined;
        if (target) target.style.cursor = elements.length > 0 ? 'pointer' : 'default';
      },
    },
  });
  return {
    update(labels, values, tooltips) {
      tips = tooltips;
      chart.data.labels = labels;
      chart.data.datasets[0].data = values;
      chart.update();
    },
    destroy() {
      chart.destroy();
    },
  };
}
