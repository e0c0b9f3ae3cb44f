import { describe, expect, it } from "vitest";
import { TOO_MANY_FROM_NETWORK } from "@/lib/account/ip-limits";
import { FIX_FIELDS, UNEXPECTED } from "@/lib/form-messages";
import { SERVER_BUSY_MESSAGE } from "@/lib/server-busy";
import { ANSWER, registrationVerdict, signInVerdict, successOnly } from "./answers";

const BASE = "http://127.0.0.1:3000";
/** As React writes text into HTML. */
const html = (text: string) => `<form><p role="alert">${text.replace(/'/g, "&#x27;")}</p></form>`;
const page = (body: string) => ({ status: 200, location: null, body });

describe("registrationVerdict", () => {
  it("names the redirect to the check-email page a registration, however the location is written", () => {
    expect(registrationVerdict({ status: 303, location: "/register/check-email", body: "" }, BASE)).toEqual({ designed: true, answer: ANSWER.registered });
    expect(registrationVerdict({ status: 303, location: `${BASE}/register/check-email`, body: "" }, BASE)).toEqual({
      designed: true,
      answer: ANSWER.registered,
    });
  });

  it("takes the form again with the per-IP refusal or the busy message as designed answers, HTML escapes and all", () => {
    expect(registrationVerdict(page(html(`${TOO_MANY_FROM_NETWORK} Try again in 59 minutes.`)), BASE)).toEqual({ designed: true, answer: ANSWER.throttled });
    expect(registrationVerdict(page(html(SERVER_BUSY_MESSAGE)), BASE)).toEqual({ designed: true, answer: ANSWER.busy });
    expect(registrationVerdict({ status: 429, location: null, body: "" }, BASE)).toEqual({ designed: true, answer: ANSWER.tooMany });
  });

  it("counts a fault page, refused fields, an unknown page, another redirect and a 5xx as errors", () => {
    const errorOf = (answer: Parameters<typeof registrationVerdict>[0]) => {
      const verdict = registrationVerdict(answer, BASE);
      return verdict.designed ? `designed ${verdict.answer}` : verdict.error;
    };
    expect(errorOf(page(html(UNEXPECTED)))).toBe("register: the page says something went wrong");
    expect(errorOf(page(html(FIX_FIELDS)))).toBe("register: the form refused the fields");
    expect(errorOf(page("<h1>Create an account</h1>"))).toBe("register: HTTP 200 with no known message");
    expect(errorOf({ status: 303, location: "/login", body: "" })).toBe("register: redirect to /login");
    expect(errorOf({ status: 500, location: null, body: "Internal Server Error" })).toBe("register: HTTP 500");
    expect(errorOf({ status: 403, location: null, body: "Cross-site request refused." })).toBe("register: HTTP 403");
  });
});

describe("signInVerdict", () => {
  const redirect = (location: string, sessionCookie = false) => ({ status: 302, location, sessionCookie });
  const refusal = (code: string) => redirect(`/login?error=CredentialsSignin&code=${code}`);

  it("names a redirect with a session cookie a sign-in, but only for the right password", () => {
    expect(signInVerdict(redirect(`${BASE}/profile`, true), BASE, "right")).toEqual({ designed: true, answer: ANSWER.signedIn });
    expect(signInVerdict(redirect(`${BASE}/profile`, true), BASE, "wrong")).toEqual({ designed: false, error: "sign-in: a wrong password was let in" });
    expect(signInVerdict(redirect(`${BASE}/profile`), BASE, "right")).toEqual({ designed: false, error: "sign-in: redirect without a session cookie" });
  });

  it("names a refusal by its code: a wrong password, throttled, busy, locked", () => {
    expect(signInVerdict(refusal("credentials"), BASE, "wrong")).toEqual({ designed: true, answer: ANSWER.refused });
    expect(signInVerdict(refusal("throttled-300"), BASE, "right")).toEqual({ designed: true, answer: ANSWER.throttled });
    expect(signInVerdict(refusal("busy"), BASE, "wrong")).toEqual({ designed: true, answer: ANSWER.busy });
    expect(signInVerdict(refusal("locked"), BASE, "wrong")).toEqual({ designed: true, answer: ANSWER.locked });
    expect(signInVerdict({ status: 429, location: null, sessionCookie: false }, BASE, "right")).toEqual({ designed: true, answer: ANSWER.tooMany });
  });

  it("counts the right password refused, an unverified seeded account, Auth.js's fault codes and a 5xx as errors", () => {
    expect(signInVerdict(refusal("credentials"), BASE, "right")).toEqual({ designed: false, error: "sign-in: the right password was refused" });
    expect(signInVerdict(refusal("unverified"), BASE, "right")).toEqual({ designed: false, error: "sign-in: refused (unverified)" });
    expect(signInVerdict(redirect("/login?error=Configuration"), BASE, "right")).toEqual({ designed: false, error: "sign-in: Auth.js error Configuration" });
    expect(signInVerdict({ status: 500, location: null, sessionCookie: false }, BASE, "right")).toEqual({ designed: false, error: "sign-in: HTTP 500" });
  });
});

describe("successOnly", () => {
  it("keeps the bench's view: the one success is ok, every other answer its failure", () => {
    expect(successOnly({ designed: true, answer: ANSWER.signedIn }, ANSWER.signedIn, 12)).toEqual({ ok: true, ms: 12 });
    expect(successOnly({ designed: true, answer: ANSWER.busy }, ANSWER.signedIn, 12)).toEqual({ ok: false, error: ANSWER.busy });
    expect(successOnly({ designed: false, error: "sign-in: HTTP 500" }, ANSWER.signedIn, 12)).toEqual({ ok: false, error: "sign-in: HTTP 500" });
  });
});
