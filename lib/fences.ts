// The framework fences: code that exists only because Next.js, React or
// Auth.js, at the versions below, does something the app must not let
// through (a 500, an error in the log, a header believed from anyone). Each is
// numbered, and cited by number where it is written ("fence 8").
//
// fences.test.ts fails when an installed version differs from the one a fence
// was checked against (re-check the fence, its tests and its issues, then
// update the version here), and when a fence's tests no longer name it. Each
// fence's tests fail when the fence stops working; where a test can ask the
// framework directly, it also fails when the fence stops being needed (then
// delete the fence).
//
// Not fences: lib/http/same-origin.ts, security-headers.ts and
// clear-site-data.ts are the app's own policy, which it would keep on any
// framework. Prisma's and PGlite's workarounds are numbered in
// lib/db-adapter.ts, one test each in lib/db-adapter.test.ts.
//
// Under `next dev` there is no server.ts, so fences 1-5 and 14 are not there.

/** A package whose version a fence was checked against; "react (in next)" is the React that Next.js bundles and runs the app with. */
export type CheckedPackage = "next" | "react" | "react-dom" | "react (in next)" | "next-auth" | "@auth/core";

export type Fence = {
  number: number;
  title: string;
  /** what the framework does without the fence */
  because: string;
  where: string[];
  /** upstream reports of the behaviour, where one was found */
  issues: string[];
  checkedWith: Partial<Record<CheckedPackage, string>>;
  /** files whose tests name the fence ("fence 8") */
  tests: string[];
};

const NEXT = { next: "16.4.5" } as const;
const REACT = { react: "19.3.1", "react-dom": "19.3.1", "react (in next)": "19.3.0-canary-278794d7-20261002" } as const;
const AUTH_JS = { "next-auth": "5.0.0-beta.32", "@auth/core": "0.41.3" } as const;

export const FENCES: readonly Fence[] = [
  {
    number: 1,
    title: "Methods the Fetch API refuses are answered 405",
    because: "Next.js builds a Fetch API Request for every request, and new Request() throws on CONNECT, TRACE and TRACK: a 500.",
    where: ["server.ts", "lib/http/served-methods.ts"],
    issues: [],
    checkedWith: NEXT,
    tests: ["lib/http/served-methods.test.ts"],
  },
  {
    number: 2,
    title: "A path that does not decode is answered 400",
    because: "Next.js decodes the path to match routes and their parameters; one with escapes that are no UTF-8 ends in a 500.",
    where: ["server.ts", "lib/http/request-target.ts"],
    issues: ["https://github.com/vercel/next.js/issues/43303"],
    checkedWith: NEXT,
    tests: ["lib/http/request-target.test.ts"],
  },
  {
    number: 3,
    title: "Forwarded headers are believed from trusted proxies only",
    because: "Next.js takes a client's X-Forwarded-Host, -Proto and -For as true; it has no list of trusted proxies.",
    where: ["server.ts", "lib/http/client-address.ts"],
    issues: [],
    checkedWith: NEXT,
    tests: ["lib/http/client-address.test.ts", "e2e/security/host-header.spec.ts"],
  },
  {
    number: 4,
    title: "A 307 answering a plain form post becomes a 303",
    because:
      'Next.js answers 307 when the page rendered after a form\'s action redirects; the browser posts the form again to the new page, which shows "Server Action unavailable".',
    where: ["server.ts", "lib/http/see-other.ts"],
    issues: [],
    checkedWith: NEXT,
    tests: ["lib/http/see-other.test.ts", "e2e/reliability/database-outage-buttons.spec.ts"],
  },
  {
    number: 5,
    title: "Uncaught errors reach only the app's own listeners",
    because:
      "Next.js installs process listeners that print an error's message and stack over several lines and carry on, even after an uncaught exception left the process in an unknown state.",
    where: ["lib/process-faults.ts", "server.ts"],
    issues: ["https://github.com/vercel/next.js/pull/77997", "https://github.com/vercel/next.js/pull/95999"],
    checkedWith: NEXT,
    tests: ["lib/process-faults.test.ts", "e2e/reliability/process-faults.spec.ts"],
  },
  {
    number: 6,
    title: "A form post larger than any action takes goes back to its page",
    because: "Past serverActions.bodySizeLimit Next.js throws during the action and answers with an error page.",
    where: ["proxy.ts"],
    issues: [],
    checkedWith: NEXT,
    tests: ["e2e/journeys/avatar.spec.ts"],
  },
  {
    number: 7,
    title: "Multipart bodies are laid out as browsers write them",
    because: "The Fetch API's parser reads some bodies that Next.js's own parser (busboy) refuses with an error, which a JavaScript call answers with 500.",
    where: ["proxy.ts", "lib/http/multipart-shape.ts"],
    issues: [],
    checkedWith: NEXT,
    tests: ["lib/http/multipart-shape.test.ts"],
  },
  {
    number: 8,
    title: "Server action requests come in the shapes the pages send (React's encoding)",
    because:
      "Next.js decodes an action's arguments before any app code runs; a body it cannot decode, or an id no build has, ends in a 500 and a stack trace in the log. The check reads React's wire format, so an upgrade that changes it would refuse every real form with 400.",
    where: ["proxy.ts", "lib/http/server-action-request.ts", "lib/http/server-action-ids.ts"],
    issues: ["https://github.com/vercel/next.js/issues/90090", "https://github.com/vercel/next.js/issues/86945"],
    checkedWith: { ...NEXT, ...REACT },
    tests: ["lib/http/server-action-request.test.ts", "lib/http/server-action-encoding.test.ts", "e2e/security/fuzz.spec.ts"],
  },
  {
    number: 9,
    title: "A server action's Origin names the host Next.js compares it with",
    because:
      "Next.js refuses an action whose Origin is not the first X-Forwarded-Host (else Host) by logging an error and answering 500; the cross-site check lets the app's other loopback names through.",
    where: ["lib/http/server-action-request.ts"],
    issues: ["https://github.com/vercel/next.js/issues/92703", "https://github.com/vercel/next.js/issues/77556"],
    checkedWith: NEXT,
    tests: ["lib/http/server-action-request.test.ts", "e2e/security/fuzz.spec.ts"],
  },
  {
    number: 10,
    title: "Auth.js's route is asked only what the app uses",
    because:
      "Auth.js logs an error for every action it does not know, and copies an `error` parameter into its redirect's Location unescaped (a TypeError for a character past Latin-1).",
    where: ["app/api/auth/[...nextauth]/route.ts", "lib/auth/auth-route-requests.ts"],
    issues: ["https://github.com/nextauthjs/next-auth/issues/3986"],
    checkedWith: { ...NEXT, ...AUTH_JS },
    tests: ["lib/auth/auth-route-requests.test.ts"],
  },
  {
    number: 11,
    title: "A callback URL Auth.js cannot read is refused, and its cookie cleared",
    because: 'Auth.js answers 500 ("server configuration") on every request while its callback-url cookie, or a callbackUrl parameter, is no URL.',
    where: ["app/api/auth/[...nextauth]/route.ts", "lib/auth/auth-route-requests.ts"],
    issues: ["https://github.com/nextauthjs/next-auth/issues/5585"],
    checkedWith: AUTH_JS,
    tests: ["lib/auth/auth-route-requests.test.ts"],
  },
  {
    number: 12,
    title: "The unavailable page is a 503",
    because: "An App Router page cannot choose its status; the proxy sets it for /unavailable.",
    where: ["proxy.ts"],
    issues: [],
    checkedWith: NEXT,
    tests: ["e2e/reliability/database-outage.spec.ts"],
  },
  {
    number: 13,
    title: "A route handler's own Content-Security-Policy is set again by the proxy",
    because: "Next.js lays the headers the proxy sets over the route handler's own, so the avatar's strict policy would become the page policy.",
    where: ["proxy.ts", "lib/http/security-headers.ts"],
    issues: [],
    checkedWith: NEXT,
    tests: ["lib/http/security-headers.test.ts", "e2e/journeys/avatar.spec.ts"],
  },
  {
    number: 14,
    title: "Server actions can tell that their client has gone",
    because: "Next.js gives a server action no request object and no abort signal; server.ts runs each request with one.",
    where: ["server.ts", "lib/http/client-signal.ts"],
    issues: ["https://github.com/vercel/next.js/issues/81418"],
    checkedWith: NEXT,
    tests: ["lib/http/client-signal.test.ts"],
  },
  {
    number: 15,
    title: "Per-process values are remembered on globalThis",
    because: "Next.js may evaluate a module once per bundle layer, and server.ts loads its own copy of what it shares with the app: module state would be duplicated.",
    where: ["lib/remember.ts"],
    issues: ["https://github.com/vercel/next.js/issues/65350"],
    checkedWith: NEXT,
    tests: ["lib/remember.test.ts"],
  },
];
