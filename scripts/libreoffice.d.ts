export function recalculate(file: string): { file: string; seconds: number };
