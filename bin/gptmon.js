#!/usr/bin/env -S node --max-semi-space-size=1
// A small young generation: the console allocates little per frame, and a
// large one only raises its resident memory all night (see bench/).
// The launcher: load the built CLI and turn any failure into one line.
let settled = false;
const fail = (err) => {
  settled = true;
  // An error's message may quote outside text: no control character reaches the terminal.
  const message = (err && err.message ? err.message : String(err)).replace(/[\x00-\x09\x0b-\x1f\x7f-\x9f]/g, '');
  const hint = process.env.GPTMON_DEBUG ? `\n${err && err.stack}` : ' (GPTMON_DEBUG=1 shows the stack)';
  process.stderr.write(`gptmon: internal error: ${message}${hint}\n`);
  process.exitCode = 70;
};

// Node exits 0 when nothing is left to wait on, even if the command's promise
// never settled: a control that silently did nothing would look like success.
process.on('beforeExit', () => {
  if (settled) return;
  settled = true;
  process.stderr.write('gptmon: internal error: the command did not finish\n');
  process.exitCode = 70;
});

import('../dist/bundle/main.js').then(
  (cli) =>
    cli.main(process.argv).then((code) => {
      settled = true;
      process.exitCode = code;
    }, fail),
  (err) => {
    if (err && err.code === 'ERR_MODULE_NOT_FOUND' && String(err.message).includes('dist')) {
      settled = true;
      process.stderr.write('gptmon: not built yet: run `npm run build` in the gptmon folder\n');
      process.exitCode = 70;
    } else fail(err);
  },
);
