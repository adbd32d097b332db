import type { ReactNode } from 'react';

export interface PageHeaderProps {
  title: ReactNode;
  description?: ReactNode;
  /** A line of facts under the description (period, freshness, counts): `.page-meta`. */
  meta?: ReactNode;
  /** Buttons and links at the header's end: `.page-actions`. */
  actions?: ReactNode;
  /** Anything else under the title (an amanah's standing). */
  children?: ReactNode;
}

/** Every page's heading: its one h1, a description, a line of facts and its actions, laid out by `.page-header`. */
export function PageHeader({ title, description, meta, actions, children }: PageHeaderProps) {
  return (
    <header className="page-header">
      <div>
        <h1 className="page-title">{title}</h1>
        {description && <p className="page-description">{description}</p>}
        {meta && <p className="page-meta">{meta}</p>}
        {children}
      </div>
      {actions && <div className="page-actions">{actions}</div>}
    </header>
  );
}
