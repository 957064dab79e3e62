export type ViewName = 'gap' | 'scores' | 'reports' | 'claims' | 'sources' | 'conflicts' | 'countries' | 'import';

const views: { name: ViewName; label: string }[] = [
  { name: 'gap', label: 'Gap' },
  { name: 'scores', label: 'Scores' },
  { name: 'reports', label: 'Reports' },
  { name: 'claims', label: 'Claims' },
  { name: 'sources', label: 'Sources' },
  { name: 'conflicts', label: 'Conflicts' },
  { name: 'countries', label: 'Countries' },
  { name: 'import', label: 'Import' },
];

/** The app's navigation: Gap · Scores · Reports · Claims · Sources · Conflicts · Countries · Import. */
export function ViewTabs({ view, onChange }: { view: ViewName; onChange: (view: ViewName) => void }) {
  return (
    <nav className="view-tabs" aria-label="Views">
      {views.map(({ name, label }) => (
        <button
          key={name}
          type="button"
          className="view-tab"
          aria-current={view === name ? 'page' : undefined}
          onClick={() => onChange(name)}
        >
          {label}
        </button>
      ))}
    </nav>
  );
}
