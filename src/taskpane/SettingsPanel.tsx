import { Button, Field, Input } from "@fluentui/react-components";
import { useState } from "react";
import { SETTING_KEYS } from "../forms/settings";
import type { strings } from "../ui/i18n";
import { TID } from "../ui/testids";

/** Edits the 设置 sheet (项目 | 值); the engine validates the values at the next check. */
export function SettingsPanel({ initial, t, onSave }: { initial: Record<string, string>; t: ReturnType<typeof strings>; onSave: (v: Record<string, string>) => void }) {
  const [values, setValues] = useState<Record<string, string>>(initial);
  return (
    <form data-testid={TID.settings} style={{ display: "grid", gap: 8 }} onSubmit={(e) => { e.preventDefault(); onSave(values); }}>
      {SETTING_KEYS.map((k) => (
        <Field key={k} label={k}>
          <Input data-testid={TID.setting(k)} value={values[k] ?? ""} onChange={(_, d) => setValues({ ...values, [k]: d.value })} />
        </Field>
      ))}
      <Button appearance="primary" type="submit" data-testid={TID.settingsSave}>{t.save}</Button>
    </form>
  );
}
