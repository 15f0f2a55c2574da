/** The one fictitious case the demo shows; the page and the seeding agree on it. */
export const DEMO_CASE_ID = 'eksempelsak-1';
