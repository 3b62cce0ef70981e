// Client-side: what the API and the CLI say when a workflow they ran failed.

/** The innermost message of a failed workflow: the activity's own words ("nothing to roll back to…", "no account has the e-mail…"). */
export function failureMessage(error: Error): string {
  let cause = error;
  while (cause.cause instanceof Error) cause = cause.cause;
  return cause.message;
}
