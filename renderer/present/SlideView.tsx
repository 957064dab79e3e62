import { useLayoutEffect, useRef, useState } from 'react';
import type { ReportSlide, ReportSlides } from '../../db/report/slides-types';
import { footnote, slideHeading, type Slide } from './deck';

/**
 * One slide, laid out on a fixed 1600 × 900 canvas that Presentation scales to the screen: type
 * sizes and how many table rows fit are then the same on a laptop and on a projector.
 */
export const slideWidth = 1600;
export const slideHeight = 900;

interface SlideViewProps {
  slide: Slide;
  report: ReportSlides;
  number: number;
  count: number;
}

export function SlideView({ slide, report, number, count }: SlideViewProps) {
  const label =
    slide.kind === 'title' ? report.title : slide.kind === 'item' ? slide.item.heading || 'Untitled item' : slideHeading(slide);
  return (
    <section
      className={`slide slide-kind-${slide.kind}${slide.kind === 'item' ? ` slide-item-${slide.item.kind}` : ''}`}
      aria-roledescription="slide"
      aria-label={`Slide ${number} of ${count}: ${label}`}
      data-slide={number}
    >
      {report.marking && <div className="slide-marking slide-marking-top">{report.marking}</div>}
      <div className="slide-content">
        {slide.kind === 'title' && <TitleSlide report={report} />}
        {slide.kind === 'item' && <ItemSlide item={slide.item} report={report} />}
        {slide.kind === 'sources' && <SourcesSlide slide={slide} />}
      </div>
      <footer className="slide-footer">
        <span className="slide-footer-title">{slide.kind === 'title' ? '' : report.title}</span>
        <span className="slide-counter">
          {number} / {count}
        </span>
      </footer>
      {report.marking && <div className="slide-marking slide-marking-bottom">{report.marking}</div>}
    </section>
  );
}

function TitleSlide({ report }: { report: ReportSlides }) {
  return (
    <div className="slide-title-page">
      <h1 className="slide-title">{report.title}</h1>
      <dl className="slide-facts">
        {report.facts.map((fact) => (
          <div key={fact.term} className="slide-fact">
            <dt>{fact.term}</dt>
            <dd>{fact.value}</dd>
          </div>
        ))}
      </dl>
    </div>
  );
}

function ItemSlide({ item, report }: { item: ReportSlide; report: ReportSlides }) {
  const sources = footnote(item, report.sources);
  const flags = item.evidence;
  const weak = item.flags.stateMediaOnly > 0 || item.flags.contested > 0;
  return (
    <>
      {/* A chart carries its own title: its slide is titled with the takeaway rather than saying the title twice. */}
      {item.kind === 'chart' && item.takeaway ? (
        <h2 className="slide-heading slide-heading-takeaway">{item.takeaway}</h2>
      ) : (
        <>
          <h2 className="slide-heading">{item.heading || 'Untitled item'}</h2>
          {item.takeaway && <p className="slide-takeaway">{item.takeaway}</p>}
        </>
      )}
      <div className="slide-body">
        {item.kind !== 'chart' && item.table ? (
          <FitTable columns={item.table.columns} rows={item.table.rows} />
        ) : (
          <HtmlBody html={item.html} heading={item.heading} chart={item.kind === 'chart'} />
        )}
      </div>
      {(sources || flags) && (
        <div className="slide-notes-line">
          {flags && <p className={`slide-flags${weak ? ' slide-flags-weak' : ''}`}>Evidence: {flags}</p>}
          {sources && <p className="slide-footnote">{sources}</p>}
        </div>
      )}
    </>
  );
}

/**
 * The item's own HTML, escaped and sanitized by the operation (the same text as the report file),
 * so it goes in as it is. A heading repeating the slide's heading is hidden; the chart's evidence
 * caption is too, as the slide's flags line says the same in presentation words.
 */
function HtmlBody({ html, heading, chart }: { html: string; heading: string; chart: boolean }) {
  const body = useRef<HTMLDivElement>(null);
  const [overflows, setOverflows] = useState(false);
  useLayoutEffect(() => {
    const element = body.current;
    if (!element) return;
    const first = element.firstElementChild?.matches('.narrative')
      ? element.firstElementChild.firstElementChild
      : element.firstElementChild;
    if (first && /^H[1-3]$/.test(first.tagName) && first.textContent?.trim() === heading.trim())
      first.classList.add('slide-repeated-heading');
    setOverflows(!chart && element.scrollHeight > element.clientHeight + 2);
  }, [html, heading, chart]);
  return (
    <>
      <div
        ref={body}
        className={chart ? 'slide-chart' : 'slide-prose'}
        // Escaped server-side: every text in it went through escapeHtml; charts are SVG without <style>.
        dangerouslySetInnerHTML={{ __html: html }}
      />
      {overflows && <p className="slide-more">… continued in the report</p>}
    </>
  );
}

/** A column of figures ("12,000 t/yr", "86", "62–71") is set right-aligned, like the report's. */
function isFigureColumn(rows: readonly string[][], column: number): boolean {
  const values = rows.map((row) => row[column] ?? '').filter((value) => value !== '' && value !== '—');
  return values.length > 0 && values.every((value) => /^[\d.,%–\-−+ ]+(\s.{0,30})?$/.test(value) && /^\d/.test(value));
}

/**
 * A table in projector type: as many rows as fit the slide, then "… and N more rows" instead of
 * shrinking the text. Rows are measured after layout (the canvas is fixed, so this is stable).
 */
function FitTable({ columns, rows }: { columns: string[]; rows: string[][] }) {
  const box = useRef<HTMLDivElement>(null);
  const [shown, setShown] = useState(rows.length);
  useLayoutEffect(() => {
    const element = box.current;
    if (!element || shown < rows.length) return;
    const limit = element.clientHeight;
    if (element.scrollHeight <= limit + 1) return;
    // Leave a line for the "… and N more rows" note under the table.
    const room = limit - 56;
    const top = element.getBoundingClientRect().top;
    const scale = element.getBoundingClientRect().height / element.offsetHeight || 1;
    const bottoms = [...element.querySelectorAll('tbody tr')].map((row) => (row.getBoundingClientRect().bottom - top) / scale);
    const fit = bottoms.filter((bottom) => bottom <= room).length;
    setShown(Math.max(1, fit));
  }, [rows, shown]);
  if (rows.length === 0) return <p className="slide-empty">Nothing to show: no rows.</p>;
  const figures = columns.map((_, column) => isFigureColumn(rows, column));
  const hidden = rows.length - shown;
  return (
    <div ref={box} className="slide-table-box">
      <table className={`slide-table${columns[0] === 'Claim' ? ' slide-table-claims' : ''}`}>
        <thead>
          <tr>
            {columns.map((column, index) => (
              <th key={index} className={figures[index] ? 'slide-num' : undefined} scope="col">
                {column}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.slice(0, shown).map((row, rowIndex) => (
            <tr key={rowIndex}>
              {columns.map((_, index) => (
                <td key={index} className={figures[index] ? 'slide-num' : undefined}>
                  <span className="slide-cell">{row[index] ?? ''}</span>
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
      {hidden > 0 && (
        <p className="slide-more">
          … and {hidden} more {hidden === 1 ? 'row' : 'rows'} (in the report)
        </p>
      )}
    </div>
  );
}

function SourcesSlide({ slide }: { slide: Extract<Slide, { kind: 'sources' }> }) {
  return (
    <>
      <h2 className="slide-heading">{slideHeading(slide)}</h2>
      {slide.sources.length === 0 ? (
        <p className="slide-empty">No claims are cited.</p>
      ) : (
        <ol className="slide-sources" start={slide.first}>
          {slide.sources.map((source) => (
            <li key={source.id}>
              <span className="slide-source-title">{source.title}</span>
              {source.publisher ? `. ${source.publisher}` : ''}
              {source.published ? `, ${source.published}` : ''}.{' '}
              <span className="slide-grade">Reliability {source.reliability}</span>
              {source.stateAffiliated === 'yes' && <span className="slide-flag slide-flag-state">State-affiliated</span>}
              {source.contradicts && <span className="slide-flag slide-flag-contested">Cited against a claim</span>}
              {source.url && <span className="slide-url">{source.url}</span>}
            </li>
          ))}
        </ol>
      )}
    </>
  );
}
