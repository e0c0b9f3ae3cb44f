// Requests that name what came back, for the specs that take the database
// away (database-outage*.spec.ts, database-pool-exhaustion.spec.ts): "ok",
// "unavailable" (the designed answer while the database does not answer),
// or what went wrong instead.
import { UNAVAILABLE_MESSAGE, UNAVAILABLE_PAGE } from "../../lib/auth/unavailable";
import { UNEXPECTED } from "../../lib/form-messages";
import { ANSWER, registrationVerdict } from "../../scripts/bench/answers";
import { send, type Answer, type CookieJar } from "../../scripts/bench/http";
import { decodeEntities, submitWithoutJavaScript } from "../../scripts/bench/no-js-form";
import { attemptSignIn } from "../../scripts/bench/sign-in";
import { newAccount, type TestAccount } from "./accounts";

export const OK = "ok";
/** the designed answer while the database is away */
export const UNAVAILABLE = "unavailable";
export const DESIGNED = [OK, UNAVAILABLE];

export const says = (body: string, message: string) => decodeEntities(body).includes(message);

/** Auth.js's own sign-in route; a refusal is judged by what the sign-in page it leads to says. */
export async function signInProbe(baseURL: string, account: TestAccount): Promise<string> {
  const { verdict, jar, location } = await attemptSignIn(baseURL, account.email, account.password);
  if (verdict.designed && verdict.answer === ANSWER.signedIn) return OK;
  if (location === null) return verdict.designed ? verdict.answer : verdict.error;
  const page = await send(new URL(location, baseURL).href, { jar });
  if (page.status === 200 && says(page.body, UNEXPECTED)) return UNAVAILABLE;
  return `${verdict.designed ? verdict.answer : verdict.error}, then HTTP ${page.status}`;
}

/** A signed-in browser's /profile: its own details, or the unavailable page (503), never anything in between. */
export async function profileProbe(baseURL: string, jar: CookieJar, email: string): Promise<string> {
  const answer = await send(`${baseURL}/profile`, { jar });
  if (answer.status === 200) return answer.body.includes(email) ? OK : "HTTP 200 without the profile";
  if (answer.body.includes(email)) return `HTTP ${answer.status} with profile data`;
  const location = new URL(answer.headers.get("location") ?? "/", baseURL);
  if (location.pathname !== UNAVAILABLE_PAGE) return `HTTP ${answer.status} to ${location.pathname}`;
  const page = await send(location.href, { jar });
  return page.status === 503 && says(page.body, UNAVAILABLE_MESSAGE) ? UNAVAILABLE : `the unavailable page: HTTP ${page.status}`;
}

/** A registration posted as a browser without JavaScript does; `answered` keeps each address's answer. */
export async function registrationProbe(baseURL: string, answered: Map<string, string>): Promise<string> {
  const account = newAccount("outage");
  const fields = { name: account.name, email: account.email, password: account.password, confirmPassword: account.password };
  const answer = await submitWithoutJavaScript(`${baseURL}/register`, fields);
  const named = nameRegistration(answer, baseURL);
  answered.set(account.email, named);
  return named;
}

function nameRegistration(answer: Answer, baseURL: string): string {
  const verdict = registrationVerdict({ status: answer.status, location: answer.headers.get("location"), body: answer.body }, baseURL);
  if (verdict.designed && verdict.answer === ANSWER.registered) return OK;
  if (answer.status === 200 && says(answer.body, UNEXPECTED)) return UNAVAILABLE;
  return verdict.designed ? verdict.answer : verdict.error;
}
