import i18next, { type i18n } from 'i18next';
import { initReactI18next } from 'react-i18next';
import type { Lang } from '@amanah/web-format';
import { UI_NAMESPACE, uiResources } from '@amanah/web-ui';
import ar from './ar.json';
import en from './en.json';

/** One i18next instance: the app's strings ("app") and the widgets' own ("ui"). Arabic first, English fallback. */
export function createI18n(lang: Lang = 'ar'): i18n {
  const instance = i18next.createInstance();
  void instance.use(initReactI18next).init({
    lng: lang,
    fallbackLng: 'en',
    ns: ['app', UI_NAMESPACE],
    defaultNS: 'app',
    resources: { ar: { app: ar, ui: uiResources.ar }, en: { app: en, ui: uiResources.en } },
    interpolation: { escapeValue: false },
    initAsync: false,
  });
  return instance;
}
