import type { KeyboardEvent, ReactNode } from 'react';

/**
 * A drill-down target inside a chart's SVG (a bar, a slice) for the keyboard: one Tab stop, a name, and Enter or Space
 * does what a click does. The mouse click stays recharts' own handler on the element.
 */
export function DrillTarget({ label, onActivate, children }: { label: string; onActivate: () => void; children: ReactNode }) {
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key !== 'Enter' && event.key !== ' ') return;
    event.preventDefault();
    onActivate();
  };
  return (
    <g role="button" tabIndex={0} aria-label={label} className="drill-target" onKeyDown={onKeyDown}>
      {children}
    </g>
  );
}

/** A shape's props without the React key recharts puts among them (React warns when a key is spread into JSX). */
export function withoutKey<T extends object>(props: T): Omit<T, 'key'> {
  const copy: Partial<T> & { key?: unknown } = { ...props };
  delete copy.key;
  return copy as Omit<T, 'key'>;
}
