import 'i18next';
import type common from './locales/en-GB/common.json';
import type home from './locales/en-GB/home.json';
import type settings from './locales/en-GB/settings.json';

// en-GB is the source language: keys are checked against it at compile time.
declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'common';
    resources: {
      common: typeof common;
      home: typeof home;
      settings: typeof settings;
    };
  }
}
