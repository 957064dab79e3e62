import { useCallback, useEffect, useRef, useState } from 'react';
import { channelName, isAudienceMessage, type PresenterCommand, type PresentationState } from './channel';
import { slideKeyAction } from './keys';
import './present.css';

/** "12:05" or "1:02:09". */
export function elapsedText(ms: number): string {
  const seconds = Math.max(0, Math.floor(ms / 1000));
  const hours = Math.floor(seconds / 3600);
  const minutes = Math.floor((seconds % 3600) / 60);
  const rest = String(seconds % 60).padStart(2, '0');
  return hours > 0 ? `${hours}:${String(minutes).padStart(2, '0')}:${rest}` : `${minutes}:${rest}`;
}

type Connection = { phase: 'waiting' } | { phase: 'live'; state: PresentationState } | { phase: 'ended' };

/**
 * The presenter's screen (index.html#presenter in a second window): the current slide's heading,
 * takeaway and speaker notes, the next slide, the count and the time. It calls no operation; all it
 * shows comes from the audience window over the BroadcastChannel, and its buttons and keys send
 * commands back.
 */
export function PresenterView() {
  const [connection, setConnection] = useState<Connection>({ phase: 'waiting' });
  const channel = useRef<BroadcastChannel | null>(null);
  const now = useNow();

  useEffect(() => {
    const opened = new BroadcastChannel(channelName);
    channel.current = opened;
    opened.onmessage = (event: MessageEvent<unknown>) => {
      const message = event.data;
      if (!isAudienceMessage(message)) return;
      setConnection(message.type === 'ended' ? { phase: 'ended' } : { phase: 'live', state: message });
    };
    opened.postMessage({ type: 'hello' } satisfies PresenterCommand);
    return () => {
      opened.close();
      channel.current = null;
    };
  }, []);

  const send = useCallback((command: PresenterCommand) => channel.current?.postMessage(command), []);

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      const action = slideKeyAction(event);
      if (!action || (event.target instanceof HTMLButtonElement && (event.key === 'Enter' || event.key === ' '))) return;
      event.preventDefault();
      if (action === 'next') send({ type: 'next' });
      else if (action === 'previous') send({ type: 'previous' });
      else if (action === 'first') send({ type: 'goto', index: 0 });
      else if (action === 'last') send({ type: 'goto', index: Number.MAX_SAFE_INTEGER });
      else if (action === 'blank') send({ type: 'blank' });
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [send]);

  useEffect(() => {
    document.title = connection.phase === 'live' ? `Presenter view: ${connection.state.title}` : 'Chokepoint presenter view';
  }, [connection]);

  if (connection.phase !== 'live')
    return (
      <main className="presenter presenter-waiting">
        <p role="status" className="presenter-status">
          {connection.phase === 'ended'
            ? 'Presentation ended. You can close this window.'
            : 'Waiting for the presentation… Start it from the Reports view in the main window.'}
        </p>
      </main>
    );

  const { state } = connection;
  const current = state.slides[state.index];
  const upcoming = state.slides[state.index + 1];
  const count = state.slides.length;
  return (
    <main className="presenter" aria-label="Presenter view">
      <header className="presenter-bar">
        <span className="presenter-report">{state.title}</span>
        {state.marking && <span className="presenter-marking">{state.marking}</span>}
        <span className="presenter-count" aria-label="Slide">
          {state.index + 1} / {count}
        </span>
        <span className="presenter-elapsed" aria-label="Elapsed time">
          {elapsedText(now - state.startedAt)}
        </span>
      </header>
      <div className="presenter-columns">
        <section className="presenter-current" aria-label="Current slide">
          {state.blank && <p className="presenter-blanked">The audience sees a black screen (B to show the slide).</p>}
          <h1 className="presenter-heading">{current?.heading}</h1>
          {current?.takeaway && <p className="presenter-takeaway">{current.takeaway}</p>}
          <h2 className="presenter-label">Notes</h2>
          {current && current.notes.length > 0 ? (
            <ul className="presenter-notes">
              {current.notes.map((line, index) => (
                <li key={index}>{line}</li>
              ))}
            </ul>
          ) : (
            <p className="presenter-no-notes">No notes for this slide.</p>
          )}
        </section>
        <aside className="presenter-side" aria-label="Next slide">
          <h2 className="presenter-label">Next</h2>
          <p className="presenter-next">{upcoming ? upcoming.heading : 'End of the presentation'}</p>
          {upcoming?.takeaway && <p className="presenter-next-takeaway">{upcoming.takeaway}</p>}
          <div className="presenter-buttons">
            <button
              type="button"
              className="presentation-button"
              onClick={() => send({ type: 'previous' })}
              disabled={state.index === 0}
            >
              ‹ Previous
            </button>
            <button
              type="button"
              className="presentation-button"
              onClick={() => send({ type: 'next' })}
              disabled={state.index >= count - 1}
            >
              Next ›
            </button>
            <button type="button" className="presentation-button" onClick={() => send({ type: 'blank' })}>
              {state.blank ? 'Show slide' : 'Black screen'}
            </button>
          </div>
        </aside>
      </div>
    </main>
  );
}

function useNow(): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = window.setInterval(() => setNow(Date.now()), 1000);
    return () => window.clearInterval(timer);
  }, []);
  return now;
}
