// The floor under any Ink console: 27 text rows, one memoised, a clock that
// changes every second, React's production build. Ink and React come from the
// node_modules directory in INK_NODE_MODULES, so one file measures any Ink on any Node.

import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

process.env.NODE_ENV = 'production';
const from = createRequire(join(process.env.INK_NODE_MODULES, 'resolve-from-here.js'));
const React = from('react');
const { Box, Text, render } = await import(pathToFileURL(from.resolve('ink')).href);
const h = React.createElement;

const Row = React.memo(({ i }) => h(Text, null, `row ${String(i).padStart(2)}  ${'value '.repeat(8)}`));

function App() {
  const [now, setNow] = React.useState(() => new Date());
  React.useEffect(() => {
    const t = setInterval(() => setNow(new Date()), 1000);
    return () => clearInterval(t);
  }, []);
  return h(Box, { flexDirection: 'column' }, h(Text, { bold: true }, `clock ${now.toISOString()}`), ...Array.from({ length: 26 }, (_, i) => h(Row, { key: i, i })));
}

render(h(App), { patchConsole: false });
