/**
 * A failure that says nothing about its ticker-hour (X's monthly budget, the run's time budget, a stop asked for):
 * it is recorded, and it does not count toward giving up on the hour.
 */
export class UncountedFailure extends Error {}
