/**
 * A scheduled run that stopped for something the next run cannot fix by itself. It is thrown
 * (after the reason was written to the Logs tab, redacted) so that the execution fails and Apps
 * Script e-mails its failure summary to the trigger's owner; the guard does not log it twice.
 */
export class ReportedFailure extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ReportedFailure';
  }
}
