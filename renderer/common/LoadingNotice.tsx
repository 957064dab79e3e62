export function LoadingNotice({ what }: { what: string }) {
  return (
    <p className="loading-notice" role="status">
      Loading {what}…
    </p>
  );
}
