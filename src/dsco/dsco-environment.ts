export type DscoEnvironment = 'production' | 'staging';

/** Base URLs from the spec's `servers` and its "Getting Started" section. */
export const DSCO_BASE_URLS: Record<DscoEnvironment, string> = {
  production: 'https://api.dsco.io/api/v3',
  staging: 'https://staging-api.dsco.io/api/v3',
};
