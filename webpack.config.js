/* eslint-disable @typescript-eslint/no-require-imports */
// Builds the task pane, custom functions and ribbon commands into dist/ (one shared runtime page).
// Production: ADDIN_URL=https://kz.example.edu.cn/ npm run build  (every localhost URL in the
// manifest is replaced by ADDIN_URL). `npm run dev-server` (scripts/dev-server.js) serves it.
const path = require("path");
const HtmlWebpackPlugin = require("html-webpack-plugin");
const CopyWebpackPlugin = require("copy-webpack-plugin");
const CustomFunctionsMetadataPlugin = require("custom-functions-metadata-plugin");
const { checkAddinUrl, rewriteManifest } = require("./scripts/manifest-url");

const DEV_URL = "https://localhost:3000/";

module.exports = async (env, options) => {
  const production = options.mode === "production";
  const addinUrl = production ? process.env.ADDIN_URL : DEV_URL;
  if (production && !addinUrl) {
    throw new Error("生产构建需要部署地址：ADDIN_URL=https://你的服务器/路径/ npm run build（开发构建用 npm run build:dev）");
  }
  if (production) checkAddinUrl(addinUrl);
  const config = {
    devtool: production ? false : "source-map",
    entry: {
      taskpane: "./src/taskpane/index.tsx",
      functions: "./src/functions/functions.ts",
      commands: "./src/commands/commands.ts",
      // 网页版 (dist/web.html): the same engine and components for WPS and LibreOffice users.
      web: "./src/web/index.tsx",
    },
    output: { path: path.resolve(__dirname, "dist"), filename: "[name].js", chunkFilename: "[name].[contenthash:8].js", clean: true },
    resolve: {
      extensions: [".ts", ".tsx", ".js"],
      // ExcelJS in the browser (lazy merge view) needs no Node built-ins beyond these stand-ins.
      fallback: { fs: false, path: false, os: false, crypto: false, stream: false, zlib: false, util: false, buffer: false },
    },
    module: {
      rules: [
        { test: /\.tsx?$/, exclude: /node_modules/, use: { loader: "ts-loader", options: { transpileOnly: true, compilerOptions: { module: "esnext" } } } },
      ],
    },
    plugins: [
      new CustomFunctionsMetadataPlugin({ output: "functions.json", input: "./src/functions/functions.ts" }),
      new HtmlWebpackPlugin({
        filename: "taskpane.html",
        template: "./src/taskpane/taskpane.html",
        chunks: ["taskpane", "functions", "commands"],
        chunksSortMode: "manual",
      }),
      new HtmlWebpackPlugin({ filename: "web.html", template: "./src/web/web.html", chunks: ["web"] }),
      new CopyWebpackPlugin({
        patterns: [
          { from: "assets/*.png", to: "assets/[name][ext]" },
          { from: "src/taskpane/help.html", to: "help.html" },
          { from: "manifest.xml", to: "manifest.xml", transform: (content) => rewriteManifest(content.toString(), addinUrl) },
        ],
      }),
    ],
    performance: { hints: false },
  };
  return config;
};
