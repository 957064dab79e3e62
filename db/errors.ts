/**
 * An error the user caused and can fix: a missing file, a damaged workspace, a bad argument.
 * Front ends show `message` as is (one line, naming the file, field or row) and never a stack trace;
 * anything that is not a UserError is a bug and is reported as such.
 */
export class UserError extends Error {
  override readonly name = 'UserError';
  constructor(
    message: string,
    /** Which field or argument was wrong, when there is one: lets a form highlight it. */
    readonly field?: string,
  ) {
    super(message);
  }
}

export function isUserError(error: unknown): error is UserError {
  return error instanceof UserError;
}
