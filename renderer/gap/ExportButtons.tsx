import { useState, type RefObject } from 'react';
import { chartToSvgString, svgToPngBytes } from '../charts/export';
import { bridge } from '../bridge';

/**
 * Export a chart as SVG or PNG (2x). The renderer cannot write files, so the bytes go to the desktop
 * app's save operation when it has one; without it the analyst is told, and nothing is copied.
 */
export function ExportButtons({ chartRef, name }: { chartRef: RefObject<HTMLDivElement | null>; name: string }) {
  const [message, setMessage] = useState<string | null>(null);
  const run = async (kind: 'svg' | 'png') => {
    const svg = chartRef.current?.querySelector<SVGSVGElement>('svg.chart-svg');
    const save = bridge().saveExport;
    if (!svg) return;
    if (!save) {
      setMessage('Export needs the desktop app.');
      return;
    }
    try {
      const text = chartToSvgString(svg);
      const data = kind === 'svg' ? text : await svgToPngBytes(text, 2);
      await save({ name: `${name}.${kind}`, kind, data });
      setMessage(null);
    } catch (error) {
      setMessage(error instanceof Error ? error.message : String(error));
    }
  };
  return (
    <div className="chart-export">
      {message && (
        <span className="chart-export-message" role="status">
          {message}
        </span>
      )}
      <button type="button" onClick={() => void run('svg')}>
        Export SVG
      </button>
      <button type="button" onClick={() => void run('png')}>
        Export PNG
      </button>
    </div>
  );
}
