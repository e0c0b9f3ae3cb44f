// What the server printed that counts as an unhandled error: a stack frame,
// an "Error:" line, Next.js's error mark, or a JSON line of level "error".
export type LogProblem = { line: string; why: string };

const STACK_FRAME = /^\s+at \S.*(\(|:\d+:\d+)/;
const ERROR_TEXT = /(^|\s)(\w*Error|Unhandled|Uncaught)\b[:\s]|⨯/;

export function logProblems(text: string): LogProblem[] {
  const problems: LogProblem[] = [];
  for (const line of text.split("\n")) {
    if (line.trim() === "") continue;
    const entry = jsonLine(line);
    if (entry) {
      if (entry.level === "error") problems.push({ line, why: "a log entry of level error" });
      continue;
    }
    if (STACK_FRAME.test(line)) problems.push({ line, why: "a stack frame" });
    else if (ERROR_TEXT.test(line)) problems.push({ line, why: "an error printed" });
  }
  return problems;
}

function jsonLine(line: string): { level?: unknown } | null {
  if (!line.startsWith("{")) return null;
  try {
    return JSON.parse(line) as { level?: unknown };
  } catch {
    return null;
  }
}
