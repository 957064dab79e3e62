/**
 * The chart export's text rules (renderer/charts/standalone/plain-text.ts) for the rest of db/: the
 * CSV, the report page and the deck replace what XML cannot hold and isolate right-to-left names
 * the same way the charts inside them do.
 */
export { isolateBidi, xmlSafe } from '../../../renderer/charts/standalone/plain-text';
