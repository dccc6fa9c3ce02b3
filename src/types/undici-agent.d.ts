// undici's Agent and its request() on their own: the package index also loads
// fetch, WebSocket and the cache layers, which cost a control command tens of
// milliseconds to start. The index normally puts request() on the prototype;
// here it is called with the agent as `this`. Private paths: package.json pins
// undici's exact version, and test/sources/undici-pin.test.ts checks them.
declare module 'undici/lib/dispatcher/agent.js' {
  import { Agent } from 'undici';
  export default Agent;
}

declare module 'undici/lib/api/api-request.js' {
  import type { Dispatcher } from 'undici';
  function request(this: Dispatcher, options: Dispatcher.RequestOptions): Promise<Dispatcher.ResponseData>;
  export default request;
}
