// Requests from another loopback address. Every test client is 127.0.0.1,
// but Linux answers the whole of 127.0.0.0/8, so a socket bound to 127.0.0.2
// is a second client address the server sees without any proxy or header.
import http from "node:http";

export const SECOND_ADDRESS = "127.0.0.2";

type Answer = { status: number; location: string | null; cookies: string[]; body: string };

function send(baseURL: string, path: string, options: { method: string; headers?: Record<string, string>; body?: string }): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const request = http.request(new URL(path, baseURL), { ...options, localAddress: SECOND_ADDRESS }, (response) => {
      let body = "";
      response.setEncoding("utf8").on("data", (chunk: string) => (body += chunk));
      response.on("end", () => resolve({ status: response.statusCode ?? 0, location: response.headers.location ?? null, cookies: response.headers["set-cookie"] ?? [], body }));
    });
    request.on("error", reject);
    request.end(options.body);
  });
}

/** Signs in through Auth.js's route from 127.0.0.2; returns the refusal's `code` (null: signed in). */
export async function signInFromSecondAddress(baseURL: string, fields: { email: string; password: string }): Promise<string | null> {
  const csrf = await send(baseURL, "/api/auth/csrf", { method: "GET" });
  const { csrfToken } = JSON.parse(csrf.body) as { csrfToken: string };
  const cookie = csrf.cookies.map((line) => line.split(";")[0]).join("; ");
  const answer = await send(baseURL, "/api/auth/callback/credentials", {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie, origin: new URL(baseURL).origin },
    body: new URLSearchParams({ ...fields, csrfToken }).toString(),
  });
  return new URL(answer.location ?? "/", baseURL).searchParams.get("code");
}
