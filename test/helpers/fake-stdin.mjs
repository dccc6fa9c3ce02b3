// Keys as a terminal sends them, to Ink's input handling: what Ink reads from
// a raw-mode TTY, without one. Shared by the console tests and the bench.

import { EventEmitter } from 'node:events';

export class FakeStdin extends EventEmitter {
  isTTY = true;
  #data = null;
  write = (data) => {
    this.#data = data;
    this.emit('readable');
    this.emit('data', data);
  };
  read = () => {
    const d = this.#data;
    this.#data = null;
    return d;
  };
  setEncoding() {}
  setRawMode() {}
  resume() {}
  pause() {}
  ref() {}
  unref() {}
}
