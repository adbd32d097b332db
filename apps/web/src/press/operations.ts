import { graphql } from '../gql/index.js';

/** The press page's operations: figures with their sentences, certified sheets, and locking one. */
export const PressFiguresQuery = graphql(`
  query PressFigures($amanah: ID!, $range: DateRangeInput!, $metrics: [ID!], $compare: Comparison, $precision: PressPrecision, $digits: PressDigits, $calendar: PressCalendar) {
    pressFigures(amanah: $amanah, range: $range, metrics: $metrics, compare: $compare, precision: $precision, digits: $digits, calendar: $calendar) {
      position
      metric { id label { ar en } }
      title { ar en }
      filters { dimension values }
      value
      previous
      changePct
      range { from to }
      previousRange { from to }
      sentences { ar en }
      rankSentences { ar en }
      provenance { metric definition source table exact range { from to } filters { dimension values } asOf dataVersion }
    }
  }
`);

export const FactSheetsQuery = graphql(`
  query FactSheets($amanah: ID) {
    factSheets(amanah: $amanah) {
      id title amanah amanahName { ar en } range { from to } compare lockedAt lockedBy restatedCount
      figures {
        position metric title { ar en } lockedValue currentValue sentences { ar en }
        restatement { old new sentences { ar en } why { ar en } }
      }
    }
  }
`);

export const LockFactSheetMutation = graphql(`
  mutation LockFactSheet($title: String!, $amanah: ID!, $range: DateRangeInput!, $metrics: [ID!], $compare: Comparison, $precision: PressPrecision, $digits: PressDigits) {
    lockFactSheet(title: $title, amanah: $amanah, range: $range, metrics: $metrics, compare: $compare, precision: $precision, digits: $digits) {
      id
    }
  }
`);
