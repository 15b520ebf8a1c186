/**
 * DSCO takes "up to 5 megabytes of data in the body of the request" (spec, batch and acknowledge
 * operations); this leaves room for any reading of "MB" and for the JSON around the items.
 */
export const DSCO_MAX_BODY_BYTES = 4_500_000;
