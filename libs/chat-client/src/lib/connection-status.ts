/**
 * What the reader should know about the live feed: `connecting` before it has ever been live,
 * `live` while events flow, `reconnecting` while the browser or the client retries, `offline` while
 * the device has no network.
 */
export type ConnectionStatus = 'connecting' | 'live' | 'reconnecting' | 'offline';
