import { NetworkError } from '../core/errors';
import type { HttpPort, HttpRequest, HttpResponse } from '../core/ports/http-port';

function hostOf(url: string): string {
  const m = /^https?:\/\/([^/?#]+)/i.exec(url);
  return m ? m[1] : 'the server';
}

/**
 * HttpPort over UrlFetchApp. HTTP errors come back as responses (muteHttpExceptions); a network
 * failure throws even then, and becomes a NetworkError naming only the host (never headers).
 */
export class UrlFetchHttp implements HttpPort {
  send(request: HttpRequest): HttpResponse {
    const params: GoogleAppsScript.URL_Fetch.URLFetchRequestOptions = {
      method: request.method.toLowerCase() as GoogleAppsScript.URL_Fetch.HttpMethod,
      headers: request.headers ?? {},
      muteHttpExceptions: true,
      followRedirects: true,
    };
    if (request.body !== undefined) {
      params.payload = request.body;
      params.contentType = request.contentType ?? 'application/json';
    }
    let response: GoogleAppsScript.URL_Fetch.HTTPResponse;
    try {
      response = UrlFetchApp.fetch(request.url, params);
    } catch (e) {
      const reason = e instanceof Error ? e.message.replace(/https?:\/\/\S+/g, '').trim() : 'unknown error';
      throw new NetworkError(`Could not reach ${hostOf(request.url)} (${reason || 'no answer'}).`);
    }
    const headers: Record<string, string> = {};
    const raw = response.getAllHeaders() as Record<string, unknown>;
    for (const name of Object.keys(raw)) {
      const v = raw[name];
      headers[name.toLowerCase()] = Array.isArray(v) ? v.join(', ') : String(v);
    }
    return { status: response.getResponseCode(), headers, body: response.getContentText() };
  }
}
