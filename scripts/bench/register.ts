// A new account (a fresh address each time) registered the way a browser
// without JavaScript does: the form's page, then its post to the action.
import { randomBytes } from "node:crypto";
import { registrationVerdict, type Verdict } from "./answers";
import { submitWithoutJavaScript } from "./no-js-form";
import { BENCH_PASSWORD } from "./seed-users";

/** The verdict (see answers.ts) and the time of the form post alone. */
export async function registerNewAccount(baseURL: string): Promise<{ verdict: Verdict; ms: number }> {
  const email = `new-${randomBytes(6).toString("hex")}@bench.test`;
  const answer = await submitWithoutJavaScript(`${baseURL}/register`, {
    name: "New Person",
    email,
    password: BENCH_PASSWORD,
    confirmPassword: BENCH_PASSWORD,
  });
  const verdict = registrationVerdict({ status: answer.status, location: answer.headers.get("location"), body: answer.body }, baseURL);
  return { verdict, ms: answer.ms };
}
