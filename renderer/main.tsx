// Global styles first, so each component's own CSS (imported with it) comes later and wins ties.
import './styles/fonts.css';
import './styles/theme.css';
import './styles/base.css';
// Chart rules are global: the command line draws the same chart components without a bundler to load CSS.
import './charts/charts.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { PresenterView } from './present/PresenterView';

const container = document.getElementById('root');
if (!container) throw new Error('index.html has no #root element.');

// The same page opened by presentation mode as the presenter's second window (renderer/present/).
const presenter = location.hash === '#presenter';

createRoot(container).render(<StrictMode>{presenter ? <PresenterView /> : <App />}</StrictMode>);
