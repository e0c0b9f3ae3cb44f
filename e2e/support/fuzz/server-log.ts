// What the server printed that counts as an unhandled error: a stack frame,
// an "Error:" line, Next.js's error mark, or a JSON line of level "error".
export type LogProblem = {
  line: string;
  why: string;
  /** where the line starts in the text */
  at: number;
};

const STACK_FRAME = /^\s+at \S.*(\(|:\d+:\d+)/;
const ERROR_TEXT = /(^|\s)(\w*Error|Unhandled|Uncaught)\b[:\s]|⨯/;

export function logProblems(text: string): LogProblem[] {
  const problems: LogProblem[] = [];
  let at = 0;
  for (const line of text.split("\n")) {
    const why = problemIn(line);
    if (why) problems.push({ line, why, at });
    at += line.length + 1;
  }
  return problems;
}

function problemIn(line: string): string | null {
  if (line.trim() === "") return null;
  const entry = jsonLine(line);
  if (entry) return entry.level === "error" ? "a log entry of level error" : null;
  if (STACK_FRAME.test(line)) return "a stack frame";
  if (ERROR_TEXT.test(line)) return "an error printed";
  return null;
}

function jsonLine(line: string): { level?: unknown } | null {
  if (!line.startsWith("{")) return null;
  try {
    return JSON.parse(line) as { level?: unknown };
  } catch {
    return null;
  }
}
