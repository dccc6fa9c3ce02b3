import { EventEmitter } from 'node:events';
export class FakeStdin extends EventEmitter {
  isTTY: boolean;
  write: (data: string) => void;
  read: () => string | null;
  setEncoding(): void;
  setRawMode(): void;
  resume(): void;
  pause(): void;
  ref(): void;
  unref(): void;
}
