import { describe, expect, it, vi } from 'vitest';
import type { BrowserWindowConstructorOptions } from 'electron';

/** Electron's BrowserWindow, stubbed at the module boundary: records what the app asked for. */
const created: BrowserWindowConstructorOptions[] = [];
const listeners: string[] = [];
vi.mock('electron', () => ({
  BrowserWindow: class {
    constructor(options: BrowserWindowConstructorOptions) {
      created.push(options);
    }
    on(event: string) {
      listeners.push(event);
    }
    once(event: string) {
      listeners.push(event);
    }
  },
}));

const { createMainWindow } = await import('../../electron/window');

function preferencesOf(development: boolean) {
  created.length = 0;
  createMainWindow({ preloadFile: '/app/out/preload/preload.cjs', title: 'Rare earths — Chokepoint', development });
  return created[0]!;
}

describe('the main window', () => {
  it('runs the renderer sandboxed, isolated, without Node and without webviews', () => {
    const options = preferencesOf(false);
    expect(options.title).toBe('Rare earths — Chokepoint');
    expect(options.webPreferences).toMatchObject({
      preload: '/app/out/preload/preload.cjs',
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      disableBlinkFeatures: 'Auxclick',
      navigateOnDragDrop: false,
      spellcheck: false,
    });
  });

  it('offers DevTools only in development', () => {
    expect(preferencesOf(false).webPreferences?.devTools).toBe(false);
    expect(preferencesOf(true).webPreferences?.devTools).toBe(true);
  });

  it('keeps the workspace name in the title when the page sets its own', () => {
    preferencesOf(false);
    expect(listeners).toContain('page-title-updated');
  });
});
