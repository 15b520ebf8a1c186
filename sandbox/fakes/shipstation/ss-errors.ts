/**
 * Error bodies. ShipStation V1 is an ASP.NET Web API service; the bodies seen in public issue threads follow that
 * convention (notes §13, [observed]): `{"Message":"The request is invalid.","ModelState":{"<param>":["…"]}}` for
 * 400s, `{"Message":"An error has occurred.","ExceptionMessage":…}` for 500s. The 429 body is documented with a
 * lowercase key: `{"message":"Too Many Requests"}`. Bodies for 401 and 404 are [unknown]; the fake uses the Web API
 * defaults (`{"Message":"Authorization has been denied for this request."}`, `{"Message":"No HTTP resource was found
 * that matches the request URI '…'."}`) — clients must not depend on them.
 */

export class SsHttpError extends Error {
  constructor(
    readonly status: number,
    readonly body: unknown,
  ) {
    super(`ShipStation fake ${status}: ${JSON.stringify(body)}`);
  }
}

export type ModelState = Record<string, string[]>;

export function invalidRequest(modelState: ModelState): SsHttpError {
  return new SsHttpError(400, { Message: 'The request is invalid.', ModelState: modelState });
}

export function messageError(status: number, message: string): SsHttpError {
  return new SsHttpError(status, { Message: message });
}

export const UNAUTHORIZED_BODY = { Message: 'Authorization has been denied for this request.' };
export const TOO_MANY_REQUESTS_BODY = { message: 'Too Many Requests' };

export function noResource(url: string): SsHttpError {
  return messageError(404, `No HTTP resource was found that matches the request URI '${url}'.`);
}

export function methodNotAllowed(method: string): SsHttpError {
  return messageError(405, `The requested resource does not support http method '${method}'.`);
}

export function internalError(exceptionMessage: string): SsHttpError {
  return new SsHttpError(500, {
    Message: 'An error has occurred.',
    ExceptionMessage: exceptionMessage,
    ExceptionType: 'System.Exception',
    StackTrace: null,
  });
}
