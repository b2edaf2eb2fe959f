export function recalculate(file: string): { file: string; seconds: number };
export function convert(file: string, ext: string, filter: string): { file: string; seconds: number };
