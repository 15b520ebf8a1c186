/** An order whose data cannot be sent on as it is; the message says what a person should do. */
export class MappingError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MappingError';
  }
}
