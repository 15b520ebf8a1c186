import { createHash } from 'node:crypto';

export class SimUser {
  static readonly simKind = 'User';
  constructor(readonly email: string) {}
  getEmail(): string { return this.email; }
  toString(): string { return this.email; }
}

/** Session: users and the script time zone. `effectiveUser()` follows the current execution (trigger owner). */
export class SimSession {
  static readonly simKind = 'Session';
  constructor(
    private readonly activeUser: () => string,
    private readonly effectiveUser: () => string,
    private readonly timeZone: string,
  ) {}
  getActiveUser(): SimUser { return new SimUser(this.activeUser()); }
  getEffectiveUser(): SimUser { return new SimUser(this.effectiveUser()); }
  getScriptTimeZone(): string { return this.timeZone; }
  getActiveUserLocale(): string { return 'en'; }
  getTemporaryActiveUserKey(): string {
    return createHash('sha256').update(`sim-key:${this.activeUser()}`).digest('base64').slice(0, 43);
  }
}
