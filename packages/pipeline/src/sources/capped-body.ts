/** What one response body may be: 100 posts are about 100 KB, a day of 30-minute bars far less. */
const BODY_CAP_BYTES = 4 * 1024 * 1024;

/** A body over the cap: the ticker-hour fails with it, and asking again will not help. */
export class BodyTooLarge extends Error {}

/**
 * A response's body, read as a stream that stops at `cap` bytes (`what` names the sender): an upstream cannot make
 * the job hold, or the raw store keep, more than a body may be. A declared length over the cap stops it unread.
 */
export async function readCapped(
  response: Response,
  what: string,
  cap = BODY_CAP_BYTES,
): Promise<Uint8Array> {
  const tooLarge = () =>
    new BodyTooLarge(`${what} sent more than ${cap / 1024 / 1024} MB, more than a response may be`);
  if (Number(response.headers.get('content-length')) > cap) {
    await response.body?.cancel().catch(() => {});
    throw tooLarge();
  }
  if (!response.body) return new Uint8Array();
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > cap) {
      await reader.cancel().catch(() => {});
      throw tooLarge();
    }
    chunks.push(value);
  }
  return new Uint8Array(Buffer.concat(chunks));
}
