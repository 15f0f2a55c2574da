/** Hocuspocus with its SQLite extension, in the default configuration (store debounced 2 s, at most 10 s). */
import { Server } from '@hocuspocus/server';
import { SQLite } from '@hocuspocus/extension-sqlite';

const server = new Server({
  port: Number(process.env.PORT),
  address: '127.0.0.1',
  quiet: true,
  extensions: [new SQLite({ database: process.env.HOCUSPOCUS_DB })],
});
await server.listen();
