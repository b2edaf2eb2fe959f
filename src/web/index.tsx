/* global document, window */
import { createRoot } from "react-dom/client";
import { localeOf } from "../ui/i18n";
import { WebApp } from "./WebApp";

document.documentElement.lang = localeOf(window.navigator.language);
const root = document.getElementById("root");
if (root) createRoot(root).render(<WebApp />);
