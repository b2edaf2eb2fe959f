/* global Office */
// Ribbon commands (shared runtime: the same page as the task pane).
import { requestCheck } from "../taskpane/events";

async function runCheck(event: Office.AddinCommands.Event): Promise<void> {
  try {
    await Office.addin.showAsTaskpane();
    requestCheck();
  } finally {
    event.completed();
  }
}

Office.onReady(() => {
  Office.actions.associate("runCheck", runCheck);
});
