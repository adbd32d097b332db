export { ALERT_CONDITIONS, type AlertCondition } from './alert-conditions.js';
export type { Clock } from './clock.js';
export { DELIVERY_KINDS, DELIVERY_STATUSES, type DeliveryKind, type DeliveryRecord, type DeliveryStatus, type FiringRecord } from './delivery-store.js';
export {
  DeliveryService, type AlertEvent, type AlertRuleView, type DeliveryCounters, type DeliveryLogger, type DeliveryOptions, type SubscriptionView,
} from './delivery.service.js';
export { DELIVERY_SETTINGS, deliverySettingsFromEnv, DeliverySettingsError, type DeliverySettings } from './delivery.settings.js';
export { type AlertRuleInput, type SubscriptionInput } from './inputs.js';
export { NO_SMTP, SmtpMailer, type Mail, type MailAttachment, type MailSender } from './mailer.js';
export { reportFiles } from './report-files.js';
export type { ReportAttachments, ReportRequest } from './report-mail.js';
export { SCHEDULE_EVERY, type Schedule, type ScheduleEvery } from './schedule.js';
