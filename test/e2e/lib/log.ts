/* eslint-disable no-console */
/** Progress lines for the demo and the end-to-end suite (so a cold install is never a silent minute). */
export const progress = (message: string) => console.log(`[fotor-e2e] ${message}`);
