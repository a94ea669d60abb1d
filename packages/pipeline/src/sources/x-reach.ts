import { DAY_MS } from '../time/hours.ts';

/** How far back X's recent search reaches; older hours need full-archive search (X_SEARCH=all). */
export const X_RECENT_DAYS = 7;
export const X_RECENT_REACH_MS = X_RECENT_DAYS * DAY_MS;

/** What a user can do about an hour older than that, said the same way everywhere. */
export const BEYOND_RECENT = `beyond X recent search's ${X_RECENT_DAYS} days`;
