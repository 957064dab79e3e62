import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState, type RefObject } from 'react';
import { createPortal } from 'react-dom';
import type { ReportSlides } from '../../db/report/slides-types';
import { bridge } from '../bridge';
import { useLoadable } from '../common/useLoadable';
import {
  channelName,
  isPresenterCommand,
  presenterUrl,
  presenterWindowName,
  type AudienceMessage,
  type PresentationState,
} from './channel';
import { buildDeck, presenterSlide, type Slide } from './deck';
import { slideKeyAction } from './keys';
import { SlideView, slideHeight, slideWidth } from './SlideView';
import './present.css';

interface PresentationProps {
  /** A saved report's id, or "overview" for the built-in Overview. */
  reportId: string;
  onClose: () => void;
}

declare global {
  interface Screen {
    /** Window Management API: true when the system has more than one screen. */
    readonly isExtended?: boolean;
  }
}

/**
 * Presentation mode: the report as full-screen slides over the whole app (its editing controls are
 * hidden and inert), stepped through with the keys presentation tools use, with an optional
 * presenter view in a second window. Leaving (Escape, Exit, or leaving full screen) calls onClose.
 */
export function Presentation({ reportId, onClose }: PresentationProps) {
  const load = useCallback(() => bridge().getReportSlides({ id: reportId }), [reportId]);
  const slides = useLoadable<ReportSlides>(load);
  const overlay = useRef<HTMLDivElement>(null);
  const closed = useRef(false);

  const leave = useCallback(() => {
    if (closed.current) return;
    closed.current = true;
    if (document.fullscreenElement) document.exitFullscreen().catch(() => undefined);
    onClose();
  }, [onClose]);

  useFocusAndInert(overlay);
  useFullscreen(overlay, leave);

  return createPortal(
    <div
      ref={overlay}
      className="presentation"
      role="dialog"
      aria-modal="true"
      aria-label={slides.value ? `Presentation: ${slides.value.title}` : 'Presentation'}
      tabIndex={-1}
    >
      {slides.value ? (
        <Deck report={slides.value} onLeave={leave} />
      ) : (
        <PresentationNotice error={slides.error} onLeave={leave} />
      )}
    </div>,
    document.body,
  );
}

function PresentationNotice({ error, onLeave }: { error: string | undefined; onLeave: () => void }) {
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== 'Escape') return;
      event.preventDefault();
      event.stopPropagation();
      onLeave();
    };
    window.addEventListener('keydown', onKey, true);
    return () => window.removeEventListener('keydown', onKey, true);
  }, [onLeave]);
  return (
    <div className="presentation-notice" role={error ? 'alert' : 'status'}>
      <p>{error ? `Could not open the presentation. ${error}` : 'Preparing the slides…'}</p>
      <button type="button" className="presentation-button" onClick={onLeave}>
        Exit
      </button>
    </div>
  );
}

/** The overlay takes focus, the app behind it becomes inert, and focus goes back where it was on leaving. */
function useFocusAndInert(overlay: RefObject<HTMLDivElement | null>) {
  useEffect(() => {
    const before = document.activeElement as HTMLElement | null;
    const app = document.getElementById('root');
    const wasInert = app?.inert ?? false;
    if (app) app.inert = true;
    overlay.current?.focus();
    return () => {
      if (app) app.inert = wasInert;
      before?.focus?.();
    };
  }, [overlay]);
}

/**
 * Full screen on entry. A browser may refuse (no user gesture, a headless run, a permission main
 * did not grant): the overlay still covers the window. Leaving full screen by the browser's own
 * Escape (which the page never sees as a key) leaves the presentation, as Escape does.
 */
function useFullscreen(overlay: RefObject<HTMLDivElement | null>, leave: () => void) {
  useEffect(() => {
    const element = overlay.current;
    if (!element || !element.requestFullscreen) return;
    let entered = false;
    const onChange = () => {
      if (document.fullscreenElement === element) entered = true;
      else if (entered && !document.fullscreenElement && !presenterJustOpened()) leave();
    };
    document.addEventListener('fullscreenchange', onChange);
    element.requestFullscreen({ navigationUI: 'hide' }).catch(() => undefined);
    return () => {
      document.removeEventListener('fullscreenchange', onChange);
      if (document.fullscreenElement === element) document.exitFullscreen().catch(() => undefined);
    };
  }, [overlay, leave]);
}

/** A browser may drop full screen when a window opens; that is not the presenter asking to leave. */
let presenterOpenedAt = 0;
const presenterJustOpened = () => Date.now() - presenterOpenedAt < 2000;

function openPresenterView() {
  presenterOpenedAt = Date.now();
  const opened = window.open(presenterUrl(), presenterWindowName, 'popup,width=1200,height=760');
  opened?.focus();
}

/**
 * The slide canvas's scale to fit the stage, letterboxed. The stage is measured, not the window: in
 * and out of full screen the window's size and the element's settle at different moments.
 */
function useFitScale(stage: RefObject<HTMLDivElement | null>): number {
  const [scale, setScale] = useState(1);
  useLayoutEffect(() => {
    const element = stage.current;
    if (!element) return;
    const fit = () => {
      const { width, height } = element.getBoundingClientRect();
      if (width > 0 && height > 0) setScale(Math.min(width / slideWidth, height / slideHeight));
    };
    fit();
    const observer = new ResizeObserver(fit);
    observer.observe(element);
    return () => observer.disconnect();
  }, [stage]);
  return scale;
}

/** The on-screen controls show on mouse movement and fade after a while still. */
function useControlsVisible(extended: boolean): [boolean, () => void] {
  const [visible, setVisible] = useState(true);
  const timer = useRef<number | undefined>(undefined);
  const wake = useCallback(() => {
    setVisible(true);
    window.clearTimeout(timer.current);
    timer.current = window.setTimeout(() => setVisible(false), 2500);
  }, []);
  useEffect(() => {
    timer.current = window.setTimeout(() => setVisible(false), extended ? 8000 : 3000);
    return () => window.clearTimeout(timer.current);
  }, [extended]);
  return [visible, wake];
}

function Deck({ report, onLeave }: { report: ReportSlides; onLeave: () => void }) {
  const deck = useMemo(() => buildDeck(report), [report]);
  const [index, setIndex] = useState(0);
  const [blank, setBlank] = useState(false);
  const [startedAt] = useState(() => Date.now());
  const typed = useRef('');
  const stage = useRef<HTMLDivElement>(null);
  const scale = useFitScale(stage);
  const extended = window.screen.isExtended === true;
  const [controlsVisible, wakeControls] = useControlsVisible(extended);
  const last = deck.length - 1;

  const go = useCallback(
    (to: number) => {
      setBlank(false);
      setIndex(Math.max(0, Math.min(last, to)));
    },
    [last],
  );
  const next = useCallback(() => (blank ? setBlank(false) : go(index + 1)), [blank, go, index]);
  const previous = useCallback(() => (blank ? setBlank(false) : go(index - 1)), [blank, go, index]);

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      const action = slideKeyAction(event);
      // A digit typed before Enter jumps to that slide ("5 Enter"), as in PowerPoint.
      if (/^[0-9]$/.test(event.key) && !event.ctrlKey && !event.metaKey && !event.altKey) {
        typed.current = (typed.current + event.key).slice(-4);
        event.preventDefault();
        event.stopPropagation();
        return;
      }
      if (!action) return;
      // Enter and Space on a focused on-screen button press that button.
      const onButton = event.target instanceof HTMLButtonElement && (event.key === 'Enter' || event.key === ' ');
      if (onButton) return;
      event.preventDefault();
      event.stopPropagation();
      const number = typed.current;
      typed.current = '';
      if (event.key === 'Enter' && number) return go(Number(number) - 1);
      if (action === 'next') next();
      else if (action === 'previous') previous();
      else if (action === 'first') go(0);
      else if (action === 'last') go(last);
      else if (action === 'blank') setBlank((was) => !was);
      else if (action === 'presenter') openPresenterView();
      else if (action === 'leave') onLeave();
    };
    window.addEventListener('keydown', onKey, true);
    return () => window.removeEventListener('keydown', onKey, true);
  }, [go, next, previous, last, onLeave]);

  // The presenter's window: answer its hello with the whole state, follow its commands.
  const channel = useRef<BroadcastChannel | null>(null);
  const state = useMemo<PresentationState>(
    () => ({
      type: 'state',
      title: report.title,
      marking: report.marking,
      startedAt,
      index,
      blank,
      slides: deck.map((slide) => presenterSlide(slide, report)),
    }),
    [report, startedAt, index, blank, deck],
  );
  const latest = useRef(state);
  const commands = useRef({ next, previous, go });
  useEffect(() => {
    latest.current = state;
    commands.current = { next, previous, go };
  });
  useEffect(() => {
    if (typeof BroadcastChannel === 'undefined') return;
    const opened = new BroadcastChannel(channelName);
    channel.current = opened;
    const post = (message: AudienceMessage) => opened.postMessage(message);
    opened.onmessage = (event: MessageEvent<unknown>) => {
      const command = event.data;
      if (!isPresenterCommand(command)) return;
      if (command.type === 'hello') post(latest.current);
      else if (command.type === 'next') commands.current.next();
      else if (command.type === 'previous') commands.current.previous();
      else if (command.type === 'goto') commands.current.go(command.index);
      else setBlank((was) => !was);
    };
    const ended = () => post({ type: 'ended' });
    window.addEventListener('pagehide', ended);
    return () => {
      window.removeEventListener('pagehide', ended);
      ended();
      opened.close();
      channel.current = null;
    };
  }, []);
  useEffect(() => {
    channel.current?.postMessage(state);
  }, [state]);

  const slide: Slide = deck[index]!;
  return (
    <div ref={stage} className={`presentation-stage${controlsVisible ? '' : ' presentation-idle'}`} onMouseMove={wakeControls}>
      <div className="presentation-canvas" style={{ width: slideWidth * scale, height: slideHeight * scale }}>
        <div className="presentation-scaler" style={{ transform: `scale(${scale})` }}>
          <SlideView key={index} slide={slide} report={report} number={index + 1} count={deck.length} />
        </div>
      </div>
      <p className="presentation-live" aria-live="polite">
        {blank ? 'Screen blanked: press B to show the slide again.' : `Slide ${index + 1} of ${deck.length}`}
      </p>
      {blank && <div className="presentation-blank" data-testid="presentation-blank" onClick={() => setBlank(false)} />}
      <nav
        className={`presentation-controls${controlsVisible ? ' presentation-controls-visible' : ''}`}
        aria-label="Presentation controls"
        onFocus={wakeControls}
      >
        <button type="button" className="presentation-button" onClick={previous} disabled={index === 0} title="Previous (←)">
          ‹ Previous
        </button>
        <span className="presentation-count">
          {index + 1} / {deck.length}
        </span>
        <button type="button" className="presentation-button" onClick={next} disabled={index === last} title="Next (→)">
          Next ›
        </button>
        <button
          type="button"
          className={`presentation-button${extended ? ' presentation-button-prominent' : ''}`}
          onClick={openPresenterView}
          title="Speaker notes on a second window (P)"
        >
          Presenter view
        </button>
        <button type="button" className="presentation-button" onClick={onLeave} title="Leave the presentation (Esc)">
          Exit
        </button>
      </nav>
      {extended && controlsVisible && index === 0 && (
        <p className="presentation-hint" role="status">
          Two screens found: press P for the presenter view with your notes on the other screen.
        </p>
      )}
    </div>
  );
}
