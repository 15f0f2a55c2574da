// The floor of the bundle benchmark: lit, yjs and y-websocket and nothing else, every
// export kept (so nothing is tree-shaken away) — what any Lit + Yjs widget library ships
// before it has written a line of its own.
export * from 'lit';
export * as Y from 'yjs';
export * from 'y-websocket';
