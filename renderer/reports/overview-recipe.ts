/** The built-in Overview's id: the workspace draws it (getReport answers for it too), it is never stored and cannot be changed. */
export const OVERVIEW_ID = 'overview';
