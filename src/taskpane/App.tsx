import { FluentProvider, webLightTheme, Title3, Body1 } from "@fluentui/react-components";

export function App() {
  return (
    <FluentProvider theme={webLightTheme}>
      <main style={{ padding: 12 }} data-testid="kz-pane">
        <Title3 as="h1">课证认定</Title3>
        <Body1 as="p">检查花名册与成绩，计算可认定等级。</Body1>
      </main>
    </FluentProvider>
  );
}
