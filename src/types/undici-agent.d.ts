// undici's Agent on its own: the package index also loads fetch, WebSocket
// and the cache layers, which cost a control command tens of milliseconds to
// start. Requests go through the Agent's public dispatch() (src/sources/http.ts).
// A private path: package.json pins undici's exact version, and
// test/sources/undici-pin.test.ts checks it.
declare module 'undici/lib/dispatcher/agent.js' {
  import { Agent } from 'undici';
  export default Agent;
}
