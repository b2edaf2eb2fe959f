// The user stopped a long run: nothing was written. Its own module so that a screen can tell it
// apart without loading the engine.
export class Cancelled extends Error {
  constructor() {
    super("已取消，工作簿未作改动。");
    this.name = "Cancelled";
  }
}
