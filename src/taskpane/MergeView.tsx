/* global Excel, File */
// 汇总 (the certification centre): department files picked here are read in the browser by the
// file host, merged, and the summary sheets written into the open workbook. Loaded lazily: the
// pane's first load does not carry the file host (zip and XML parsing).
import { Button, Caption1, Field, MessageBar, MessageBarBody, Subtitle2 } from "@fluentui/react-components";
import { useState } from "react";
import { mergeDepartments, mergedSheets, type DepartmentInput, type MergeResult } from "../app/merge";
import { UnusableWorkbook } from "../app/port";
import { ExcelWorkbook } from "../hosts/excel/workbook";
import { XlsxWorkbook } from "../hosts/xlsx/workbook";
import { explain } from "./actions";
import { TID } from "./testids";

async function readDepartment(file: File): Promise<DepartmentInput> {
  try {
    const wb = XlsxWorkbook.fromBytes(file.name, await file.arrayBuffer());
    return { file: file.name, grids: await wb.readSheets() };
  } catch (e) {
    if (e instanceof UnusableWorkbook) return { file: file.name, error: e.message };
    throw e;
  }
}

export default function MergeView() {
  const [result, setResult] = useState<MergeResult | null>(null);
  const [message, setMessage] = useState<{ intent: "success" | "error"; text: string } | null>(null);
  const [busy, setBusy] = useState(false);

  const pick = async (files: FileList | null) => {
    if (!files || files.length === 0) return;
    setBusy(true);
    setMessage(null);
    try {
      const inputs = await Promise.all([...files].map(readDepartment));
      setResult(mergeDepartments(inputs));
    } catch (e) {
      setResult(null);
      setMessage({ intent: "error", text: explain(e) });
    } finally {
      setBusy(false);
    }
  };

  const write = async () => {
    if (!result) return;
    setBusy(true);
    try {
      await Excel.run(async (context) => {
        const host = new ExcelWorkbook(context);
        await host.clearWriteBack();
        await host.applyPlan({ marks: [], blocks: [], sheets: mergedSheets(result) });
      });
      setMessage({ intent: "success", text: "已写入汇总表格（汇总情况、申报人员花名册、获证人员汇总表、公示名单、认定统计、认定计划、归档清单）。" });
    } catch (e) {
      setMessage({ intent: "error", text: explain(e) });
    } finally {
      setBusy(false);
    }
  };

  return (
    <section data-testid={TID.merge} style={{ display: "grid", gridTemplateColumns: "minmax(0, 1fr)", gap: 8 }}>
      <Subtitle2>汇总（认定中心）</Subtitle2>
      <Field label="选择各二级学院报送的 .xlsx 工作簿（可多选）">
        <input type="file" multiple accept=".xlsx" data-testid={TID.mergeFiles} disabled={busy} onChange={(e) => void pick(e.target.files)} />
      </Field>
      {result && (
        <>
          <ul data-testid={TID.mergeFilesList} style={{ margin: 0, paddingLeft: 16 }}>
            {result.files.map((f) => (
              <li key={f.file}>
                <Caption1>{f.merged ? "已汇总" : "未汇总"}　{f.file}{f.department ? `（${f.department}）` : ""}：{f.merged ? `${f.applicants} 人，错误 ${f.errors}` : f.reason}</Caption1>
              </li>
            ))}
          </ul>
          <Caption1>共 {result.applicants.length} 名申报人，可上报 {result.applicants.filter((a) => a.status === "eligible" || a.status === "downgrade").length} 人</Caption1>
          <Button appearance="primary" disabled={busy} data-testid={TID.mergeWrite} onClick={() => void write()}>写入汇总表格</Button>
        </>
      )}
      {message && (
        <MessageBar intent={message.intent} data-testid={TID.mergeMessage}>
          <MessageBarBody>{message.text}</MessageBarBody>
        </MessageBar>
      )}
    </section>
  );
}
