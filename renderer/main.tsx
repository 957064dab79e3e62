// Global styles first, so each component's own CSS (imported with it) comes later and wins ties.
import './styles/fonts.css';
import './styles/theme.css';
import './styles/base.css';
// Chart rules are global: the command line draws the same chart components without a bundler to load CSS.
import './charts/charts.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';

const container = document.getElementById('root');
if (!container) throw new Error('index.html has no #root element.');

createRoot(container).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
