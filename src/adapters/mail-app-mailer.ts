import type { Mail, Mailer } from '../core/ports/mailer';

/** Mailer over MailApp (scope script.send_mail): plain text, sent as the person running the script. */
export class MailAppMailer implements Mailer {
  remainingDailyQuota(): number {
    return MailApp.getRemainingDailyQuota();
  }

  send(mail: Mail): void {
    MailApp.sendEmail({ to: mail.to.join(','), subject: mail.subject, body: mail.body, noReply: false });
  }
}
