// The browser admin runs in a browser: its files are type-checked with the DOM's types.
/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
