import type { Cadence, CurrentUser, TimeTrigger, TimeTriggers } from '../core/ports/time-triggers';

/** TimeTriggers over ScriptApp: the current user's project triggers. */
export class ScriptAppTriggers implements TimeTriggers {
  list(handler: string): TimeTrigger[] {
    return ScriptApp.getProjectTriggers()
      .filter((t) => t.getHandlerFunction() === handler && t.getEventType() === ScriptApp.EventType.CLOCK)
      .map((t) => ({ id: t.getUniqueId(), handler }));
  }

  create(handler: string, cadence: Cadence): TimeTrigger {
    const builder = ScriptApp.newTrigger(handler).timeBased();
    const trigger = (cadence.unit === 'minutes' ? builder.everyMinutes(cadence.every) : builder.everyHours(cadence.every)).create();
    return { id: trigger.getUniqueId(), handler };
  }

  remove(id: string): void {
    const trigger = ScriptApp.getProjectTriggers().find((t) => t.getUniqueId() === id);
    if (trigger) ScriptApp.deleteTrigger(trigger);
  }
}

/** CurrentUser over Session: the effective user, whose authorization a trigger would run with. */
export class SessionUser implements CurrentUser {
  email(): string {
    return Session.getEffectiveUser().getEmail() || Session.getActiveUser().getEmail() || 'the script owner';
  }
}
