// The metering API as the page calls it: JSON with the key as a bearer token; failures as ApiError.

export class ApiError extends Error {
  constructor(status, message) {
    super(message);
    this.status = status;
  }
}

/** How often a 503 with Retry-After (metering just started, or a partition is moving) is asked again. */
const RETRIES = 5;

/** GET {@code path} (relative to the page, so a path prefix in front of the service is kept). */
export async function getJson(path, key) {
  for (let attempt = 0; ; attempt++) {
    let response;
    try {
      response = await fetch(new URL(path, document.baseURI), {
        headers: { Authorization: `Bearer ${key}`, Accept: 'application/json' },
      });
    } catch {
      throw new ApiError(0, 'Metering cannot be reached; check that the service is running.');
    }
    const retryAfter = Number(response.headers.get('Retry-After'));
    if (response.status === 503 && retryAfter > 0 && attempt < RETRIES) {
      await new Promise((resolve) => setTimeout(resolve, Math.min(retryAfter, 10) * 1000));
      continue;
    }
    if (!response.ok) {
      const body = await response.json().catch(() => null);
      throw new ApiError(response.status, body?.error?.message ?? `The service answered HTTP ${response.status}.`);
    }
    return response.json();
  }
}

/** A spend report over {@code range} ({from, to} dates) with the given query parameters. */
export function spend(key, range, params) {
  const query = new URLSearchParams({ ...params, from: range.from, to: range.to });
  return getJson(`../v1/spend?${query}`, key);
}
