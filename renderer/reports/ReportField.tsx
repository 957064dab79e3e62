import { Children, cloneElement, isValidElement, useId, type ReactElement, type ReactNode } from 'react';

interface ReportFieldProps {
  label: string;
  /** The refusal that names this field, shown beside it; null when the field is fine. */
  reason: string | null;
  hint?: ReactNode;
  wide?: boolean;
  /** The control first (it receives the label's id), then anything that goes with it (a datalist). */
  children: ReactNode;
}

/**
 * One labelled field of the report editor, with its hint and, after a refused save, the reason beside
 * it. The label points at the control by id rather than wrapping it: a wrapping label would name a
 * select by its label plus its chosen option, and the hint and reason would be read as part of the name.
 */
export function ReportField({ label, reason, hint, wide, children }: ReportFieldProps) {
  const id = useId();
  const hintId = `${id}-hint`;
  const reasonId = `${id}-reason`;
  const describedBy = [hint ? hintId : '', reason ? reasonId : ''].filter(Boolean).join(' ') || undefined;
  const [control, ...rest] = Children.toArray(children);
  return (
    <div className={`report-field${wide ? ' report-field-wide' : ''}${reason ? ' has-error' : ''}`}>
      <label className="report-field-label" htmlFor={id}>
        {label}
      </label>
      {isValidElement(control)
        ? cloneElement(control as ReactElement<{ id?: string; 'aria-describedby'?: string }>, {
            id,
            'aria-describedby': describedBy,
          })
        : control}
      {rest}
      {hint && (
        <span className="report-field-hint" id={hintId}>
          {hint}
        </span>
      )}
      {reason && (
        <span className="field-error" role="alert" id={reasonId}>
          {reason}
        </span>
      )}
    </div>
  );
}
