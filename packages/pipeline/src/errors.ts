/** Another run holds the hour: this one stops with exit 1 instead of writing beside it. */
export class HourBusyError extends Error {
  override readonly name = 'HourBusyError';
}
