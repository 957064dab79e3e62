import type { KeyboardEvent as ReactKeyboardEvent } from 'react';

/** What a key does in presentation mode: the keys PowerPoint, Keynote and clickers send. */
export type SlideKeyAction = 'next' | 'previous' | 'first' | 'last' | 'leave' | 'presenter' | 'blank';

const actions: Record<string, SlideKeyAction> = {
  ArrowRight: 'next',
  ArrowDown: 'next',
  PageDown: 'next',
  ' ': 'next',
  Enter: 'next',
  ArrowLeft: 'previous',
  ArrowUp: 'previous',
  PageUp: 'previous',
  Backspace: 'previous',
  Home: 'first',
  End: 'last',
  Escape: 'leave',
  p: 'presenter',
  P: 'presenter',
  b: 'blank',
  B: 'blank',
  // PowerPoint's other key for a black screen.
  '.': 'blank',
};

export function slideKeyAction(event: KeyboardEvent | ReactKeyboardEvent): SlideKeyAction | undefined {
  if (event.altKey || event.ctrlKey || event.metaKey) return undefined;
  return actions[event.key];
}
