import 'i18next';
import type checklist from './locales/en-GB/checklist.json';
import type common from './locales/en-GB/common.json';
import type diary from './locales/en-GB/diary.json';
import type evidence from './locales/en-GB/evidence.json';
import type exportNs from './locales/en-GB/export.json';
import type attachments from './locales/en-GB/attachments.json';
import type help from './locales/en-GB/help.json';
import type incident from './locales/en-GB/incident.json';
import type home from './locales/en-GB/home.json';
import type settings from './locales/en-GB/settings.json';
import type vault from './locales/en-GB/vault.json';
import type report from './locales/en-GB/report.json';
import type tasks from './locales/en-GB/tasks.json';
import type keys from './locales/en-GB/keys.json';
import type inbox from './locales/en-GB/inbox.json';
import type capture from './locales/en-GB/capture.json';
import type chronology from './locales/en-GB/chronology.json';
import type advocate from './locales/en-GB/advocate.json';
import type orders from './locales/en-GB/orders.json';
import type breachReport from './locales/en-GB/breachReport.json';
import type exhibits from './locales/en-GB/exhibits.json';

// en-GB is the source language: keys are checked against it at compile time.
declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'common';
    resources: {
      checklist: typeof checklist;
      common: typeof common;
      diary: typeof diary;
      evidence: typeof evidence;
      export: typeof exportNs;
      attachments: typeof attachments;
      help: typeof help;
      incident: typeof incident;
      home: typeof home;
      settings: typeof settings;
      vault: typeof vault;
      report: typeof report;
      tasks: typeof tasks;
      keys: typeof keys;
      inbox: typeof inbox;
      capture: typeof capture;
      chronology: typeof chronology;
      advocate: typeof advocate;
      orders: typeof orders;
      breachReport: typeof breachReport;
      exhibits: typeof exhibits;
    };
  }
}
