/**
 * Rewrites QuickJS's WebAssembly so that every loop in it checks in with the host: a counter (a
 * new global, "fuel") is decremented at each loop header, and when it runs out the loop calls the
 * imported `guild.tick`, which returns fresh fuel or throws. QuickJS's own interrupt handler only
 * looks at the clock every ~10,000 JavaScript steps, and a step can be one heavy built-in
 * (`new Array(1e6).fill(0)`, `'x'.repeat(1e7)`, a big `JSON.stringify`, a sort, a backtracking
 * regular expression) running C loops for milliseconds or minutes; every one of those loops now
 * reaches `tick` within FUEL iterations. A throw from `tick` unwinds the WebAssembly frames like
 * any JavaScript exception, so the host's own try/finally blocks all run; QuickJS is left
 * mid-operation, so a sandbox stopped this way is never entered again (sandboxed-plugin.ts).
 *
 * The rewrite knows the instructions of WebAssembly 1.0 plus sign extension, saturating
 * conversions, bulk memory and reference types (what Emscripten emits for QuickJS); anything else
 * fails loudly rather than being copied blindly.
 */

/** Loop iterations between two calls of `tick`: microseconds of work, so a check costs nothing measurable. */
export const FUEL = 10_000;
/** Where the rewritten module imports `tick` from: `{ [GUARD_MODULE]: { [GUARD_TICK]: () => number } }`. */
export const GUARD_MODULE = 'guild';
export const GUARD_TICK = 'tick';

const SECTION = { type: 1, import: 2, global: 6, export: 7, start: 8, element: 9, code: 10 } as const;
const I32 = 0x7f;
const VALUE_TYPES = new Set([0x7f, 0x7e, 0x7d, 0x7c, 0x7b, 0x70, 0x6f]);
/** Opcodes with no immediate: control without labels, parametric, and every numeric operator. */
const PLAIN = new Set([0x00, 0x01, 0x05, 0x0b, 0x0f, 0x1a, 0x1b, 0xd1]);

class Reader {
  position: number;
  constructor(
    readonly bytes: Uint8Array,
    position = 0,
  ) {
    this.position = position;
  }
  byte(): number {
    if (this.position >= this.bytes.length) throw new Error('the WebAssembly module ends early');
    return this.bytes[this.position++]!;
  }
  u32(): number {
    let result = 0;
    let shift = 0;
    for (;;) {
      const byte = this.byte();
      result += (byte & 0x7f) * 2 ** shift;
      if ((byte & 0x80) === 0) return result;
      shift += 7;
    }
  }
  /** The raw bytes of one LEB128 number, whatever its sign and width. */
  leb(): Uint8Array {
    const start = this.position;
    while (this.byte() & 0x80);
    return this.bytes.subarray(start, this.position);
  }
  take(length: number): Uint8Array {
    const start = this.position;
    this.position += length;
    if (this.position > this.bytes.length) throw new Error('the WebAssembly module ends early');
    return this.bytes.subarray(start, this.position);
  }
  name(): Uint8Array {
    return this.take(this.u32());
  }
}

class Writer {
  #buffer: Uint8Array<ArrayBuffer> = new Uint8Array(1024);
  length = 0;
  byte(...bytes: number[]): this {
    this.#reserve(bytes.length);
    for (const byte of bytes) this.#buffer[this.length++] = byte;
    return this;
  }
  u32(value: number): this {
    do {
      let byte = value % 128;
      value = Math.floor(value / 128);
      if (value > 0) byte |= 0x80;
      this.byte(byte);
    } while (value > 0);
    return this;
  }
  bytes(bytes: Uint8Array): this {
    this.#reserve(bytes.length);
    this.#buffer.set(bytes, this.length);
    this.length += bytes.length;
    return this;
  }
  /** A length-prefixed copy of another writer's bytes (a section, a function body). */
  sized(inner: Writer): this {
    return this.u32(inner.length).bytes(inner.result());
  }
  result(): Uint8Array<ArrayBuffer> {
    return this.#buffer.subarray(0, this.length);
  }
  #reserve(more: number): void {
    if (this.length + more <= this.#buffer.length) return;
    const grown = new Uint8Array(Math.max(this.#buffer.length * 2, this.length + more));
    grown.set(this.#buffer.subarray(0, this.length));
    this.#buffer = grown;
  }
}

interface Counts {
  /** Imported functions: defined functions' indices move up by one past the new import. */
  readonly importedFunctions: number;
  readonly tickType: number;
  readonly tickFunction: number;
  readonly fuelGlobal: number;
}

/** The guarded module's bytes. */
export function guardLoops(wasm: Uint8Array): Uint8Array<ArrayBuffer> {
  const reader = new Reader(wasm, 8);
  const sections: Array<{ id: number; body: Uint8Array }> = [];
  while (reader.position < wasm.length) {
    const id = reader.byte();
    sections.push({ id, body: reader.take(reader.u32()) });
  }
  const counts = countsOf(sections);
  const out = new Writer().bytes(wasm.subarray(0, 8));
  for (const { id, body } of sections) {
    if (id === 0) continue; // custom sections (names, producers) would describe the old indices
    out.byte(id).sized(rewriteSection(id, body, counts));
  }
  return out.result();
}

function countsOf(sections: ReadonlyArray<{ id: number; body: Uint8Array }>): Counts {
  const body = (id: number) => sections.find((section) => section.id === id)?.body;
  const types = body(SECTION.type);
  const imports = body(SECTION.import);
  const globals = body(SECTION.global);
  if (!types || !imports) throw new Error('the WebAssembly module has no type or import section');
  let importedFunctions = 0;
  let importedGlobals = 0;
  const reader = new Reader(imports);
  for (let count = reader.u32(); count > 0; count--) {
    reader.name();
    reader.name();
    const kind = reader.byte();
    if (kind === 0) {
      reader.u32();
      importedFunctions++;
    } else if (kind === 1) {
      reader.byte();
      limits(reader);
    } else if (kind === 2) limits(reader);
    else if (kind === 3) {
      reader.take(2);
      importedGlobals++;
    } else throw new Error(`unknown import kind ${kind}`);
  }
  return {
    importedFunctions,
    tickType: new Reader(types).u32(),
    tickFunction: importedFunctions,
    fuelGlobal: importedGlobals + (globals ? new Reader(globals).u32() : 0),
  };
}

function limits(reader: Reader): void {
  const flags = reader.byte();
  reader.u32();
  if (flags & 1) reader.u32();
}

function rewriteSection(id: number, body: Uint8Array, counts: Counts): Writer {
  const reader = new Reader(body);
  const out = new Writer();
  const shift = (index: number) => (index >= counts.importedFunctions ? index + 1 : index);
  switch (id) {
    case SECTION.type:
      // A new type: () -> i32, the signature of tick.
      return out.u32(reader.u32() + 1).bytes(body.subarray(reader.position)).byte(0x60, 0, 1, I32);
    case SECTION.import: {
      const tick = new TextEncoder();
      const module = tick.encode(GUARD_MODULE);
      const field = tick.encode(GUARD_TICK);
      return out.u32(reader.u32() + 1).bytes(body.subarray(reader.position)).u32(module.length).bytes(module).u32(field.length).bytes(field).byte(0).u32(counts.tickType);
    }
    case SECTION.global:
      return out.u32(reader.u32() + 1).bytes(body.subarray(reader.position)).byte(I32, 1, 0x41).bytes(signed(FUEL)).byte(0x0b);
    case SECTION.export:
      for (let count = copyCount(reader, out); count > 0; count--) {
        const name = reader.name();
        const kind = reader.byte();
        const index = reader.u32();
        out.u32(name.length).bytes(name).byte(kind).u32(kind === 0 ? shift(index) : index);
      }
      return out;
    case SECTION.start:
      return out.u32(shift(reader.u32()));
    case SECTION.element:
      for (let count = copyCount(reader, out); count > 0; count--) element(reader, out, counts);
      return out;
    case SECTION.code:
      for (let count = copyCount(reader, out); count > 0; count--) {
        const size = reader.u32();
        const end = reader.position + size;
        const fn = new Writer();
        for (let locals = copyCount(reader, fn); locals > 0; locals--) fn.bytes(reader.leb()).byte(reader.byte());
        instructions(reader, end, fn, counts);
        out.sized(fn);
      }
      return out;
    default:
      return out.bytes(body);
  }
}

/** One element segment (all eight encodings), with function indices moved. */
function element(reader: Reader, out: Writer, counts: Counts): void {
  const flags = reader.u32();
  out.u32(flags);
  if (flags === 2 || flags === 6) out.u32(reader.u32()); // table index
  if ((flags & 1) === 0) expression(reader, out, counts); // offset
  if (flags & 3 && (flags & 4) === 0) out.byte(reader.byte()); // elemkind
  if (flags & 3 && flags & 4) out.byte(reader.byte()); // reftype
  for (let items = copyCount(reader, out); items > 0; items--) {
    if (flags & 4) expression(reader, out, counts);
    else {
      const index = reader.u32();
      out.u32(index >= counts.importedFunctions ? index + 1 : index);
    }
  }
}

/** A constant expression, up to and including its `end`. */
function expression(reader: Reader, out: Writer, counts: Counts): void {
  let depth = 1;
  while (depth > 0) {
    const op = reader.bytes[reader.position];
    if (op === 0x0b) depth--;
    instruction(reader, out, counts);
  }
}

function instructions(reader: Reader, end: number, out: Writer, counts: Counts): void {
  while (reader.position < end) instruction(reader, out, counts);
  if (reader.position !== end) throw new Error('a function body of the WebAssembly module is malformed');
}

/** Copies one instruction; a loop gets the fuel check, a call the moved function index. */
function instruction(reader: Reader, out: Writer, counts: Counts): void {
  const op = reader.byte();
  out.byte(op);
  if (PLAIN.has(op) || (op >= 0x45 && op <= 0xc4)) return;
  switch (op) {
    case 0x02: // block
    case 0x04: // if
      return blockType(reader, out);
    case 0x03: // loop: the check runs at every iteration, before the loop's own code
      blockType(reader, out);
      out.byte(0x23).u32(counts.fuelGlobal).byte(0x41, 1, 0x6b).byte(0x24).u32(counts.fuelGlobal); // fuel -= 1
      out.byte(0x23).u32(counts.fuelGlobal).byte(0x41, 0, 0x4c, 0x04, 0x40); // if (fuel <= 0)
      out.byte(0x10).u32(counts.tickFunction).byte(0x24).u32(counts.fuelGlobal).byte(0x0b); // fuel = tick()
      return;
    case 0x10: // call
    case 0x12: // return_call
    case 0xd2: {
      // ref.func
      const index = reader.u32();
      out.u32(index >= counts.importedFunctions ? index + 1 : index);
      return;
    }
    case 0x0e: // br_table
      for (let labels = copyCount(reader, out) + 1; labels > 0; labels--) out.u32(reader.u32()); // and the default
      return;
    case 0x11: // call_indirect
    case 0x13: // return_call_indirect
      out.u32(reader.u32()).u32(reader.u32());
      return;
    case 0x1c: // select t*
      for (let types = copyCount(reader, out); types > 0; types--) out.byte(reader.byte());
      return;
    case 0x41:
    case 0x42:
      out.bytes(reader.leb());
      return;
    case 0x43:
      out.bytes(reader.take(4));
      return;
    case 0x44:
      out.bytes(reader.take(8));
      return;
    case 0xd0:
      out.byte(reader.byte());
      return;
    case 0xfc:
      return prefixed(reader, out);
  }
  if ((op >= 0x0c && op <= 0x0d) || (op >= 0x20 && op <= 0x26) || op === 0x3f || op === 0x40) {
    out.u32(reader.u32());
    return;
  }
  if (op >= 0x28 && op <= 0x3e) {
    out.u32(reader.u32()).u32(reader.u32()); // memarg: alignment, offset
    return;
  }
  throw new Error(`the WebAssembly module uses opcode 0x${op.toString(16)}, which the loop guard does not know`);
}

function blockType(reader: Reader, out: Writer): void {
  const first = reader.bytes[reader.position]!;
  if (first === 0x40 || VALUE_TYPES.has(first)) out.byte(reader.byte());
  else out.bytes(reader.leb());
}

/** The 0xFC family: saturating conversions (no immediate), bulk memory and table operations. */
function prefixed(reader: Reader, out: Writer): void {
  const sub = reader.u32();
  out.u32(sub);
  const immediates = sub <= 7 ? 0 : sub === 9 || sub === 11 || sub === 13 || (sub >= 15 && sub <= 17) ? 1 : sub <= 14 ? 2 : -1;
  if (immediates < 0) throw new Error(`the WebAssembly module uses opcode 0xfc ${sub}, which the loop guard does not know`);
  for (let i = 0; i < immediates; i++) out.u32(reader.u32());
}

/** Copies a vector's length and returns it. */
function copyCount(reader: Reader, out: Writer): number {
  const count = reader.u32();
  out.u32(count);
  return count;
}

function signed(value: number): Uint8Array {
  const bytes: number[] = [];
  for (;;) {
    const byte = value & 0x7f;
    value >>= 7;
    if ((value === 0 && (byte & 0x40) === 0) || (value === -1 && (byte & 0x40) !== 0)) {
      bytes.push(byte);
      return Uint8Array.from(bytes);
    }
    bytes.push(byte | 0x80);
  }
}
