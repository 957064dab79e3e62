const day = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric' });
const dayMonth = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short' });
const minute = new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit', hour12: false });
const second = new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false });

interface Taken {
  id: string;
  takenAt: string;
}

const as = (format: Intl.DateTimeFormat, s: Taken) => format.format(new Date(s.takenAt));

/** Labels that tell every snapshot apart: `base` alone, then with the minute, then the second, then a count. */
function distinct(snapshots: Taken[], base: (s: Taken) => string, join: (a: string, b: string) => string): Map<string, string> {
  const bases = snapshots.map(base);
  const clash = (index: number) => bases.filter((b) => b === bases[index]).length > 1;
  const labels = snapshots.map((s, index) => {
    if (!clash(index)) return bases[index]!;
    const sameMinute = snapshots.filter((o, j) => bases[j] === bases[index] && as(minute, o) === as(minute, s)).length > 1;
    return join(bases[index]!, as(sameMinute ? second : minute, s));
  });
  const seen = new Map<string, number>();
  return new Map(
    snapshots.map((s, index) => {
      const label = labels[index]!;
      const count = (seen.get(label) ?? 0) + 1;
      seen.set(label, count);
      return [s.id, count > 1 ? `${label} (${count})` : label];
    }),
  );
}

/**
 * A label per snapshot for the list and the tooltips: its day ("27 Nov 2026"), with the time when
 * two share a day, and a count when two share even the second, so no two read alike.
 */
export function snapshotLabels(snapshots: Taken[]): Map<string, string> {
  return distinct(
    snapshots,
    (s) => as(day, s),
    (a, b) => `${a} ${b}`,
  );
}

/**
 * Short labels for the trend's axis, with the words that complete them: times alone when every
 * snapshot is of one day ("Snapshots of 27 Nov 2026"), day and month within one year.
 */
export function snapshotAxis(snapshots: Taken[]): { labels: Map<string, string>; title: string } {
  const days = new Set(snapshots.map((s) => as(day, s)));
  const years = new Set(snapshots.map((s) => new Date(s.takenAt).getFullYear()));
  if (days.size === 1 && snapshots.length > 1)
    return {
      labels: distinct(
        snapshots,
        () => '',
        (_, time) => time,
      ),
      title: `Snapshots of ${[...days][0]!}`,
    };
  if (years.size === 1)
    return {
      labels: distinct(
        snapshots,
        (s) => as(dayMonth, s),
        (a, b) => `${a} ${b}`,
      ),
      title: `Snapshots, ${[...years][0]!}`,
    };
  return { labels: snapshotLabels(snapshots), title: 'Snapshots' };
}

export const formatTakenAt = (takenAt: string) => `${day.format(new Date(takenAt))}, ${minute.format(new Date(takenAt))}`;
