import type { PresenterSlide } from './deck';

/**
 * The audience window and the presenter's window talk over one BroadcastChannel (same origin, no
 * network). The presenter window never calls an operation: main may not give a second window the
 * bridge, so everything it shows arrives here.
 */
export const channelName = 'chokepoint-presentation';
export const presenterWindowName = 'chokepoint-presenter';

/** The audience window's state, posted on every change and whenever a presenter says hello. */
export interface PresentationState {
  type: 'state';
  title: string;
  marking: string;
  /** When the presentation started (ms since the epoch), so a reopened presenter view keeps the clock. */
  startedAt: number;
  index: number;
  blank: boolean;
  slides: PresenterSlide[];
}

export type AudienceMessage = PresentationState | { type: 'ended' };

export type PresenterCommand =
  { type: 'hello' } | { type: 'next' } | { type: 'previous' } | { type: 'goto'; index: number } | { type: 'blank' };

const commandTypes = new Set(['hello', 'next', 'previous', 'goto', 'blank']);

/** Messages come from our own origin, but a stale window of an older build may still speak: check the shape. */
export function isPresenterCommand(data: unknown): data is PresenterCommand {
  if (typeof data !== 'object' || data === null) return false;
  const { type, index } = data as { type?: unknown; index?: unknown };
  if (typeof type !== 'string' || !commandTypes.has(type)) return false;
  return type !== 'goto' || (typeof index === 'number' && Number.isInteger(index));
}

export function isAudienceMessage(data: unknown): data is AudienceMessage {
  if (typeof data !== 'object' || data === null) return false;
  const message = data as Partial<Omit<PresentationState, 'type'>> & { type?: unknown };
  if (message.type === 'ended') return true;
  return (
    message.type === 'state' &&
    typeof message.index === 'number' &&
    typeof message.startedAt === 'number' &&
    Array.isArray(message.slides)
  );
}

/** The same index.html, told by its hash to be the presenter's screen (renderer/main.tsx reads it). */
export function presenterUrl(): string {
  return `${location.href.split('#')[0]}#presenter`;
}
