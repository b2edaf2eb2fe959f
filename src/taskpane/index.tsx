/* global Office, document */
import { createRoot } from "react-dom/client";
import { App } from "./App";

Office.onReady(() => {
  const root = document.getElementById("root");
  if (root) createRoot(root).render(<App />);
});
