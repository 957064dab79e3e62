interface ErrorNoticeProps {
  /** What the analyst was trying to see, e.g. "the claims". */
  what: string;
  message: string;
}

/** A bridge error, shown with its own message: it names the file, field or row that is wrong. */
export function ErrorNotice({ what, message }: ErrorNoticeProps) {
  return (
    <div className="error-notice" role="alert">
      <strong>Could not load {what}.</strong> {message}
    </div>
  );
}
