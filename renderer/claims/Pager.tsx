import { formatNumber } from '../common/numbers';

interface PagerProps {
  offset: number;
  shown: number;
  total: number;
  pageSize: number;
  onOffsetChange: (offset: number) => void;
}

/** "Showing 101–180 of 180" with Previous/Next; the buttons stay put so the eye does not hunt. */
export function Pager({ offset, shown, total, pageSize, onOffsetChange }: PagerProps) {
  const status =
    total === 0 ? 'No claims' : `Showing ${formatNumber(offset + 1)}–${formatNumber(offset + shown)} of ${formatNumber(total)}`;
  return (
    <div className="pager">
      <span className="pager-status" role="status">
        {status}
      </span>
      <button type="button" disabled={offset === 0} onClick={() => onOffsetChange(Math.max(0, offset - pageSize))}>
        Previous
      </button>
      <button type="button" disabled={offset + pageSize >= total} onClick={() => onOffsetChange(offset + pageSize)}>
        Next
      </button>
    </div>
  );
}
