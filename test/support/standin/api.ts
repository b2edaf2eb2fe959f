// A strict stand-in for the parts of the Excel JavaScript API the product uses. It behaves like
// Office.js where bugs hide: reading a property before load() and sync() throws PropertyNotLoaded,
// writes are queued until sync, each sync is counted, and a request over 5 MB is refused.
import { toA1 } from "../../../src/forms/r1c1";
import { columnIndex, DEFAULT_COLUMN_WIDTH, DEFAULT_ROW_HEIGHT, key, letters, newSheet, parseAddress, shiftNameFormula, type BookState, type CellState, type SheetState, type ShapeState, type Value } from "./model";

export const REQUEST_LIMIT = 5 * 1024 * 1024;

/** Requests travel as UTF-8 JSON: a Chinese character is three bytes. */
const encoder = new TextEncoder();
export const utf8Bytes = (s: string) => encoder.encode(s).length;

/** Excel's published limit of page breaks on one sheet. */
export const MAX_PAGE_BREAKS = 1026;

export class OfficeError extends Error {
  constructor(readonly code: string, message: string) {
    super(`${code}: ${message}`);
  }
}

type Op = { bytes: number; run: () => number | void };

export class RequestContext {
  readonly workbook: Workbook;
  readonly application = { suspendApiCalculationUntilNextSync: () => undefined };
  syncs = 0;
  requests: number[] = [];
  queue: Op[] = [];

  constructor(readonly book: BookState) {
    this.workbook = new Workbook(this);
  }

  enqueue(bytes: number, run: () => number | void): void {
    this.queue.push({ bytes, run });
  }

  async sync(): Promise<void> {
    const ops = this.queue;
    this.queue = [];
    const sent = ops.reduce((n, o) => n + o.bytes, 0);
    if (sent > REQUEST_LIMIT) throw new OfficeError("RequestPayloadSizeLimitExceeded", `request of ${sent} bytes`);
    let received = 0;
    for (const op of ops) {
      const n = op.run();
      received += typeof n === "number" ? n : 0;
    }
    if (received > REQUEST_LIMIT) throw new OfficeError("ResponsePayloadSizeLimitExceeded", `response of ${received} bytes`);
    this.syncs++;
    this.requests.push(Math.max(sent, received));
  }

  sheet(name: string): SheetState {
    const s = this.book.sheets.find((x) => x.name === name);
    if (!s) throw new OfficeError("ItemNotFound", `worksheet ${name}`);
    return s;
  }
}

/** Properties become readable only after load() and a sync. */
class Loadable {
  protected loaded = new Set<string>();
  protected data: Record<string, unknown> = {};

  constructor(protected readonly ctx: RequestContext) {}

  protected read<T>(prop: string): T {
    if (!this.loaded.has(prop)) throw new OfficeError("PropertyNotLoaded", `${prop} was not loaded (call load("${prop}") and context.sync() first)`);
    return this.data[prop] as T;
  }

  protected fetch(props: string[], get: () => Record<string, unknown>): void {
    this.ctx.enqueue(props.length * 20, () => {
      const values = get();
      for (const p of props) {
        this.data[p] = values[p];
        this.loaded.add(p);
      }
      return utf8Bytes(JSON.stringify(values));
    });
  }
}

const props = (spec: string | string[]) => (Array.isArray(spec) ? spec : spec.split(",")).map((s) => s.trim()).filter(Boolean);

class Workbook {
  readonly worksheets: WorksheetCollection;
  readonly notes: Notes;
  readonly comments: Comments;
  readonly names: Names;
  readonly application: RequestContext["application"];
  constructor(ctx: RequestContext) {
    this.worksheets = new WorksheetCollection(ctx);
    this.notes = new Notes(ctx);
    this.comments = new Comments(ctx);
    this.names = new Names(ctx, () => (ctx.book.names ??= new Map()));
    this.application = ctx.application;
  }
}

/** Defined names (ExcelApi 1.4; NamedItem.formula 1.7): the workbook's, or one sheet's (Worksheet.names). */
class Names extends Loadable {
  constructor(ctx: RequestContext, private readonly map: () => Map<string, string>) {
    super(ctx);
  }
  /** A reference given as a Range is kept as the formula Excel shows for it ('Sheet'!$A$1:$B$2). */
  add(name: string, reference: string | Range): NamedItem {
    this.ctx.enqueue(typeof reference === "string" ? reference.length * 3 + 40 : 80, () => {
      const map = this.map();
      if ([...map.keys()].some((k) => k.toLowerCase() === name.toLowerCase())) throw new OfficeError("ItemAlreadyExists", name);
      map.set(name, typeof reference === "string" ? (reference.startsWith("=") ? reference : `=${reference}`) : reference.absoluteFormula());
    });
    return new NamedItem(this.ctx, name, this.map);
  }
  getItem(name: string): NamedItem {
    return new NamedItem(this.ctx, name, this.map);
  }
  getItemOrNullObject(name: string): NamedItem {
    const item = new NamedItem(this.ctx, name, this.map);
    this.ctx.enqueue(20, () => item.resolve());
    return item;
  }
  get items(): NamedItem[] {
    return this.read<NamedItem[]>("items");
  }
  load(spec: string): void {
    if (!/^(items\/)?(name|formula)(,\s*(items\/)?(name|formula))*$|^items$/.test(spec)) throw new OfficeError("InvalidArgument", `load("${spec}") not supported by the stand-in`);
    this.ctx.enqueue(20, () => {
      const map = this.map();
      this.data.items = [...map].map(([name, formula]) => NamedItem.loaded(this.ctx, name, formula, this.map));
      this.loaded.add("items");
      return [...map].reduce((n, [k, v]) => n + utf8Bytes(k + v) + 30, 0);
    });
  }
}

class NamedItem extends Loadable {
  private exists: boolean | undefined;
  constructor(ctx: RequestContext, private readonly itemName: string, private readonly map: () => Map<string, string>) {
    super(ctx);
  }
  static loaded(ctx: RequestContext, name: string, formula: string, map: () => Map<string, string>): NamedItem {
    const item = new NamedItem(ctx, name, map);
    Object.assign(item.data, { name, formula });
    item.loaded.add("name");
    item.loaded.add("formula");
    item.exists = true;
    return item;
  }
  resolve(): number {
    this.exists = this.map().has(this.itemName);
    return 10;
  }
  get isNullObject(): boolean {
    if (this.exists === undefined) throw new OfficeError("PropertyNotLoaded", "isNullObject is known only after context.sync()");
    return !this.exists;
  }
  get name(): string {
    return this.read<string>("name");
  }
  get formula(): string {
    return this.read<string>("formula");
  }
  load(spec: string): void {
    const wanted = props(spec);
    if (wanted.some((p) => p !== "formula" && p !== "name")) throw new OfficeError("InvalidArgument", `load("${spec}") not supported by the stand-in`);
    // A null object's properties are null, as in Office.js.
    this.fetch(wanted, () => ({ formula: this.map().get(this.itemName) ?? null, name: this.map().has(this.itemName) ? this.itemName : null }));
  }
  delete(): void {
    this.ctx.enqueue(20, () => {
      if (!this.map().delete(this.itemName)) throw new OfficeError("ItemNotFound", `name ${this.itemName}`);
    });
  }
}

class Notes {
  constructor(private readonly ctx: RequestContext) {}
  add(where: Range | string, content: string): void {
    this.ctx.enqueue(content.length * 3 + 50, () => void this.ctx.book.notes.set(typeof where === "string" ? where.replace(/'/g, "") : where.addressKey(), content));
  }
  getItem(address: string): { delete(): void } {
    return { delete: () => this.ctx.enqueue(50, () => {
      if (!this.ctx.book.notes.delete(address.replace(/'/g, ""))) throw new OfficeError("ItemNotFound", `no note at ${address}`);
    }) };
  }
  /** ExcelApi 1.18: the note, or a null object; its content readable after load and sync. */
  getItemOrNullObject(address: string): { readonly isNullObject: boolean; readonly content: string; load(p: string): void; delete(): void } {
    const where = address.replace(/'/g, "");
    const ctx = this.ctx;
    let state: { exists: boolean; content: string | null } | undefined;
    let loadedContent = false;
    ctx.enqueue(20, () => void (state = { exists: ctx.book.notes.has(where), content: ctx.book.notes.get(where) ?? null }));
    return {
      get isNullObject() {
        if (!state) throw new OfficeError("PropertyNotLoaded", "isNullObject is known only after context.sync()");
        return !state.exists;
      },
      get content() {
        if (!state || !loadedContent) throw new OfficeError("PropertyNotLoaded", "content was not loaded");
        return state.content as string;
      },
      load: (p: string) => {
        if (p !== "content") throw new OfficeError("InvalidArgument", `load("${p}") not supported by the stand-in`);
        ctx.enqueue(20, () => {
          loadedContent = true;
          return utf8Bytes(ctx.book.notes.get(where) ?? "");
        });
      },
      delete: () => ctx.enqueue(50, () => {
        if (!ctx.book.notes.delete(where)) throw new OfficeError("ItemNotFound", `no note at ${where}`);
      }),
    };
  }
}

/** Comments (ExcelApi 1.10): one thread per cell, as in Excel; adding a second to a cell fails. */
class Comments extends Loadable {
  private readonly key = (where: Range | string) => (typeof where === "string" ? where.replace(/'/g, "").replace(/\$/g, "") : where.addressKey());

  add(where: Range | string, content: string): void {
    this.ctx.enqueue(content.length * 3 + 50, () => {
      const k = this.key(where);
      if (this.ctx.book.comments.has(k)) throw new OfficeError("InvalidArgument", `${k} already has a comment`);
      this.ctx.book.comments.set(k, content);
    });
  }

  getItemByCell(where: Range | string): { delete(): void } {
    return {
      delete: () => this.ctx.enqueue(50, () => {
        const k = this.key(where);
        if (!this.ctx.book.comments.delete(k)) throw new OfficeError("ItemNotFound", `no comment at ${k}`);
      }),
    };
  }

  get items(): { getLocation(): { load(p: string): void; readonly address: string } }[] {
    return this.read("items");
  }

  load(spec: string): void {
    if (spec !== "items") throw new OfficeError("InvalidArgument", `load("${spec}") not supported by the stand-in`);
    this.fetch(["items"], () => ({
      items: [...this.ctx.book.comments.keys()].map((k) => ({
        getLocation: () => {
          const location = new CommentLocation(this.ctx, k);
          return location;
        },
      })),
    }));
  }
}

class CommentLocation extends Loadable {
  constructor(ctx: RequestContext, private readonly where: string) {
    super(ctx);
  }

  get address(): string {
    return this.read("address");
  }

  load(spec: string): void {
    const [sheet, cell] = this.where.split("!");
    this.fetch(["address"], () => ({ address: `'${sheet}'!${cell}` }));
    void spec;
  }
}

class WorksheetCollection extends Loadable {
  get items(): Worksheet[] {
    return this.read<Worksheet[]>("items");
  }

  load(spec: string): void {
    if (!/^items(\/name)?$/.test(spec)) throw new OfficeError("InvalidArgument", `load("${spec}") not supported by the stand-in`);
    this.ctx.enqueue(20, () => {
      this.data.items = this.ctx.book.sheets.map((s) => Worksheet.loaded(this.ctx, s.name));
      this.loaded.add("items");
      return this.ctx.book.sheets.reduce((n, s) => n + s.name.length * 3 + 20, 0);
    });
  }

  getItem(name: string): Worksheet {
    return new Worksheet(this.ctx, name);
  }

  getItemOrNullObject(name: string): Worksheet {
    const ws = new Worksheet(this.ctx, name, true);
    this.ctx.enqueue(20, () => ws.resolve());
    return ws;
  }

  add(name: string): Worksheet {
    if (!name || name.length > 31 || /[\\/?*[\]:]/.test(name)) throw new OfficeError("InvalidArgument", `sheet name ${name}`);
    this.ctx.enqueue(name.length * 3 + 20, () => {
      if (this.ctx.book.sheets.some((s) => s.name.toLowerCase() === name.toLowerCase())) throw new OfficeError("ItemAlreadyExists", name);
      this.ctx.book.sheets.push(newSheet(name));
    });
    return new Worksheet(this.ctx, name);
  }
}

class Worksheet extends Loadable {
  private nullObject: boolean | undefined;

  constructor(ctx: RequestContext, private readonly sheetName: string, private readonly orNull = false) {
    super(ctx);
  }

  static loaded(ctx: RequestContext, name: string): Worksheet {
    const ws = new Worksheet(ctx, name);
    ws.data.name = name;
    ws.loaded.add("name");
    return ws;
  }

  resolve(): number {
    this.nullObject = !this.ctx.book.sheets.some((s) => s.name === this.sheetName);
    return 10;
  }

  get isNullObject(): boolean {
    if (!this.orNull) return false;
    if (this.nullObject === undefined) throw new OfficeError("PropertyNotLoaded", "isNullObject is known only after context.sync()");
    return this.nullObject;
  }

  get name(): string {
    return this.read<string>("name");
  }

  get protection() {
    const self = this.ctx;
    const name = this.sheetName;
    let loaded = false;
    let value = false;
    return {
      load: (_p: string) => self.enqueue(20, () => { value = !!self.sheet(name).protected; loaded = true; return 10; }),
      get protected(): boolean {
        if (!loaded) throw new OfficeError("PropertyNotLoaded", "protection.protected was not loaded");
        return value;
      },
    };
  }

  set visibility(v: SheetState["visibility"]) {
    this.ctx.enqueue(30, () => void (this.ctx.sheet(this.sheetName).visibility = v));
  }

  get state(): SheetState {
    return this.ctx.sheet(this.sheetName);
  }

  /** Names scoped to this sheet (ExcelApi 1.4). */
  get names(): Names {
    return new Names(this.ctx, () => this.ctx.sheet(this.sheetName).names);
  }

  /** Pictures and other shapes (ExcelApi 1.9). */
  get shapes(): ShapeCollection {
    return new ShapeCollection(this.ctx, this.sheetName);
  }

  getRange(address: string): Range {
    const b = parseAddress(address);
    return new Range(this.ctx, this.sheetName, () => b);
  }

  getRangeByIndexes(row: number, col: number, rows: number, cols: number): Range {
    if (rows < 1 || cols < 1) throw new OfficeError("InvalidArgument", "empty range");
    return new Range(this.ctx, this.sheetName, () => ({ r0: row, c0: col, r1: row + rows - 1, c1: col + cols - 1 }));
  }

  getUsedRangeOrNullObject(_valuesOnly?: boolean): Range {
    const r = new Range(this.ctx, this.sheetName, () => {
      const s = this.ctx.sheet(this.sheetName);
      let r0 = Infinity, c0 = Infinity, r1 = -1, c1 = -1;
      for (const [k, c] of s.cells) {
        if (c.value === "" && !c.formula) continue;
        const [r, col] = k.split(",").map(Number);
        r0 = Math.min(r0, r); c0 = Math.min(c0, col); r1 = Math.max(r1, r); c1 = Math.max(c1, col);
      }
      return r1 < 0 ? null : { r0, c0, r1, c1 };
    }, true);
    this.ctx.enqueue(20, () => r.resolve());
    return r;
  }

  activate(): void {
    this.ctx.enqueue(20, () => void (this.ctx.book.active = { sheet: this.sheetName, cell: this.ctx.book.active?.cell ?? "A1" }));
  }

  delete(): void {
    this.ctx.enqueue(20, () => {
      const s = this.ctx.sheet(this.sheetName);
      this.ctx.book.sheets.splice(this.ctx.book.sheets.indexOf(s), 1);
    });
  }

  readonly freezePanes = { freezeRows: (n: number) => this.ctx.enqueue(20, () => void (this.ctx.sheet(this.sheetName).frozenRows = n)) };

  /** Excel keeps at most 1,026 page breaks on a sheet; the next one fails. */
  readonly horizontalPageBreaks = {
    add: (address: string) => this.ctx.enqueue(30, () => {
      const breaks = this.ctx.sheet(this.sheetName).pageBreaks;
      if (breaks.length >= MAX_PAGE_BREAKS) throw new OfficeError("InvalidOperation", `a sheet holds at most ${MAX_PAGE_BREAKS} page breaks`);
      breaks.push(address);
    }),
  };

  readonly verticalPageBreaks = {
    add: (address: string) => this.ctx.enqueue(30, () => void this.ctx.sheet(this.sheetName).colBreaks.push(address)),
  };

  readonly charts = {
    add: (type: string, source: Range, _by: string) => {
      const colours: string[] = [];
      const lines: Record<string, string> = {};
      const line = (name: string) => ({ format: { line: { set color(v: string) { lines[name] = v; } } } });
      const chart = {
        title: { text: "" },
        position: "",
        setPosition: (from: string, to: string) => this.ctx.enqueue(30, () => void (chart.position = `${from}:${to}`)),
        series: { getItemAt: (i: number) => ({ format: { fill: { setSolidColor: (c: string) => this.ctx.enqueue(30, () => void (colours[i] = c)) } } }) },
        dataLabels: { showValue: false },
        axes: {
          valueAxis: { majorGridlines: line("grid"), ...line("valueAxis") },
          categoryAxis: line("categoryAxis"),
        },
      };
      this.ctx.enqueue(100, () => void this.ctx.sheet(this.sheetName).charts.push({
        type, source: source.addressKey(), colours, lines,
        get title() { return chart.title.text; }, get position() { return chart.position; }, get dataLabels() { return chart.dataLabels.showValue; },
      }));
      return chart;
    },
  };

  get pageLayout() {
    const set = (f: (s: SheetState) => void) => this.ctx.enqueue(40, () => f(this.ctx.sheet(this.sheetName)));
    return {
      set orientation(v: string) { set((s) => (s.orientation = v)); },
      set paperSize(_v: string) { set(() => undefined); },
      set printGridlines(_v: boolean) { set(() => undefined); },
      set zoom(_v: unknown) { set(() => undefined); },
      set centerHorizontally(v: boolean) { set((s) => (s.print.centerHorizontally = v)); },
      set leftMargin(v: number) { set((s) => (s.print.leftMargin = v)); },
      set rightMargin(v: number) { set((s) => (s.print.rightMargin = v)); },
      set topMargin(v: number) { set((s) => (s.print.topMargin = v)); },
      set bottomMargin(v: number) { set((s) => (s.print.bottomMargin = v)); },
      set headerMargin(v: number) { set((s) => (s.print.headerMargin = v)); },
      set footerMargin(v: number) { set((s) => (s.print.footerMargin = v)); },
      headersFooters: { defaultForAllPages: { set centerFooter(v: string) { set((s) => (s.print.centerFooter = v)); } } },
      setPrintArea: (a: string) => set((s) => (s.printArea = a)),
      setPrintTitleRows: (a: string) => set((s) => (s.printTitleRows = a)),
      setPrintTitleColumns: (a: string) => set((s) => (s.print.titleColumns = a)),
    };
  }
}

type Bounds = { r0: number; c0: number; r1: number; c1: number };

/** Where a range sits on its sheet in points (Range.left/top/width/height, ExcelApi 1.3): the
 * widths of the columns and heights of the rows before it and in it, hidden columns 0 wide. */
export function geometry(s: SheetState, b: Bounds): { left: number; top: number; width: number; height: number } {
  const w = (c: number) => (s.hiddenColumns.has(c) ? 0 : (s.columnWidths.get(c) ?? DEFAULT_COLUMN_WIDTH));
  const h = (r: number) => s.rowHeights.get(r) ?? DEFAULT_ROW_HEIGHT;
  // Sums over the set sizes only: a 备案表 has tens of thousands of rows.
  const sum = (from: number, to: number, size: (i: number) => number, sizes: Map<number, number>, base: number, hidden = new Set<number>()) => {
    let n = (to - from) * base;
    for (const i of new Set([...sizes.keys(), ...hidden])) if (i >= from && i < to) n += size(i) - base;
    return n;
  };
  return {
    left: sum(0, b.c0, w, s.columnWidths, DEFAULT_COLUMN_WIDTH, s.hiddenColumns),
    top: sum(0, b.r0, h, s.rowHeights, DEFAULT_ROW_HEIGHT),
    width: sum(b.c0, b.c1 + 1, w, s.columnWidths, DEFAULT_COLUMN_WIDTH, s.hiddenColumns),
    height: sum(b.r0, b.r1 + 1, h, s.rowHeights, DEFAULT_ROW_HEIGHT),
  };
}

/** The pixel size of a JPEG (its first SOF marker) or a PNG (IHDR); null for anything else. */
function imageSize(bytes: Uint8Array): { width: number; height: number } | null {
  if (bytes[0] === 0x89 && bytes[1] === 0x50 && bytes[2] === 0x4e && bytes[3] === 0x47) {
    const v = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    return { width: v.getUint32(16), height: v.getUint32(20) };
  }
  if (bytes[0] !== 0xff || bytes[1] !== 0xd8) return null;
  for (let i = 2; i + 9 < bytes.length; ) {
    if (bytes[i] !== 0xff) return null;
    const marker = bytes[i + 1];
    const length = (bytes[i + 2] << 8) | bytes[i + 3];
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
      return { height: (bytes[i + 5] << 8) | bytes[i + 6], width: (bytes[i + 7] << 8) | bytes[i + 8] };
    }
    i += 2 + length;
  }
  return null;
}

let shapeIds = 0;

/** Worksheet.shapes (ExcelApi 1.9): addImage takes bare base64 of a JPEG or PNG (no data: prefix);
 * the picture starts at its own size (96 dpi: 0.75 pt a pixel) at the sheet's top left. */
class ShapeCollection extends Loadable {
  constructor(ctx: RequestContext, private readonly sheetName: string) {
    super(ctx);
  }

  addImage(base64: string): Shape {
    if (!/^[A-Za-z0-9+/]+=*$/.test(base64)) throw new OfficeError("InvalidArgument", "addImage takes a base64 string (no data: URL)");
    const id = `{${++shapeIds}}`;
    // The image travels in the request: its base64 counts towards the 5 MB.
    this.ctx.enqueue(base64.length + 60, () => {
      const size = imageSize(Uint8Array.from(atob(base64.slice(0, 64 * 1024)), (ch) => ch.charCodeAt(0)));
      if (!size) throw new OfficeError("InvalidArgument", "addImage: not a JPEG or PNG image");
      const s = this.ctx.sheet(this.sheetName);
      s.shapes.push({ id, name: `Picture ${s.shapes.length + 1}`, type: "Image", left: 0, top: 0, width: size.width * 0.75, height: size.height * 0.75, altTextDescription: "", altTextTitle: "", lockAspectRatio: true, base64 });
    });
    return new Shape(this.ctx, this.sheetName, id);
  }

  getCount(): { readonly value: number } {
    let value: number | undefined;
    this.ctx.enqueue(20, () => {
      value = this.ctx.sheet(this.sheetName).shapes.length;
      return 10;
    });
    return {
      get value(): number {
        if (value === undefined) throw new OfficeError("PropertyNotLoaded", "getCount() is known only after context.sync()");
        return value;
      },
    };
  }

  get items(): Shape[] {
    return this.read<Shape[]>("items");
  }

  load(spec: string): void {
    if (!/^items(\/[a-zA-Z]+(,\s*items\/[a-zA-Z]+)*)?$/.test(spec)) throw new OfficeError("InvalidArgument", `load("${spec}") not supported by the stand-in`);
    this.ctx.enqueue(20, () => {
      const shapes = this.ctx.sheet(this.sheetName).shapes;
      this.data.items = shapes.map((x) => Shape.loaded(this.ctx, this.sheetName, x));
      this.loaded.add("items");
      return shapes.reduce((n, x) => n + utf8Bytes(x.name + x.altTextDescription) + 80, 0);
    });
  }
}

const SHAPE_PROPS = ["name", "left", "top", "width", "height", "altTextDescription", "altTextTitle", "type", "id"] as const;

class Shape extends Loadable {
  constructor(ctx: RequestContext, private readonly sheetName: string, private readonly shapeId: string) {
    super(ctx);
  }

  static loaded(ctx: RequestContext, sheetName: string, x: ShapeState): Shape {
    const shape = new Shape(ctx, sheetName, x.id);
    for (const p of SHAPE_PROPS) {
      shape.data[p] = x[p];
      shape.loaded.add(p);
    }
    return shape;
  }

  private state(): ShapeState {
    const x = this.ctx.sheet(this.sheetName).shapes.find((y) => y.id === this.shapeId);
    if (!x) throw new OfficeError("ItemNotFound", `shape ${this.shapeId}`);
    return x;
  }

  private set<K extends "name" | "left" | "top" | "altTextDescription" | "altTextTitle">(p: K, v: ShapeState[K]): void {
    this.ctx.enqueue(typeof v === "string" ? utf8Bytes(v) + 30 : 30, () => void (this.state()[p] = v));
  }

  private resize(p: "width" | "height", v: number): void {
    this.ctx.enqueue(30, () => {
      const x = this.state();
      const other = p === "width" ? "height" : "width";
      if (x.lockAspectRatio && x[p] > 0) x[other] = (x[other] * v) / x[p];
      x[p] = v;
    });
  }

  set name(v: string) { this.set("name", v); }
  set left(v: number) { this.set("left", v); }
  set top(v: number) { this.set("top", v); }
  /** With the aspect ratio locked (a new picture's default), setting one side scales the other. */
  set width(v: number) { this.resize("width", v); }
  set height(v: number) { this.resize("height", v); }
  set lockAspectRatio(v: boolean) { this.ctx.enqueue(30, () => void (this.state().lockAspectRatio = v)); }
  set altTextDescription(v: string) { this.set("altTextDescription", v); }
  set altTextTitle(v: string) { this.set("altTextTitle", v); }
  get name(): string { return this.read("name"); }
  get left(): number { return this.read("left"); }
  get top(): number { return this.read("top"); }
  get width(): number { return this.read("width"); }
  get height(): number { return this.read("height"); }
  get altTextDescription(): string { return this.read("altTextDescription"); }

  delete(): void {
    this.ctx.enqueue(20, () => {
      const shapes = this.ctx.sheet(this.sheetName).shapes;
      shapes.splice(shapes.indexOf(this.state()), 1);
    });
  }
}

/** What Excel makes of a value typed or written: "=…" a formula, "'…" text, numeric text a number. */
function excelValue(v: unknown): { value: Value; formula?: string } {
  if (typeof v === "string") {
    if (v.startsWith("=")) return { value: 0, formula: v };
    if (v.startsWith("'")) return { value: v.slice(1) };
    if (/^\s*-?\d+(\.\d+)?\s*$/.test(v)) return { value: Number(v) };
    return { value: v };
  }
  if (typeof v === "number" || typeof v === "boolean") return { value: v };
  if (v === null || v === undefined) return { value: "" };
  throw new OfficeError("InvalidArgument", `cell value ${String(v)}`);
}

class Range extends Loadable {
  private bounds: Bounds | null | undefined;

  constructor(ctx: RequestContext, readonly sheetName: string, private readonly locate: () => Bounds | null, private readonly orNull = false) {
    super(ctx);
    if (!orNull) this.bounds = undefined;
  }

  resolve(): number {
    this.bounds = this.locate();
    return 10;
  }

  at(): Bounds {
    const b = this.locate();
    if (!b) throw new OfficeError("ItemNotFound", "range");
    return b;
  }

  get isNullObject(): boolean {
    if (!this.orNull) return false;
    if (this.bounds === undefined) throw new OfficeError("PropertyNotLoaded", "isNullObject is known only after context.sync()");
    return this.bounds === null;
  }

  addressKey(): string {
    const b = this.at();
    return `${this.sheetName}!${letters(b.c0)}${b.r0 + 1}${b.r1 === b.r0 && b.c1 === b.c0 ? "" : `:${letters(b.c1)}${b.r1 + 1}`}`;
  }

  load(spec: string | string[]): void {
    const wanted = props(spec);
    this.fetch(wanted, () => {
      const b = this.at();
      const s = this.ctx.sheet(this.sheetName);
      const out: Record<string, unknown> = {};
      for (const p of wanted) {
        if (p === "values" || p === "formulas") {
          if ((b.r1 - b.r0 + 1) * (b.c1 - b.c0 + 1) > 5_000_000) throw new OfficeError("ResponsePayloadSizeLimitExceeded", "more than 5 million cells");
          out[p] = Array.from({ length: b.r1 - b.r0 + 1 }, (_, i) => Array.from({ length: b.c1 - b.c0 + 1 }, (_, j) => {
            const c = s.cells.get(key(b.r0 + i, b.c0 + j));
            return p === "formulas" && c?.formula ? c.formula : (c?.value ?? "");
          }));
        } else if (p === "rowIndex") out[p] = b.r0;
        else if (p === "columnIndex") out[p] = b.c0;
        else if (p === "rowCount") out[p] = b.r1 - b.r0 + 1;
        else if (p === "columnCount") out[p] = b.c1 - b.c0 + 1;
        else if (p === "address") out[p] = `${this.sheetName}!${this.addressKey().replace(/^.*!/, "")}`;
        else if (p === "left" || p === "top" || p === "width" || p === "height") Object.assign(out, geometry(s, b));
        else throw new OfficeError("InvalidArgument", `load("${p}") not supported by the stand-in`);
      }
      return out;
    });
  }

  get values(): Value[][] { return this.read("values"); }
  get formulas(): Value[][] { return this.read("formulas"); }
  get rowIndex(): number { return this.read("rowIndex"); }
  get columnIndex(): number { return this.read("columnIndex"); }
  get rowCount(): number { return this.read("rowCount"); }
  get columnCount(): number { return this.read("columnCount"); }
  get address(): string { return this.read("address"); }
  get left(): number { return this.read("left"); }
  get top(): number { return this.read("top"); }
  get width(): number { return this.read("width"); }
  get height(): number { return this.read("height"); }

  private write(v: unknown, convert: (x: unknown, r: number, c: number) => { value: Value; formula?: string }): void {
    const bytes = utf8Bytes(JSON.stringify(v));
    this.ctx.enqueue(bytes, () => {
      const b = this.at();
      const s = this.ctx.sheet(this.sheetName);
      if (s.protected) throw new OfficeError("AccessDenied", `the sheet ${s.name} is protected`);
      const rows = b.r1 - b.r0 + 1, cols = b.c1 - b.c0 + 1;
      if (Array.isArray(v) && (v.length !== rows || v.some((r) => !Array.isArray(r) || r.length !== cols))) {
        throw new OfficeError("InvalidArgument", `the array is not ${rows}×${cols}`);
      }
      for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) {
        const x = Array.isArray(v) ? v[i][j] : v;
        const cell = convert(x, b.r0 + i, b.c0 + j);
        const k = key(b.r0 + i, b.c0 + j);
        const old = s.cells.get(k) ?? { value: "" };
        s.cells.set(k, { ...old, value: cell.value, formula: cell.formula });
      }
    });
  }

  set values(v: unknown) { this.write(v, (x) => excelValue(x)); }
  set formulas(v: unknown) { this.write(v, (x) => excelValue(x)); }
  set formulasR1C1(v: unknown) {
    this.write(v, (x, r, c) => (typeof x === "string" && x.startsWith("=") ? { value: 0, formula: `=${toA1(x.slice(1), r, c)}` } : excelValue(x)));
  }

  set columnHidden(h: boolean) {
    this.ctx.enqueue(20, () => {
      const b = this.at();
      const hidden = this.ctx.sheet(this.sheetName).hiddenColumns;
      for (let c = b.c0; c <= b.c1; c++) {
        if (h) hidden.add(c);
        else hidden.delete(c);
      }
    });
  }

  /** Formats only (fill, font, border), as RangeCopyType "Formats". */
  copyFrom(source: Range, copyType: string): void {
    if (copyType !== "Formats") throw new OfficeError("InvalidArgument", `copyFrom ${copyType} not supported by the stand-in`);
    this.ctx.enqueue(150, () => {
      const to = this.at(), from = source.at();
      const s = this.ctx.sheet(this.sheetName), src = this.ctx.sheet(source.sheetName);
      for (let r = 0; r <= to.r1 - to.r0; r++) for (let c = 0; c <= to.c1 - to.c0; c++) {
        const f = src.cells.get(key(from.r0 + r, from.c0 + c));
        const k = key(to.r0 + r, to.c0 + c);
        const cell = s.cells.get(k) ?? { value: "" };
        for (const p of ["fill", "bold", "fontColor", "fontSize", "border"] as const) {
          if (f && f[p] !== undefined) (cell as unknown as Record<string, unknown>)[p] = f[p];
          else delete cell[p];
        }
        s.cells.set(k, cell);
      }
    });
  }

  /** Inserts cells here, as a user inserting whole columns (shift "Right") or rows ("Down") does. */
  insert(shift: "Right" | "Down"): void {
    this.ctx.enqueue(30, () => shiftSheet(this.ctx, this.sheetName, this.at(), shift === "Right" ? "col" : "row", 1));
  }

  /** Deletes these whole columns (shift "Left") or rows ("Up"). */
  delete(shift: "Left" | "Up"): void {
    this.ctx.enqueue(30, () => shiftSheet(this.ctx, this.sheetName, this.at(), shift === "Left" ? "col" : "row", -1));
  }

  /** ExcelApi 1.9: the range's formula cells as one RangeAreas (its address: runs of cells down each column), or a null object. */
  getSpecialCellsOrNullObject(type: string): { readonly isNullObject: boolean; readonly address: string; load(p: string): void } {
    if (type !== "Formulas") throw new OfficeError("InvalidArgument", `getSpecialCells ${type} not supported by the stand-in`);
    const ctx = this.ctx;
    let found: string | null | undefined;
    let loaded = false;
    ctx.enqueue(30, () => {
      const b = this.at();
      const s = ctx.sheet(this.sheetName);
      const areas: string[] = [];
      for (let c = b.c0; c <= b.c1; c++) {
        let start = -1;
        for (let r = b.r0; r <= b.r1 + 1; r++) {
          const f = r <= b.r1 && !!s.cells.get(key(r, c))?.formula;
          if (f && start < 0) start = r;
          if (!f && start >= 0) {
            areas.push(`'${this.sheetName.replace(/'/g, "''")}'!${letters(c)}${start + 1}${r - 1 > start ? `:${letters(c)}${r}` : ""}`);
            start = -1;
          }
        }
      }
      found = areas.length ? areas.join(",") : null;
    });
    return {
      get isNullObject() {
        if (found === undefined) throw new OfficeError("PropertyNotLoaded", "isNullObject is known only after context.sync()");
        return found === null;
      },
      get address() {
        if (!loaded) throw new OfficeError("PropertyNotLoaded", "address was not loaded");
        return found as string;
      },
      load: (p: string) => {
        if (p !== "address") throw new OfficeError("InvalidArgument", `load("${p}") not supported by the stand-in`);
        ctx.enqueue(20, () => {
          loaded = true;
          return utf8Bytes(found ?? "");
        });
      },
    };
  }

  /** The formula Excel shows for a name referring to this range. */
  absoluteFormula(): string {
    const b = this.at();
    const one = `$${letters(b.c0)}$${b.r0 + 1}`;
    return `='${this.sheetName.replace(/'/g, "''")}'!${one}${b.r0 === b.r1 && b.c0 === b.c1 ? "" : `:$${letters(b.c1)}$${b.r1 + 1}`}`;
  }

  select(): void {
    this.ctx.enqueue(20, () => void (this.ctx.book.active = { sheet: this.sheetName, cell: this.addressKey().replace(/^.*!/, "") }));
  }

  getEntireColumn(): Range {
    return new Range(this.ctx, this.sheetName, () => {
      const b = this.at();
      return { r0: 0, c0: b.c0, r1: 1048575, c1: b.c1 };
    });
  }

  clear(_applyTo?: string): void {
    this.ctx.enqueue(20, () => {
      const b = this.at();
      const s = this.ctx.sheet(this.sheetName);
      for (const k of [...s.cells.keys()]) {
        const [r, c] = k.split(",").map(Number);
        if (r >= b.r0 && r <= b.r1 && c >= b.c0 && c <= b.c1) s.cells.delete(k);
      }
    });
  }

  private formatProxy: ReturnType<Range["makeFormat"]> | undefined;

  /** The same proxy on every access, as in Office.js (its loaded properties stay with it). */
  get format() {
    return (this.formatProxy ??= this.makeFormat());
  }

  /** Format writes touch every cell of the range; reads need load() like everything else. */
  private makeFormat() {
    const each = (f: (c: { value: Value; fill?: string; bold?: boolean; fontColor?: string; fontSize?: number; border?: boolean }) => void) =>
      this.ctx.enqueue(100, () => {
        const b = this.at();
        if (b.r1 === 1048575) return;
        const s = this.ctx.sheet(this.sheetName);
        for (let r = b.r0; r <= b.r1; r++) for (let c = b.c0; c <= b.c1; c++) {
          const k = key(r, c);
          const cell = s.cells.get(k) ?? { value: "" };
          f(cell);
          s.cells.set(k, cell);
        }
      });
    // The returned object's setters run with their own `this`; the range they belong to is kept here.
    // eslint-disable-next-line @typescript-eslint/no-this-alias
    const range = this;
    const fillLoaded = new Set<string>();
    const fillData: Record<string, unknown> = {};
    return {
      fill: {
        set color(v: string) { each((c) => (c.fill = v.toUpperCase())); },
        get color(): string {
          if (!fillLoaded.has("color")) throw new OfficeError("PropertyNotLoaded", "format.fill.color was not loaded");
          return fillData.color as string;
        },
        load(p: string) {
          if (p !== "color") throw new OfficeError("InvalidArgument", p);
          range.ctx.enqueue(20, () => {
            const b = range.at();
            fillData.color = range.ctx.sheet(range.sheetName).cells.get(key(b.r0, b.c0))?.fill ?? "#FFFFFF";
            fillLoaded.add("color");
            return 20;
          });
        },
        clear() { each((c) => delete c.fill); },
      },
      font: {
        set bold(v: boolean) { each((c) => (c.bold = v)); },
        set size(v: number) { each((c) => (c.fontSize = v)); },
        set color(v: string) { each((c) => (c.fontColor = v)); },
      },
      set horizontalAlignment(_v: string) { each(() => undefined); },
      set wrapText(_v: boolean) { each(() => undefined); },
      set rowHeight(v: number) {
        range.ctx.enqueue(20, () => {
          const b = range.at();
          for (let r = b.r0; r <= b.r1; r++) range.ctx.sheet(range.sheetName).rowHeights.set(r, v);
        });
      },
      set columnWidth(v: number) {
        range.ctx.enqueue(20, () => {
          const b = range.at();
          for (let c = b.c0; c <= b.c1; c++) range.ctx.sheet(range.sheetName).columnWidths.set(c, v);
        });
      },
      autofitColumns() {
        range.ctx.enqueue(20, () => {
          const b = range.at();
          for (let c = b.c0; c <= b.c1; c++) range.ctx.sheet(range.sheetName).columnWidths.delete(c);
        });
      },
      borders: { getItem: (_edge: string) => ({ set style(_v: string) { each((c) => (c.border = true)); }, set color(_v: string) { range.ctx.enqueue(100, () => undefined); } }) },
    };
  }
}

/**
 * Whole columns (or rows) inserted or deleted on a sheet, as Excel does it: cells, widths, hidden
 * columns, notes and comments move, and every defined name referring to the sheet (the workbook's
 * and every sheet's) is adjusted. Cell formulas are not rewritten: the stand-in does not compute them.
 */
function shiftSheet(ctx: RequestContext, sheetName: string, b: Bounds, axis: "col" | "row", sign: 1 | -1): void {
  const whole = axis === "col" ? b.r0 === 0 && b.r1 === 1048575 : b.c0 === 0 && b.c1 === 16383;
  if (!whole) throw new OfficeError("InvalidArgument", "the stand-in inserts and deletes whole columns and rows only");
  const at = axis === "col" ? b.c0 : b.r0;
  const n = (axis === "col" ? b.c1 - b.c0 : b.r1 - b.r0) + 1;
  const count = sign * n;
  const s = ctx.sheet(sheetName);
  const move = (i: number): number | null => (count > 0 ? (i >= at ? i + count : i) : i < at ? i : i < at + n ? null : i - n);
  const cells = new Map<string, CellState>();
  for (const [k, c] of s.cells) {
    const [r, col] = k.split(",").map(Number);
    const to = move(axis === "col" ? col : r);
    if (to !== null) cells.set(axis === "col" ? key(r, to) : key(to, col), c);
  }
  s.cells = cells;
  if (axis === "col") {
    s.columnWidths = new Map([...s.columnWidths].flatMap(([c, w]) => (move(c) === null ? [] : [[move(c) as number, w]])));
    s.hiddenColumns = new Set([...s.hiddenColumns].flatMap((c) => (move(c) === null ? [] : [move(c) as number])));
  }
  for (const store of [ctx.book.notes, ctx.book.comments]) {
    for (const [where, text] of [...store]) {
      const m = /^(.*)!([A-Z]+)(\d+)$/.exec(where);
      if (!m || m[1] !== sheetName) continue;
      store.delete(where);
      const col = columnIndex(m[2]), row = Number(m[3]) - 1;
      const to = move(axis === "col" ? col : row);
      if (to !== null) store.set(`${sheetName}!${axis === "col" ? letters(to) : m[2]}${axis === "col" ? row + 1 : to + 1}`, text);
    }
  }
  for (const names of [ctx.book.names ?? new Map<string, string>(), ...ctx.book.sheets.map((x) => x.names)]) {
    for (const [name, formula] of names) names.set(name, shiftNameFormula(formula, sheetName, axis, at, count));
  }
}

/** Excel.run as Office.js has it: the callback's queued work is synced at the end. */
export function makeExcel(book: BookState, onContext?: (ctx: RequestContext) => void) {
  return {
    run: async <T>(cb: (ctx: RequestContext) => Promise<T>): Promise<T> => {
      const ctx = new RequestContext(book);
      onContext?.(ctx);
      const result = await cb(ctx);
      await ctx.sync();
      return result;
    },
    ChartType: { columnClustered: "ColumnClustered" },
    ChartSeriesBy: { columns: "Columns" },
  };
}
