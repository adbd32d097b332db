import ar from './ar.json';
import en from './en.json';

/** The widgets' own strings, namespace "ui"; the app registers them with its i18next instance. */
export const UI_NAMESPACE = 'ui';
export const uiResources = { ar, en } as const;
export type UiStrings = typeof en;
