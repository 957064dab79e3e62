import { screen, type BrowserWindow } from 'electron';

/**
 * The presenter view belongs on the presenter's screen: with two or more displays it opens on one the
 * audience window is not on, filling its work area; with one display it stays a normal window.
 */
export function placePresenterWindow(presenter: BrowserWindow, audience: BrowserWindow): void {
  const audienceDisplay = screen.getDisplayMatching(audience.getBounds());
  const other = screen.getAllDisplays().find((display) => display.id !== audienceDisplay.id);
  if (other) presenter.setBounds(other.workArea);
}
