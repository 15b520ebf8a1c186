/** The role "send a plain-text e-mail as the person running the script". MailApp in Apps Script. */
export interface Mail {
  to: string[];
  subject: string;
  body: string;
}

export interface Mailer {
  /** How many more recipients may be e-mailed today (MailApp: 100 a day on gmail.com, 1,500 on Workspace). */
  remainingDailyQuota(): number;
  send(mail: Mail): void;
}
