export function valueImports(source: string): string[];
export function clientModules(): string[];
