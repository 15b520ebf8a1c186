/** The role "something that sends HTTP requests". Implemented by UrlFetchApp in Apps Script. */
export interface HttpRequest {
  url: string;
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  headers?: Record<string, string>;
  /** Already-encoded body (JSON text or form-url-encoded text). */
  body?: string;
  contentType?: string;
}

export interface HttpResponse {
  status: number;
  /** Header names lower-cased. */
  headers: Record<string, string>;
  body: string;
}

/**
 * Sends requests and returns every HTTP status as a response (it never throws for 4xx/5xx).
 * Throws NetworkError when no response arrived (DNS failure, timeout, connection refused).
 */
export interface HttpPort {
  send(request: HttpRequest): HttpResponse;
}
