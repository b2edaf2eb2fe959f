// Rewrites the development manifest for a host: every https://localhost:3000 URL becomes ADDIN_URL.
"use strict";

const DEV_ORIGIN = "https://localhost:3000";

/** The production URL as a base ending in "/", or an error saying what is wrong with it. */
function checkAddinUrl(addinUrl) {
  let url;
  try {
    url = new URL(addinUrl);
  } catch {
    throw new Error(`ADDIN_URL 不是有效的网址：${addinUrl}`);
  }
  if (url.protocol !== "https:") throw new Error(`ADDIN_URL 必须是 https 地址（Office 只加载 https 加载项）：${addinUrl}`);
  if (/^(localhost|127\.|\[::1\])/.test(url.hostname)) throw new Error(`ADDIN_URL 不能是本机地址：${addinUrl}`);
  return url.href.endsWith("/") ? url.href : url.href + "/";
}

function rewriteManifest(xml, addinUrl) {
  if (addinUrl === DEV_ORIGIN + "/") return xml;
  const base = checkAddinUrl(addinUrl);
  const origin = new URL(base).origin;
  const out = xml.split(DEV_ORIGIN + "/").join(base).split(DEV_ORIGIN).join(origin);
  if (/localhost/i.test(out)) throw new Error("生产清单中仍有 localhost 地址：请检查 manifest.xml");
  return out;
}

module.exports = { checkAddinUrl, rewriteManifest };
