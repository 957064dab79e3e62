import { useCallback, useState } from 'react';
import { bridge } from '../bridge';
import { ErrorNotice } from '../common/ErrorNotice';
import { LoadingNotice } from '../common/LoadingNotice';
import { useLoadable } from '../common/useLoadable';
import type { Stage, Vocabulary } from '../types';
import { ClaimsTable } from './ClaimsTable';
import { Pager } from './Pager';
import { StageFilter } from './StageFilter';
import './claims.css';

/** Enough rows to scan a stage at once, few enough to render instantly. */
export const claimsPageSize = 100;

export function ClaimsView({ vocabulary }: { vocabulary: Vocabulary }) {
  const [stage, setStage] = useState<Stage | undefined>(undefined);
  const [offset, setOffset] = useState(0);
  const loadPage = useCallback(
    () => bridge().listClaims({ offset, limit: claimsPageSize, ...(stage ? { stage } : {}) }),
    [offset, stage],
  );
  const page = useLoadable(loadPage);

  const chooseStage = (next: Stage | undefined) => {
    setStage(next);
    setOffset(0);
  };

  return (
    <section className="claims-view" aria-labelledby="claims-heading">
      <div className="claims-toolbar">
        <h2 id="claims-heading">Claims</h2>
        <StageFilter vocabulary={vocabulary} stage={stage} onChange={chooseStage} />
        {page.value && !page.error && (
          <Pager
            offset={page.value.offset}
            shown={page.value.rows.length}
            total={page.value.total}
            pageSize={claimsPageSize}
            onOffsetChange={setOffset}
          />
        )}
      </div>
      {/* After a failed call the rows on screen no longer match the filter, so they are not shown. */}
      {page.error ? (
        <ErrorNotice what="the claims" message={page.error} />
      ) : !page.value || (page.loading && page.value.total === 0) ? (
        <LoadingNotice what="claims" />
      ) : page.value.total === 0 ? (
        <p className="claims-empty">
          {stage ? `No claims at the ${vocabulary.stages[stage]} stage.` : 'This workspace has no claims yet.'}
        </p>
      ) : (
        <div className="claims-scroll">
          <ClaimsTable claims={page.value.rows} vocabulary={vocabulary} busy={page.loading} />
        </div>
      )}
    </section>
  );
}
