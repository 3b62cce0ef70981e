/**
 * An error that retrying cannot fix (malformed payload, 4xx answer, payload over the size limit).
 * Stage functions stay free of Temporal; the activity layer turns this into a non-retryable failure.
 */
export class PermanentError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'PermanentError';
  }
}
