import { useCallback, useRef, useState, type FocusEvent, type KeyboardEvent, type MouseEvent, type ReactNode } from 'react';

/** What a mark's tooltip says: a heading, the figure with its unit and year, and the evidence behind it. */
export interface MarkInfo {
  heading: string;
  lines: string[];
  evidence: string;
  claimIds: string[];
}

interface Tip {
  x: number;
  y: number;
  info: MarkInfo;
}

/**
 * One way for every chart's marks to behave: focusable, named for a screen reader, a tooltip on hover
 * or focus (a positioned div, so it can hold more than a title), and Enter or a click opens the claims.
 */
export function useChartMarks(onOpenClaims: (claimIds: string[]) => void) {
  const containerRef = useRef<HTMLDivElement>(null);
  const [tip, setTip] = useState<Tip | null>(null);

  const show = useCallback((target: Element, info: MarkInfo) => {
    const container = containerRef.current;
    if (!container) return;
    const box = container.getBoundingClientRect();
    const mark = target.getBoundingClientRect();
    setTip({ x: mark.left + mark.width / 2 - box.left, y: mark.top - box.top, info });
  }, []);
  const hide = useCallback(() => setTip(null), []);

  const markProps = (info: MarkInfo, label: string) => ({
    tabIndex: 0,
    role: 'button',
    'aria-label': label,
    'data-claim-ids': info.claimIds.join(' '),
    onMouseEnter: (event: MouseEvent<SVGElement>) => show(event.currentTarget, info),
    onMouseLeave: hide,
    onFocus: (event: FocusEvent<SVGElement>) => show(event.currentTarget, info),
    onBlur: hide,
    onClick: () => {
      if (info.claimIds.length > 0) onOpenClaims(info.claimIds);
    },
    onKeyDown: (event: KeyboardEvent<SVGElement>) => {
      if (event.key === 'Enter' || event.key === ' ') {
        event.preventDefault();
        if (info.claimIds.length > 0) onOpenClaims(info.claimIds);
      } else if (event.key === 'Escape') hide();
    },
  });

  const tooltip: ReactNode = tip && (
    <div className="chart-tooltip" role="tooltip" style={{ left: tip.x, top: tip.y }}>
      <div className="chart-tooltip-heading">{tip.info.heading}</div>
      {tip.info.lines.map((line) => (
        <div key={line} className="chart-tooltip-figure">
          {line}
        </div>
      ))}
      <div className="chart-tooltip-evidence">{tip.info.evidence}</div>
      {tip.info.claimIds.length > 0 && <div className="chart-tooltip-hint">Click or press Enter to open the claims</div>}
    </div>
  );

  return { containerRef, markProps, tooltip };
}
