/**
 * The wire between the Apps Script simulator's UrlFetchApp and the fake API servers.
 * Everything is synchronous, as UrlFetchApp is in Apps Script.
 */
export interface FakeHttpRequest {
  method: string; // upper case: GET, POST, PUT, DELETE
  url: string; // absolute, with query string
  headers: Record<string, string>; // header names lower-cased
  body: string; // '' when none
}

export interface FakeHttpResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

export type FakeHandler = (req: FakeHttpRequest) => FakeHttpResponse;

export function jsonResponse(status: number, body: unknown, headers: Record<string, string> = {}): FakeHttpResponse {
  return {
    status,
    headers: { 'content-type': 'application/json', ...headers },
    body: body === undefined ? '' : JSON.stringify(body),
  };
}
